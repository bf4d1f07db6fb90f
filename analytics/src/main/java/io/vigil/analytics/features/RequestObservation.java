package io.vigil.analytics.features;

import java.util.Objects;

/**
 * One observed request, the plain input of the window features (an API-gateway access log line or a
 * server span mapped to HTTP terms).
 *
 * <p>Optional identities ({@code clientIp}, {@code principal}, {@code route}, {@code caller},
 * {@code callee}) are {@code null} when unknown; an edge exists only when both {@code caller} and
 * {@code callee} are known. A negative or non-finite latency means "unknown" and is left out of the
 * latency quantiles (the request still counts); negative byte counts are treated as 0.
 *
 * @param timestampMillis event time, epoch millis
 * @param service the service that served the request (never null)
 * @param clientIp client address, or null
 * @param principal authenticated user or token id, or null
 * @param route route template or path, or null
 * @param status HTTP status code (0 if unknown)
 * @param latencyMs latency in milliseconds (negative or NaN = unknown)
 * @param bytesIn request body bytes
 * @param bytesOut response body bytes
 * @param caller calling service of a service-to-service call, or null
 * @param callee called service of a service-to-service call, or null
 */
public record RequestObservation(
    long timestampMillis,
    String service,
    String clientIp,
    String principal,
    String route,
    int status,
    double latencyMs,
    long bytesIn,
    long bytesOut,
    String caller,
    String callee) {

  public RequestObservation {
    Objects.requireNonNull(service, "service");
  }

  /** Returns {@code caller->callee}, or null when either side is unknown. */
  public String edge() {
    return caller == null || callee == null ? null : EntityType.edgeKey(caller, callee);
  }
}
