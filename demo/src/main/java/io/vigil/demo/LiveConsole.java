package io.vigil.demo;

import io.vigil.config.VigilConfig;
import io.vigil.demo.report.Observations;
import io.vigil.saga.SagaState;
import io.vigil.saga.order.OrderData;
import io.vigil.simulator.Simulator;
import io.vigil.streams.app.OrderSagaApp;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The live view: one line every refresh with a progress bar, events per second in, sagas by status,
 * anomalies by class, firewall and scaling commands, and consumer lag per component.
 */
final class LiveConsole implements AutoCloseable {
  /** Consumer groups of the demo's components, by the name shown. */
  static final Map<String, String> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("sagas", "vigil-demo-sagas");
    GROUPS.put("anomaly", "vigil-demo-anomaly");
    GROUPS.put("forecast", "vigil-demo-forecast");
    GROUPS.put("firewall", "vigil-firewall-responder");
    GROUPS.put("scaling", "vigil-scaling-responder");
    GROUPS.put("actuator", "vigil-actuator-log");
  }

  /** Groups whose lag gates the drain (Flink commits its offsets only on checkpoints). */
  static final List<String> DRAINED = List.of("sagas", "firewall", "scaling", "actuator");

  private final PrintWriter out;
  private final Admin admin;
  private final OrderSagaApp sagas;
  private final Simulator simulator;
  private final Collector collector;
  private final Instant start;
  private final Duration duration;
  private long lastRecords;
  private long lastNanos = System.nanoTime();

  LiveConsole(
      PrintWriter out,
      VigilConfig config,
      OrderSagaApp sagas,
      Simulator simulator,
      Collector collector,
      Instant start,
      Duration duration) {
    this.out = out;
    this.admin = Admin.create(config.adminProps());
    this.sagas = sagas;
    this.simulator = simulator;
    this.collector = collector;
    this.start = start;
    this.duration = duration;
  }

  void print() {
    long now = System.nanoTime();
    long records = simulator.snapshot().records();
    double rate = (records - lastRecords) / Math.max(1e-3, (now - lastNanos) / 1e9);
    lastRecords = records;
    lastNanos = now;
    long elapsed = Math.max(0, Duration.between(start, Instant.now()).toSeconds());
    Map<String, Integer> status = sagaStatus();
    Map<String, Integer> classes = new TreeMap<>();
    for (Observations.Anomaly a : collector.anomalyList) {
      classes.merge(a.threatClass().toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    Map<String, Long> lag = lag();
    out.printf(
        Locale.ROOT,
        "%s %3d/%ds | in %5.0f ev/s | sagas %d done %d cancelled %d open | anomalies %d %s |"
            + " firewall %d | scaling %d | lag %s%n",
        bar(elapsed, duration.toSeconds(), 20),
        Math.min(elapsed, duration.toSeconds()),
        duration.toSeconds(),
        rate,
        status.getOrDefault("COMPLETED", 0),
        status.getOrDefault("CANCELLED", 0),
        status.getOrDefault("RUNNING", 0) + status.getOrDefault("COMPENSATING", 0),
        collector.anomalyList.size(),
        classes,
        collector.firewallList.size(),
        collector.scalingList.size(),
        lag.isEmpty() ? "-" : lag.toString());
    out.flush();
  }

  /** A text progress bar: {@code [#####.....]}. */
  static String bar(long done, long total, int width) {
    int filled = total <= 0 ? width : (int) Math.min(width, done * width / total);
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
  }

  private Map<String, Integer> sagaStatus() {
    Map<String, Integer> counts = new HashMap<>();
    try {
      for (SagaState<OrderData> s : Demo.sagaStates(sagas).values()) {
        counts.merge(s.status().name(), 1, Integer::sum);
      }
    } catch (RuntimeException rebalancing) {
      // shown as zeros this time
    }
    return counts;
  }

  /** Records behind the end of their inputs, per component (empty when it cannot be read). */
  Map<String, Long> lag() {
    Map<String, Long> lag = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> g : GROUPS.entrySet()) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(g.getValue())
                .partitionsToOffsetAndMetadata()
                .get(5, TimeUnit.SECONDS);
        committed.values().removeIf(java.util.Objects::isNull);
        if (committed.isEmpty()) {
          continue;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends =
            admin
                .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(5, TimeUnit.SECONDS);
        long behind = 0;
        for (var e : committed.entrySet()) {
          // a transaction's commit marker takes an offset no consumer reads: allow one per
          // partition
          behind += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset() - 1);
        }
        lag.put(g.getKey(), behind);
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Map.of();
    }
    return lag;
  }

  /** Components of {@link #DRAINED} still behind their inputs (or unknown). */
  List<String> laggingGroups() {
    Map<String, Long> lag = lag();
    if (lag.isEmpty()) {
      return DRAINED;
    }
    return DRAINED.stream().filter(g -> lag.getOrDefault(g, 0L) > 0).toList();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
