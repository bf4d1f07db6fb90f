package io.vigil.streams;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The application's own counters, registered as Kafka Streams custom metrics (group {@code
 * stream-vigil-metrics}, tag {@code vigil-id=order-saga}, per stream thread), so they reach
 * Prometheus through the same binder as the built-in Streams metrics: {@code <name>-total} and
 * {@code <name>-rate}.
 */
public final class Metrics {

  static final String SCOPE = "vigil";
  static final String ENTITY = "order-saga";

  private Metrics() {}

  /**
   * The counter {@code name} of the current stream thread (created on first use; later calls with
   * the same name return the same sensor).
   */
  public static Sensor counter(ProcessingContext context, String name) {
    return context.metrics().addRateTotalSensor(SCOPE, ENTITY, name, Sensor.RecordingLevel.INFO);
  }
}
