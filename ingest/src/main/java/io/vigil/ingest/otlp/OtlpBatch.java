package io.vigil.ingest.otlp;

import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.util.List;

/**
 * What one OTLP request maps to: Vigil records to write, and how many items were rejected (for the
 * response's {@code partial_success}) or ignored (accepted but not stored: log records that are not
 * access logs).
 *
 * @param spans spans for {@code telemetry.spans}
 * @param metrics data points for {@code telemetry.metrics}
 * @param requests request logs for {@code telemetry.requests}
 * @param rejected items (spans, data points or log records) that could not be mapped
 * @param ignored items accepted but not stored
 * @param problems distinct reasons for rejections, at most a few
 */
public record OtlpBatch(
    List<Span> spans,
    List<MetricPoint> metrics,
    List<RequestLog> requests,
    long rejected,
    long ignored,
    List<String> problems) {

  /** Copies the lists. */
  public OtlpBatch {
    spans = List.copyOf(spans);
    metrics = List.copyOf(metrics);
    requests = List.copyOf(requests);
    problems = List.copyOf(problems);
  }

  /** The {@code error_message} of a partial success, or empty when nothing needs saying. */
  public String errorMessage(String items) {
    StringBuilder message = new StringBuilder();
    if (rejected > 0) {
      message.append(rejected).append(' ').append(items).append(" rejected: ");
      message.append(String.join("; ", problems));
    }
    if (ignored > 0) {
      if (message.length() > 0) {
        message.append(". ");
      }
      message
          .append(ignored)
          .append(' ')
          .append(items)
          .append(
              " without HTTP attributes accepted but not stored (Vigil keeps access logs only)");
    }
    return message.toString();
  }
}
