package io.vigil.demo;

import io.vigil.simulator.Estate;
import io.vigil.simulator.sink.AvroJson;
import io.vigil.simulator.sink.FileSink;
import io.vigil.telemetry.RequestLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Scaling targets from the training traffic: for each service with routes at the gateway, the load
 * one replica should carry is {@link #HEADROOM} times its median requests per second per replica in
 * the training run (which ends when the demo starts, so it sees the same time of day). Normal
 * traffic then stays below the target; a scripted surge (×3.5 in the demo script) does not.
 */
final class Calibration {
  /** Target = this × the median per-replica load. */
  static final double HEADROOM = 1.6;

  private Calibration() {}

  static Map<String, Double> targetPerReplica(Path trainingData, Estate estate, Duration window) {
    Map<String, Map<Long, Integer>> counts = new HashMap<>();
    try (Stream<RequestLog> logs =
        AvroJson.lines(trainingData.resolve(FileSink.REQUESTS_FILE), RequestLog.class)) {
      logs.forEach(
          r ->
              counts
                  .computeIfAbsent(r.getService(), s -> new HashMap<>())
                  .merge(r.getOccurredAt().toEpochMilli() / window.toMillis(), 1, Integer::sum));
    }
    return targets(counts, estate, window);
  }

  /** Targets from request counts per service and window index. */
  static Map<String, Double> targets(
      Map<String, Map<Long, Integer>> counts, Estate estate, Duration window) {
    Map<String, Double> targets = new TreeMap<>();
    List<String> routed =
        estate.apiRoutes().stream().map(Estate.Route::service).distinct().sorted().toList();
    for (String service : routed) {
      Map<Long, Integer> perWindow = counts.getOrDefault(service, Map.of());
      int replicas = estate.service(service).map(Estate.Service::replicas).orElse(1);
      List<Double> rates = new ArrayList<>();
      if (!perWindow.isEmpty()) {
        long first = perWindow.keySet().stream().min(Long::compare).orElseThrow();
        long last = perWindow.keySet().stream().max(Long::compare).orElseThrow();
        // whole windows only: not the first and the last
        for (long w = first + 1; w < last; w++) {
          rates.add(perWindow.getOrDefault(w, 0) / (window.toMillis() / 1000.0) / replicas);
        }
      }
      double median = median(rates);
      targets.put(service, Math.max(0.5, Math.round(median * HEADROOM * 100) / 100.0));
    }
    return targets;
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
