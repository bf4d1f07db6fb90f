package io.vigil.flink.common;

import io.vigil.schemas.catalog.TopicNames;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.util.ParameterTool;

/**
 * Program arguments shared by every Vigil job ({@code --key value}), each with a documented default
 * that points at a local stack. Job-specific keys are read through {@link #get}, {@link #getLong}
 * and {@link #getDuration} with their defaults declared next to the job.
 *
 * <p>Immutable and serializable, so operators can keep a copy.
 */
public final class JobSettings implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Kafka {@code bootstrap.servers}. */
  public static final String BOOTSTRAP_SERVERS = "bootstrap-servers";

  /** Schema Registry base URL, comma-separated for several. */
  public static final String SCHEMA_REGISTRY_URL = "schema-registry-url";

  /** Consumer group of the job's Kafka sources (offsets are committed on checkpoints). */
  public static final String GROUP_ID = "group-id";

  /** Prefix of the exactly-once sink's transactional ids; unique per job and cluster. */
  public static final String TRANSACTIONAL_ID_PREFIX = "transactional-id-prefix";

  /** Where to start without committed offsets: {@code earliest}, {@code latest}. */
  public static final String STARTING_OFFSETS = "starting-offsets";

  /** Checkpoint interval in milliseconds; transactions commit on checkpoints. */
  public static final String CHECKPOINT_INTERVAL_MS = "checkpoint-interval-ms";

  /** Job parallelism; {@code -1} keeps the cluster's default. */
  public static final String PARALLELISM = "parallelism";

  /** Producer {@code transaction.timeout.ms}; must not exceed the broker's maximum (15 min). */
  public static final String TRANSACTION_TIMEOUT_MS = "transaction-timeout-ms";

  /** How far events may arrive out of event-time order before they count as late. */
  public static final String OUT_OF_ORDERNESS_MS = "out-of-orderness-ms";

  /** A source partition without events for this long stops holding the watermark back. */
  public static final String IDLENESS_MS = "idleness-ms";

  /**
   * {@code true}: read the input topics only up to the offsets that are the latest (last committed)
   * when the job starts, then finish (benchmarks, backfills); default {@code false}, read forever.
   */
  public static final String BOUNDED = "bounded";

  /** Prefix of topic-name overrides, e.g. {@code --topic.requests my.requests}. */
  public static final String TOPIC_PREFIX = "topic.";

  static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
  static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://127.0.0.1:8081";
  static final long DEFAULT_CHECKPOINT_INTERVAL_MS = 10_000;
  static final long DEFAULT_TRANSACTION_TIMEOUT_MS = 600_000;
  static final long DEFAULT_OUT_OF_ORDERNESS_MS = 5_000;
  static final long DEFAULT_IDLENESS_MS = 30_000;

  private static final Map<String, String> DEFAULT_TOPICS =
      Map.of(
          "requests", TopicNames.TELEMETRY_REQUESTS,
          "spans", TopicNames.TELEMETRY_SPANS,
          "metrics", TopicNames.TELEMETRY_METRICS,
          "models", TopicNames.ANALYTICS_MODELS,
          "anomalies", TopicNames.ANALYTICS_ANOMALIES,
          "forecasts", TopicNames.ANALYTICS_FORECASTS);

  private final String jobName;
  private final Map<String, String> values;

  private JobSettings(String jobName, Map<String, String> values) {
    this.jobName = Objects.requireNonNull(jobName, "jobName");
    this.values = Map.copyOf(values);
  }

  /**
   * Parses {@code --key value} program arguments.
   *
   * @param jobName short job name ({@code anomaly}, {@code forecast}); default group id and
   *     transactional id prefix derive from it
   */
  public static JobSettings fromArgs(String jobName, String... args) {
    return new JobSettings(jobName, ParameterTool.fromArgs(args).toMap());
  }

  /** Settings from a map (tests, embedding). */
  public static JobSettings of(String jobName, Map<String, String> values) {
    return new JobSettings(jobName, new LinkedHashMap<>(values));
  }

  /** Short job name. */
  public String jobName() {
    return jobName;
  }

  /** {@value #BOOTSTRAP_SERVERS}, default {@value #DEFAULT_BOOTSTRAP_SERVERS}. */
  public String bootstrapServers() {
    return get(BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS);
  }

  /** {@value #SCHEMA_REGISTRY_URL}, default {@value #DEFAULT_SCHEMA_REGISTRY_URL}. */
  public String schemaRegistryUrl() {
    return get(SCHEMA_REGISTRY_URL, DEFAULT_SCHEMA_REGISTRY_URL);
  }

  /** {@value #GROUP_ID}, default {@code vigil-<job>}. */
  public String groupId() {
    return get(GROUP_ID, "vigil-" + jobName);
  }

  /** {@value #TRANSACTIONAL_ID_PREFIX}, default {@code vigil-<job>}. */
  public String transactionalIdPrefix() {
    return get(TRANSACTIONAL_ID_PREFIX, "vigil-" + jobName);
  }

  /** {@value #STARTING_OFFSETS}: {@code earliest} (default) or {@code latest}. */
  public String startingOffsets() {
    return get(STARTING_OFFSETS, "earliest");
  }

  /** {@value #BOUNDED}: whether the sources stop at the offsets latest at start (default false). */
  public boolean bounded() {
    String v = get(BOUNDED, "false");
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(
          "--" + BOUNDED + " must be true or false, got '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  /** {@value #CHECKPOINT_INTERVAL_MS}, default 10 s. */
  public Duration checkpointInterval() {
    return getDuration(CHECKPOINT_INTERVAL_MS, DEFAULT_CHECKPOINT_INTERVAL_MS);
  }

  /** {@value #PARALLELISM}, default -1 (the cluster's). */
  public int parallelism() {
    return (int) getLong(PARALLELISM, -1);
  }

  /** {@value #TRANSACTION_TIMEOUT_MS}, default 10 min. */
  public Duration transactionTimeout() {
    return getDuration(TRANSACTION_TIMEOUT_MS, DEFAULT_TRANSACTION_TIMEOUT_MS);
  }

  /** {@value #OUT_OF_ORDERNESS_MS}, default 5 s. */
  public Duration outOfOrderness() {
    return getDuration(OUT_OF_ORDERNESS_MS, DEFAULT_OUT_OF_ORDERNESS_MS);
  }

  /** {@value #IDLENESS_MS}, default 30 s. */
  public Duration idleness() {
    return getDuration(IDLENESS_MS, DEFAULT_IDLENESS_MS);
  }

  /**
   * Name of a topic: {@code --topic.<logical>} if given, else the catalog name. Logical names:
   * {@code requests, spans, metrics, models, anomalies, forecasts}.
   */
  public String topic(String logicalName) {
    String fallback = DEFAULT_TOPICS.get(logicalName);
    if (fallback == null) {
      throw new IllegalArgumentException("unknown logical topic '" + logicalName + "'");
    }
    return get(TOPIC_PREFIX + logicalName, fallback);
  }

  /** A string value, or {@code fallback}. */
  public String get(String key, String fallback) {
    String v = values.get(key);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  /** A long value, or {@code fallback}; rejects non-numbers naming the key. */
  public long getLong(String key, long fallback) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + key + " must be a whole number, got '" + v + "'", e);
    }
  }

  /** A decimal value, or {@code fallback}; rejects non-numbers naming the key. */
  public double getDouble(String key, double fallback) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a number, got '" + v + "'", e);
    }
  }

  /** A duration given in milliseconds, or {@code fallbackMs}; must be positive. */
  public Duration getDuration(String key, long fallbackMs) {
    long ms = getLong(key, fallbackMs);
    if (ms <= 0) {
      throw new IllegalArgumentException("--" + key + " must be > 0 ms, got " + ms);
    }
    return Duration.ofMillis(ms);
  }

  /** A copy with one more (or a replaced) value. */
  public JobSettings with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new JobSettings(jobName, copy);
  }

  @Override
  public String toString() {
    return "JobSettings[" + jobName + ", " + values + "]";
  }
}
