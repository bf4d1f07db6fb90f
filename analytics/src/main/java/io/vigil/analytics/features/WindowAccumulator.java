package io.vigil.analytics.features;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * Accumulates the {@link RequestObservation}s of one (entity type, entity, window) and yields its
 * {@link FeatureVector}. Pure and mergeable, shaped for Flink's {@code AggregateFunction}: {@code
 * createAccumulator = new WindowAccumulator()}, {@code add}, {@code merge}, {@code getResult =
 * result(...)}.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>every added observation counts as one request; the ratios divide by that count;
 *   <li>latency quantiles come from a {@link LatencySketch} (DDSketch, 1 % relative error); unknown
 *       latencies (negative or NaN) are left out of the quantiles only;
 *   <li>distinct routes, clients, principals and window edges are exact sets, capped at {@link
 *       #DISTINCT_CAP} entries each: a count is {@code min(cap, true distinct count)}, also after
 *       merges;
 *   <li>{@code merge(a, b)} then {@code result} equals adding all of a's and b's observations to
 *       one accumulator, in any order.
 * </ul>
 */
public final class WindowAccumulator implements Serializable {

  /** Maximum entries kept per distinct set. */
  public static final int DISTINCT_CAP = 65_536;

  private long requests;
  private long status4xx;
  private long status5xx;
  private long authFailures;
  private long bytesOut;
  private final LatencySketch latency = new LatencySketch();
  private final Set<String> routes = new HashSet<>();
  private final Set<String> clients = new HashSet<>();
  private final Set<String> principals = new HashSet<>();
  private final Set<String> edges = new HashSet<>();

  /** Adds one observation; returns this for chaining. */
  public WindowAccumulator add(RequestObservation o) {
    requests++;
    int s = o.status();
    if (s >= 400 && s <= 499) {
      status4xx++;
    }
    if (s >= 500 && s <= 599) {
      status5xx++;
    }
    if (s == 401 || s == 403) {
      authFailures++;
    }
    bytesOut += Math.max(0L, o.bytesOut());
    latency.add(o.latencyMs());
    addCapped(routes, o.route());
    addCapped(clients, o.clientIp());
    addCapped(principals, o.principal());
    addCapped(edges, o.edge());
    return this;
  }

  /** Adds everything {@code other} accumulated into this accumulator; returns this. */
  public WindowAccumulator merge(WindowAccumulator other) {
    requests += other.requests;
    status4xx += other.status4xx;
    status5xx += other.status5xx;
    authFailures += other.authFailures;
    bytesOut += other.bytesOut;
    latency.merge(other.latency);
    mergeCapped(routes, other.routes);
    mergeCapped(clients, other.clients);
    mergeCapped(principals, other.principals);
    mergeCapped(edges, other.edges);
    return this;
  }

  /** Number of requests accumulated. */
  public long requests() {
    return requests;
  }

  /** The caller→callee edges seen in this window (read-only view). */
  public Set<String> edges() {
    return Collections.unmodifiableSet(edges);
  }

  /**
   * Computes the window's features.
   *
   * @param type entity type
   * @param entity entity key
   * @param windowStartMillis window start, inclusive
   * @param windowEndMillis window end, exclusive; must be after the start (the rate divides by the
   *     window length, not by the span of the observations)
   * @param history the entity's edges seen before this window, or null when unknown (then {@link
   *     Feature#NEW_EDGE} is 0). Not modified: record the window's edges with {@link
   *     EdgeHistory#recordAll} afterwards.
   */
  public FeatureVector result(
      EntityType type,
      String entity,
      long windowStartMillis,
      long windowEndMillis,
      EdgeHistory history) {
    if (windowEndMillis <= windowStartMillis) {
      throw new IllegalArgumentException(
          "window end must be after start: [" + windowStartMillis + "," + windowEndMillis + ")");
    }
    double seconds = (windowEndMillis - windowStartMillis) / 1000.0;
    double[] v = new double[Feature.count()];
    v[Feature.REQUEST_RATE.ordinal()] = requests / seconds;
    v[Feature.ERROR_4XX_RATIO.ordinal()] = ratio(status4xx);
    v[Feature.ERROR_5XX_RATIO.ordinal()] = ratio(status5xx);
    v[Feature.AUTH_FAILURE_RATIO.ordinal()] = ratio(authFailures);
    v[Feature.LATENCY_P50_MS.ordinal()] = latency.quantile(0.50);
    v[Feature.LATENCY_P95_MS.ordinal()] = latency.quantile(0.95);
    v[Feature.LATENCY_P99_MS.ordinal()] = latency.quantile(0.99);
    v[Feature.BYTES_OUT_SUM.ordinal()] = bytesOut;
    v[Feature.BYTES_OUT_PER_REQUEST.ordinal()] = ratio(bytesOut);
    v[Feature.DISTINCT_ROUTES.ordinal()] = routes.size();
    v[Feature.DISTINCT_CLIENTS.ordinal()] = clients.size();
    v[Feature.DISTINCT_PRINCIPALS.ordinal()] = principals.size();
    v[Feature.NEW_EDGE.ordinal()] =
        history != null && history.anyNew(edges, windowStartMillis) ? 1.0 : 0.0;
    return new FeatureVector(type, entity, windowStartMillis, windowEndMillis, v);
  }

  private double ratio(long numerator) {
    return requests == 0 ? 0.0 : (double) numerator / requests;
  }

  private static void addCapped(Set<String> set, String value) {
    if (value != null && !value.isEmpty() && set.size() < DISTINCT_CAP) {
      set.add(value);
    }
  }

  private static void mergeCapped(Set<String> into, Set<String> from) {
    for (String s : from) {
      if (into.size() >= DISTINCT_CAP) {
        return;
      }
      into.add(s);
    }
  }
}
