package io.vigil.analytics.features;

/**
 * The window features, in their fixed order: {@link #ordinal()} is the index in {@link
 * FeatureVector#values()} and in every model input. Changing, adding or reordering constants is a
 * schema change: bump {@link FeatureSchema#VERSION} so that old model bundles are rejected.
 *
 * <p>{@link #absoluteFloor()} is the smallest standard deviation the baseline assumes for the
 * feature (so that a perfectly constant history does not make any change infinitely surprising);
 * {@link #heavyTailed()} features enter the models as {@code log1p(value)}.
 */
public enum Feature {
  /** Requests per second over the window. */
  REQUEST_RATE("request_rate", 0.1, true),
  /** Share of responses with status 400-499. */
  ERROR_4XX_RATIO("error_4xx_ratio", 0.01, false),
  /** Share of responses with status 500-599. */
  ERROR_5XX_RATIO("error_5xx_ratio", 0.01, false),
  /** Share of responses with status 401 or 403. */
  AUTH_FAILURE_RATIO("auth_failure_ratio", 0.01, false),
  /** Median latency, ms (DDSketch estimate, 1 % relative error). */
  LATENCY_P50_MS("latency_p50_ms", 1.0, true),
  /** 95th percentile latency, ms. */
  LATENCY_P95_MS("latency_p95_ms", 1.0, true),
  /** 99th percentile latency, ms. */
  LATENCY_P99_MS("latency_p99_ms", 1.0, true),
  /** Sum of response bytes. */
  BYTES_OUT_SUM("bytes_out_sum", 1024.0, true),
  /** Response bytes per request. */
  BYTES_OUT_PER_REQUEST("bytes_out_per_request", 64.0, true),
  /** Distinct routes requested. */
  DISTINCT_ROUTES("distinct_routes", 1.0, true),
  /** Distinct client addresses. */
  DISTINCT_CLIENTS("distinct_clients", 1.0, true),
  /** Distinct principals. */
  DISTINCT_PRINCIPALS("distinct_principals", 1.0, true),
  /**
   * 1 if the window holds a caller→callee edge the entity's history has not seen, or first saw less
   * than {@link EdgeHistory#YOUTH} before the window, else 0.
   */
  NEW_EDGE("new_edge", 0.1, false);

  private final String featureName;
  private final double absoluteFloor;
  private final boolean heavyTailed;

  Feature(String featureName, double absoluteFloor, boolean heavyTailed) {
    this.featureName = featureName;
    this.absoluteFloor = absoluteFloor;
    this.heavyTailed = heavyTailed;
  }

  /** The stable snake_case name used in explanations, CSVs and model schemas. */
  public String featureName() {
    return featureName;
  }

  /** Smallest standard deviation assumed for this feature by baselines. */
  public double absoluteFloor() {
    return absoluteFloor;
  }

  /** Whether models see this feature as {@code log1p(value)}. */
  public boolean heavyTailed() {
    return heavyTailed;
  }

  /** Number of features. */
  public static int count() {
    return values().length;
  }
}
