package io.vigil.simulator;

import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.MetricType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Load of every service and the metrics it reports. Each service has a capacity (requests per
 * second over all replicas: at least 10 per replica, more if needed so that the normal daily peak
 * uses at most 60 % of it); its utilisation {@code rho} is a moving average of the requests it
 * served per tick over that capacity. Utilisation feeds back into traffic: above 0.7 latency grows
 * linearly (1.9x at full load), above 1 a share {@code 0.7 (1 - 1/rho)} of requests is shed with
 * 503. A flood or a surge therefore shows in latency, errors and CPU, as on a real estate.
 *
 * <p>Every {@code metricInterval} each service reports, keyed by service, with {@code occurredAt}
 * at the end of the interval: {@code http.server.request.count} and {@code http.server.error.count}
 * (COUNTER, 5xx, per interval), {@code http.server.request.duration.p95} (GAUGE, ms, only when it
 * served requests), {@code process.cpu.utilization} (GAUGE, 0-1: idle 3 % plus 90 % of utilisation,
 * saturating at 1) and {@code service.replicas} (GAUGE).
 */
final class ServiceLoad {

  private static final class State {
    final Estate.Service service;
    final double capacity;
    double rho;
    long tickCount;
    long intervalCount;
    long intervalErrors;
    double[] latencies = new double[256];

    State(Estate.Service service, double capacity, double rho) {
      this.service = service;
      this.capacity = capacity;
      this.rho = rho;
    }
  }

  /** Requests per second one replica handles at least, whatever the traffic level. */
  static final double MIN_CAPACITY_PER_REPLICA = 10.0;

  private final Map<String, State> states = new LinkedHashMap<>();
  private final SplittableRandom rng;
  private final Ids ids;

  /**
   * @param estate the estate
   * @param meanRates expected request rate per service at the traffic's mean, requests/s
   * @param peakRates expected request rate per service at the daily peak, requests/s
   */
  ServiceLoad(
      Estate estate,
      Map<String, Double> meanRates,
      Map<String, Double> peakRates,
      SplittableRandom rng,
      Ids ids) {
    this.rng = rng;
    this.ids = ids;
    for (Estate.Service service : estate.services().values()) {
      double peak = peakRates.getOrDefault(service.name(), 0.0);
      double capacity = Math.max(MIN_CAPACITY_PER_REPLICA * service.replicas(), peak / 0.6);
      double rho = meanRates.getOrDefault(service.name(), 0.0) / capacity;
      states.put(service.name(), new State(service, capacity, rho));
    }
  }

  /** Latency multiplier of {@code service} under its current load. */
  double latencyMultiplier(String service) {
    double rho = states.get(service).rho;
    return rho <= 0.7 ? 1.0 : 1.0 + 3.0 * (Math.min(rho, 3.0) - 0.7);
  }

  /** Probability that {@code service} sheds a request (503) under its current load. */
  double shedProbability(String service) {
    double rho = states.get(service).rho;
    return rho <= 1.0 ? 0.0 : 0.7 * (1.0 - 1.0 / rho);
  }

  /** Records one request served by {@code service}. */
  void served(String service, double latencyMs, int status) {
    State s = states.get(service);
    s.tickCount++;
    if (status >= 500) {
      s.intervalErrors++;
    }
    if (s.intervalCount == s.latencies.length) {
      s.latencies = Arrays.copyOf(s.latencies, s.latencies.length * 2);
    }
    s.latencies[(int) s.intervalCount++] = latencyMs;
  }

  /** Ends a tick of {@code seconds}: updates utilisation from the requests served in it. */
  void endTick(double seconds) {
    for (State s : states.values()) {
      double observed = s.tickCount / seconds / s.capacity;
      s.rho = 0.6 * s.rho + 0.4 * observed;
      s.tickCount = 0;
    }
  }

  /** Current utilisation of {@code service}. */
  double utilisation(String service) {
    return states.get(service).rho;
  }

  /** Emits the metric points of the interval ending at {@code atMicros} and resets it. */
  void emitMetrics(long atMicros, double intervalSeconds, RecordQueue out) {
    java.time.Instant at = Time.millisOf(atMicros);
    String interval = Long.toString(Math.round(intervalSeconds * 1000));
    Map<String, String> intervalAttr = Map.of("interval.ms", interval);
    for (State s : states.values()) {
      String name = s.service.name();
      out.add(
          atMicros,
          metric(
              at,
              name,
              "http.server.request.count",
              MetricType.COUNTER,
              s.intervalCount,
              "{request}",
              intervalAttr));
      out.add(
          atMicros,
          metric(
              at,
              name,
              "http.server.error.count",
              MetricType.COUNTER,
              s.intervalErrors,
              "{request}",
              intervalAttr));
      if (s.intervalCount > 0) {
        out.add(
            atMicros,
            metric(
                at,
                name,
                "http.server.request.duration.p95",
                MetricType.GAUGE,
                p95(s.latencies, (int) s.intervalCount),
                "ms",
                intervalAttr));
      }
      double cpu = Math.min(1.0, 0.03 + 0.9 * s.rho * Random2.uniform(rng, 0.95, 1.05));
      out.add(
          atMicros,
          metric(
              at,
              name,
              "process.cpu.utilization",
              MetricType.GAUGE,
              Math.round(cpu * 10_000) / 10_000.0,
              "1",
              Map.of()));
      out.add(
          atMicros,
          metric(
              at,
              name,
              "service.replicas",
              MetricType.GAUGE,
              s.service.replicas(),
              "{replica}",
              Map.of()));
      s.intervalCount = 0;
      s.intervalErrors = 0;
    }
  }

  /** Names of the metrics every service reports. */
  static List<String> metricNames() {
    return List.of(
        "http.server.request.count",
        "http.server.error.count",
        "http.server.request.duration.p95",
        "process.cpu.utilization",
        "service.replicas");
  }

  private MetricPoint metric(
      java.time.Instant at,
      String service,
      String name,
      MetricType type,
      double value,
      String unit,
      Map<String, String> attributes) {
    return new MetricPoint(ids.uuid(), at, service, null, name, type, value, unit, attributes);
  }

  private static double p95(double[] values, int n) {
    double[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(0.95 * n) - 1;
    return Math.round(sorted[Math.max(0, index)] * 1000) / 1000.0;
  }
}
