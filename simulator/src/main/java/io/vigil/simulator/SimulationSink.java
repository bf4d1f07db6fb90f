package io.vigil.simulator;

import io.vigil.orders.OrderEvent;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.util.List;

/**
 * Where a simulator writes its records, one call per record, in non-decreasing {@code occurredAt}
 * order (labels at their start), all from the simulator's thread. A sink that fails throws; the
 * simulator does not catch it. The simulator calls {@link #flush()} and {@link
 * #completed(SimulationStats)} at the end of a run but never {@link #close()}: the caller owns the
 * sink.
 */
public interface SimulationSink extends AutoCloseable {

  /** A finished span (key: trace id). */
  void span(Span span);

  /** A gateway access log entry (key: service). */
  void request(RequestLog request);

  /** A per-service metric point (key: service). */
  void metric(MetricPoint metric);

  /** An order event (key: order id); not called when orders go to an order consumer. */
  void order(OrderEvent order);

  /** A ground-truth label, when its attack starts (key: entity). */
  void label(GroundTruthLabel label);

  /** Makes everything written so far durable or visible; throws if an earlier write failed. */
  default void flush() {}

  /** Called once after the last record of a run, after {@link #flush()}. */
  default void completed(SimulationStats stats) {}

  @Override
  default void close() {}

  /** A sink writing every record to each of {@code sinks}, in order. */
  static SimulationSink tee(SimulationSink... sinks) {
    List<SimulationSink> all = List.of(sinks);
    return new SimulationSink() {
      @Override
      public void span(Span span) {
        all.forEach(s -> s.span(span));
      }

      @Override
      public void request(RequestLog request) {
        all.forEach(s -> s.request(request));
      }

      @Override
      public void metric(MetricPoint metric) {
        all.forEach(s -> s.metric(metric));
      }

      @Override
      public void order(OrderEvent order) {
        all.forEach(s -> s.order(order));
      }

      @Override
      public void label(GroundTruthLabel label) {
        all.forEach(s -> s.label(label));
      }

      @Override
      public void flush() {
        all.forEach(SimulationSink::flush);
      }

      @Override
      public void completed(SimulationStats stats) {
        all.forEach(s -> s.completed(stats));
      }

      @Override
      public void close() {
        all.forEach(SimulationSink::close);
      }
    };
  }
}
