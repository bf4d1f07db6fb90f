package io.vigil.flink.anomaly;

/**
 * One data point of one service metric.
 *
 * @param service service
 * @param metric metric name
 * @param timestampMillis observation time, epoch millis
 * @param value value
 */
public record MetricSample(String service, String metric, long timestampMillis, double value) {

  /** The series key: {@code <service>|<metric>}. */
  public String seriesKey() {
    return service + "|" + metric;
  }
}
