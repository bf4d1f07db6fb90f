package io.vigil.features.eval;

import io.vigil.analytics.features.FeatureVector;
import io.vigil.features.OfflineWindows;
import io.vigil.features.TelemetryMapping;
import io.vigil.orders.OrderEvent;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.SimulationSink;
import io.vigil.simulator.SimulationStats;
import io.vigil.simulator.Simulator;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulator run cut into the anomaly job's feature windows in memory: every access log and span
 * goes through {@link TelemetryMapping} into {@link OfflineWindows} (the job's windows, computed
 * offline), the ground-truth labels are kept. Nothing is written to disk.
 *
 * @param seed simulator seed
 * @param start virtual start
 * @param duration virtual duration
 * @param windows feature windows, ordered by window start, entity type, entity
 * @param labels ground-truth labels of the run
 * @param requests access logs simulated
 * @param spans spans simulated
 */
public record SimulatedRun(
    long seed,
    Instant start,
    Duration duration,
    List<FeatureVector> windows,
    List<GroundTruthLabel> labels,
    long requests,
    long spans) {

  public SimulatedRun {
    windows = List.copyOf(windows);
    labels = List.copyOf(labels);
  }

  /**
   * Simulates {@code scenario} from {@code start} for {@code duration} and cuts it into windows.
   */
  public static SimulatedRun simulate(
      long seed, Instant start, Duration duration, Scenario scenario, Duration window) {
    OfflineWindows windows = new OfflineWindows(window);
    WindowSink sink = new WindowSink(windows);
    Simulator.builder()
        .seed(seed)
        .start(start)
        .duration(duration)
        .scenario(scenario)
        .build()
        .run(sink);
    return new SimulatedRun(
        seed, start, duration, windows.vectors(), sink.labels, sink.requests, sink.spans);
  }

  /** Feeds telemetry into the windows and keeps the labels. */
  private static final class WindowSink implements SimulationSink {
    private final OfflineWindows windows;
    private final List<GroundTruthLabel> labels = new ArrayList<>();
    private long requests;
    private long spans;

    WindowSink(OfflineWindows windows) {
      this.windows = windows;
    }

    @Override
    public void span(Span span) {
      TelemetryMapping.fanOut(span, windows::add);
      spans++;
    }

    @Override
    public void request(RequestLog request) {
      TelemetryMapping.fanOut(request, windows::add);
      requests++;
    }

    @Override
    public void metric(MetricPoint metric) {}

    @Override
    public void order(OrderEvent order) {}

    @Override
    public void label(GroundTruthLabel label) {
      labels.add(label);
    }

    @Override
    public void completed(SimulationStats stats) {}
  }
}
