package io.vigil.simulator.sink;

import io.vigil.orders.OrderEvent;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.SimulationSink;
import io.vigil.simulator.SimulationStats;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps every record in memory, per type and in arrival order; for tests and short in-process runs
 * (a minute of default traffic is about 15 000 records). Not thread-safe: read it after the run.
 */
public final class MemorySink implements SimulationSink {
  private final List<Span> spans = new ArrayList<>();
  private final List<RequestLog> requests = new ArrayList<>();
  private final List<MetricPoint> metrics = new ArrayList<>();
  private final List<OrderEvent> orders = new ArrayList<>();
  private final List<GroundTruthLabel> labels = new ArrayList<>();
  private final List<Object> all = new ArrayList<>();
  private SimulationStats stats;

  @Override
  public void span(Span span) {
    spans.add(span);
    all.add(span);
  }

  @Override
  public void request(RequestLog request) {
    requests.add(request);
    all.add(request);
  }

  @Override
  public void metric(MetricPoint metric) {
    metrics.add(metric);
    all.add(metric);
  }

  @Override
  public void order(OrderEvent order) {
    orders.add(order);
    all.add(order);
  }

  @Override
  public void label(GroundTruthLabel label) {
    labels.add(label);
    all.add(label);
  }

  @Override
  public void completed(SimulationStats runStats) {
    this.stats = runStats;
  }

  /** Spans received. */
  public List<Span> spans() {
    return spans;
  }

  /** Request logs received. */
  public List<RequestLog> requests() {
    return requests;
  }

  /** Metric points received. */
  public List<MetricPoint> metrics() {
    return metrics;
  }

  /** Order events received. */
  public List<OrderEvent> orders() {
    return orders;
  }

  /** Labels received. */
  public List<GroundTruthLabel> labels() {
    return labels;
  }

  /** Every record in the order received. */
  public List<Object> all() {
    return all;
  }

  /** Stats of the completed run, if it completed. */
  public Optional<SimulationStats> stats() {
    return Optional.ofNullable(stats);
  }
}
