package io.vigil.demo;

import io.vigil.analytics.Anomaly;
import io.vigil.analytics.ForecastPoint;
import io.vigil.analytics.LoadForecast;
import io.vigil.config.VigilConfig;
import io.vigil.demo.report.Observations;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.ScalingCommand;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the pipeline produced — anomalies, firewall and scaling commands, forecasts — from the
 * beginning, {@code read_committed}, on its own thread, and keeps them as plain {@link
 * Observations} for the live console and the report.
 */
final class Collector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topic<String, Anomaly> anomalies;
  private final Topic<String, FirewallCommand> firewall;
  private final Topic<String, ScalingCommand> scaling;
  private final Topic<String, LoadForecast> forecasts;
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);

  final List<Observations.Anomaly> anomalyList = new CopyOnWriteArrayList<>();
  final List<Observations.FirewallCommand> firewallList = new CopyOnWriteArrayList<>();
  final List<Observations.ScalingCommand> scalingList = new CopyOnWriteArrayList<>();
  final List<Observations.Forecast> forecastList = new CopyOnWriteArrayList<>();
  private volatile Instant firstAnomalyAt;
  private volatile long caughtUpAtNanos = -1;
  private volatile Throwable failure;

  Collector(VigilConfig config, TopicCatalog catalog) {
    this.anomalies = catalog.anomalies();
    this.firewall = catalog.firewallCommands();
    this.scaling = catalog.scalingCommands();
    this.forecasts = catalog.forecasts();
    Map<String, Object> props =
        new java.util.HashMap<>(config.consumerProps("vigil-demo-collector"));
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic<?, ?> t : List.of(anomalies, firewall, scaling, forecasts)) {
      consumer.partitionsFor(t.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition()))
          .forEach(partitions::add);
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::loop, "vigil-demo-collector");
    thread.setDaemon(true);
    thread.start();
  }

  /** Wall time of the first anomaly read, if any. */
  Instant firstAnomalyAt() {
    return firstAnomalyAt;
  }

  /** Whether the collector read up to the committed end of every topic after {@code nanos}. */
  boolean caughtUpSince(long nanos) {
    return caughtUpAtNanos >= nanos;
  }

  /** Why the collector stopped, if it failed. */
  Throwable failure() {
    return failure;
  }

  private void loop() {
    long lastCheck = 0;
    try {
      while (running.get()) {
        long pollStarted = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() != null) {
            handle(r);
          }
        }
        if (pollStarted - lastCheck > 500_000_000L) {
          lastCheck = pollStarted;
          Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
          boolean caughtUp =
              ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
          if (caughtUp) {
            caughtUpAtNanos = pollStarted;
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("demo collector failed", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> r) {
    Instant now = Instant.now();
    String topic = r.topic();
    try {
      if (topic.equals(anomalies.name())) {
        Anomaly a = anomalies.valueSerde().deserializer().deserialize(topic, r.value());
        anomalyList.add(
            new Observations.Anomaly(
                new Observations.Entity(a.getEntityType().name(), a.getEntity()),
                a.getThreatClass().name(),
                a.getScore(),
                a.getConfidence(),
                a.getWindowStart(),
                a.getWindowEnd(),
                a.getColdStart(),
                a.getModelVersion(),
                now));
        if (firstAnomalyAt == null) {
          firstAnomalyAt = now;
        }
      } else if (topic.equals(firewall.name())) {
        FirewallCommand c = firewall.valueSerde().deserializer().deserialize(topic, r.value());
        firewallList.add(
            new Observations.FirewallCommand(
                c.getCommandId(),
                c.getAction().name(),
                c.getScope().name(),
                c.getTarget(),
                c.getKind().name(),
                c.getReason(),
                c.getOccurredAt(),
                now));
      } else if (topic.equals(scaling.name())) {
        ScalingCommand c = scaling.valueSerde().deserializer().deserialize(topic, r.value());
        scalingList.add(
            new Observations.ScalingCommand(
                c.getService(),
                c.getCurrentReplicas(),
                c.getDesiredReplicas(),
                c.getBasis().name(),
                c.getRule().name(),
                c.getForecastStatus().name(),
                c.getMode().name(),
                c.getObservedLoad(),
                c.getForecastUpperBound(),
                c.getOccurredAt(),
                now));
      } else if (topic.equals(forecasts.name())) {
        LoadForecast f = forecasts.valueSerde().deserializer().deserialize(topic, r.value());
        if (!f.getPoints().isEmpty()) {
          ForecastPoint p = f.getPoints().get(0);
          forecastList.add(
              new Observations.Forecast(
                  f.getService(), f.getGeneratedAt(), p.getMean(), p.getUpper80(), now));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn(
          String.format(
              Locale.ROOT, "cannot decode %s-%d@%d: %s", topic, r.partition(), r.offset(), e));
    }
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
