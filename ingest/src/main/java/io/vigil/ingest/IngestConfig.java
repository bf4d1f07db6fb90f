package io.vigil.ingest;

import io.vigil.config.VigilConfig;
import io.vigil.schemas.catalog.TopicNames;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the ingest module: the producer library ({@code vigil.producer.*}), the HTTP and
 * OTLP gateway ({@code vigil.ingest.*}) and the CDC outbox relay ({@code vigil.cdc.*}), on top of
 * Vigil's shared keys ({@link VigilConfig}). Every key is defined once in {@link #configDef()},
 * with its documentation and default; {@code vigil config} prints them.
 *
 * <p>CDC sources are named in {@value #CDC_SOURCES_CONFIG}; each source {@code <name>} has its own
 * keys under {@code vigil.cdc.source.<name>.} (see {@link io.vigil.ingest.cdc.CdcSourceConfig}),
 * read from the file, from the overrides, and from environment variables named like every other key
 * ({@code VIGIL_CDC_SOURCE_ORDERS_PASSWORD}).
 */
public final class IngestConfig extends VigilConfig {

  // --- Producer library ---------------------------------------------------------------------

  /** Compression of produced batches. */
  public static final String PRODUCER_COMPRESSION_TYPE_CONFIG = "vigil.producer.compression.type";

  /** How long the producer waits to fill a batch. */
  public static final String PRODUCER_LINGER_MS_CONFIG = "vigil.producer.linger.ms";

  /** Maximum batch size per partition, in bytes. */
  public static final String PRODUCER_BATCH_SIZE_CONFIG = "vigil.producer.batch.size";

  /** Memory for records not yet sent, in bytes. */
  public static final String PRODUCER_BUFFER_MEMORY_CONFIG = "vigil.producer.buffer.memory";

  /** How long {@code send} blocks on a full buffer (or missing metadata) before failing. */
  public static final String PRODUCER_MAX_BLOCK_MS_CONFIG = "vigil.producer.max.block.ms";

  /** Upper bound on the time from {@code send} to the broker's acknowledgement or a failure. */
  public static final String PRODUCER_DELIVERY_TIMEOUT_MS_CONFIG =
      "vigil.producer.delivery.timeout.ms";

  // --- Gateway --------------------------------------------------------------------------------

  /** Address the gateway binds to. */
  public static final String GATEWAY_HOST_CONFIG = "vigil.ingest.host";

  /** Port of the gateway (JSON events, OTLP/HTTP, health and metrics). */
  public static final String GATEWAY_PORT_CONFIG = "vigil.ingest.port";

  /** Largest accepted request body, compressed and decompressed. */
  public static final String GATEWAY_MAX_BODY_BYTES_CONFIG = "vigil.ingest.max.body.bytes";

  /** Largest number of events in one {@code /v1/events} request. */
  public static final String GATEWAY_MAX_BATCH_EVENTS_CONFIG = "vigil.ingest.max.batch.events";

  /** Topics accepted on {@code /v1/events/{topic}}. */
  public static final String GATEWAY_TOPICS_CONFIG = "vigil.ingest.topics";

  /** Whether requests need an API key. */
  public static final String GATEWAY_AUTH_ENABLED_CONFIG = "vigil.ingest.auth.enabled";

  /** API keys per tenant. */
  public static final String GATEWAY_API_KEYS_CONFIG = "vigil.ingest.api.keys";

  /** Sustained requests per second per API key. */
  public static final String GATEWAY_RATE_LIMIT_CONFIG = "vigil.ingest.rate.limit.per.second";

  /** Requests a key may send at once above the sustained rate. */
  public static final String GATEWAY_RATE_BURST_CONFIG = "vigil.ingest.rate.limit.burst";

  /** How long an {@code Idempotency-Key} is remembered. */
  public static final String GATEWAY_IDEMPOTENCY_WINDOW_MS_CONFIG =
      "vigil.ingest.idempotency.window.ms";

  /** How many {@code Idempotency-Key}s are remembered at most. */
  public static final String GATEWAY_IDEMPOTENCY_MAX_KEYS_CONFIG =
      "vigil.ingest.idempotency.max.keys";

  /** Requests being validated or produced at once before the gateway answers 503. */
  public static final String GATEWAY_MAX_IN_FLIGHT_CONFIG = "vigil.ingest.max.in.flight.requests";

  /** Transactional producers (one thread each) that write accepted batches. */
  public static final String GATEWAY_PRODUCERS_CONFIG = "vigil.ingest.producers";

  /** Prefix of the transactional ids of the gateway's producers. */
  public static final String GATEWAY_TRANSACTIONAL_ID_PREFIX_CONFIG =
      "vigil.ingest.transactional.id.prefix";

  /** How long a request waits for Kafka to commit its records before answering 503. */
  public static final String GATEWAY_ACK_TIMEOUT_MS_CONFIG = "vigil.ingest.ack.timeout.ms";

  /** {@code Retry-After} seconds sent with 503 answers. */
  public static final String GATEWAY_RETRY_AFTER_SECONDS_CONFIG =
      "vigil.ingest.retry.after.seconds";

  /** Topic OTLP spans are written to. */
  public static final String OTLP_SPANS_TOPIC_CONFIG = "vigil.ingest.otlp.spans.topic";

  /** Topic OTLP metric data points are written to. */
  public static final String OTLP_METRICS_TOPIC_CONFIG = "vigil.ingest.otlp.metrics.topic";

  /** Topic request logs (from HTTP server spans and access-log records) are written to. */
  public static final String OTLP_REQUESTS_TOPIC_CONFIG = "vigil.ingest.otlp.requests.topic";

  // --- CDC relay ------------------------------------------------------------------------------

  /** Names of the source databases the CDC relay reads. */
  public static final String CDC_SOURCES_CONFIG = "vigil.cdc.sources";

  /** Prefix of keys of one CDC source: {@code vigil.cdc.source.<name>.<key>}. */
  public static final String CDC_SOURCE_PREFIX = "vigil.cdc.source.";

  /** Kafka topic holding the relay's source offsets. */
  public static final String CDC_OFFSET_TOPIC_CONFIG = "vigil.cdc.offset.topic";

  /** How often the relay stores its source offsets. */
  public static final String CDC_OFFSET_FLUSH_INTERVAL_MS_CONFIG =
      "vigil.cdc.offset.flush.interval.ms";

  /** How often the relay sends a heartbeat (and runs the heartbeat action query). */
  public static final String CDC_HEARTBEAT_INTERVAL_MS_CONFIG = "vigil.cdc.heartbeat.interval.ms";

  /** Prefix put before {@code <aggregatetype>.events}. */
  public static final String CDC_TOPIC_PREFIX_CONFIG = "vigil.cdc.topic.prefix";

  /** Default of {@value #GATEWAY_PORT_CONFIG}: the OTLP/HTTP port. */
  public static final int DEFAULT_GATEWAY_PORT = 4318;

  /** Default of {@value #GATEWAY_TOPICS_CONFIG}. */
  public static final List<String> DEFAULT_GATEWAY_TOPICS =
      List.of(
          TopicNames.ORDERS_EVENTS,
          TopicNames.TELEMETRY_SPANS,
          TopicNames.TELEMETRY_METRICS,
          TopicNames.TELEMETRY_REQUESTS);

  /** Parses and validates the values against {@link #configDef()}. */
  public IngestConfig(Map<?, ?> values) {
    super(configDef(), values);
  }

  /** All defaults. */
  public static IngestConfig defaults() {
    return new IngestConfig(Map.of());
  }

  /**
   * Loads the configuration from the file (if any), the environment and the overrides, like {@link
   * VigilConfig#load}; keys of the CDC sources named in {@value #CDC_SOURCES_CONFIG} are read from
   * the environment too.
   *
   * @throws org.apache.kafka.common.config.ConfigException naming the key of an invalid value
   */
  public static IngestConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> values = resolve(configDef(), file, env, overrides);
    Map<String, String> merged = new HashMap<>(values);
    String sources = values.get(CDC_SOURCES_CONFIG);
    if (sources != null) {
      for (String source : sources.split(",")) {
        String name = source.trim();
        if (name.isEmpty()) {
          continue;
        }
        String prefix = CDC_SOURCE_PREFIX + name + ".";
        String envPrefix = envName(prefix);
        env.forEach(
            (key, value) -> {
              if (key.startsWith(envPrefix)) {
                String sub = key.substring(envPrefix.length()).toLowerCase(Locale.ROOT);
                merged.putIfAbsent(prefix + sub.replace('_', '.'), value);
              }
            });
        // Overrides and the file beat the environment.
        values.forEach(
            (key, value) -> {
              if (key.startsWith(prefix)) {
                merged.put(key, value);
              }
            });
      }
    }
    return new IngestConfig(merged);
  }

  /** Vigil's shared keys plus the ingest keys, with documentation and defaults. */
  public static ConfigDef configDef() {
    return VigilConfig.configDef()
        .define(
            PRODUCER_COMPRESSION_TYPE_CONFIG,
            Type.STRING,
            "lz4",
            ValidString.in("none", "gzip", "snappy", "lz4", "zstd"),
            Importance.MEDIUM,
            "Compression of produced batches: none, gzip, snappy, lz4 (fast, the default) or"
                + " zstd (smaller).")
        .define(
            PRODUCER_LINGER_MS_CONFIG,
            Type.INT,
            5,
            Range.atLeast(0),
            Importance.MEDIUM,
            "Milliseconds the producer waits to fill a batch; higher trades latency for"
                + " throughput.")
        .define(
            PRODUCER_BATCH_SIZE_CONFIG,
            Type.INT,
            64 * 1024,
            Range.atLeast(1024),
            Importance.LOW,
            "Maximum bytes of one batch per partition.")
        .define(
            PRODUCER_BUFFER_MEMORY_CONFIG,
            Type.LONG,
            32L * 1024 * 1024,
            Range.atLeast(64 * 1024),
            Importance.MEDIUM,
            "Bytes of records waiting to be sent; when full, send blocks for"
                + " vigil.producer.max.block.ms and then fails with BackPressureException.")
        .define(
            PRODUCER_MAX_BLOCK_MS_CONFIG,
            Type.LONG,
            10_000L,
            Range.atLeast(0),
            Importance.MEDIUM,
            "Milliseconds send may block on a full buffer or on missing topic metadata.")
        .define(
            PRODUCER_DELIVERY_TIMEOUT_MS_CONFIG,
            Type.INT,
            120_000,
            Range.atLeast(1),
            Importance.LOW,
            "Milliseconds from send until a record is acknowledged or reported failed"
                + " (retries included).")
        .define(
            GATEWAY_HOST_CONFIG,
            Type.STRING,
            "127.0.0.1",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Address the ingest gateway binds to; 0.0.0.0 to accept other hosts (containers).")
        .define(
            GATEWAY_PORT_CONFIG,
            Type.INT,
            DEFAULT_GATEWAY_PORT,
            Range.between(0, 65535),
            Importance.HIGH,
            "Port of the ingest gateway: /v1/events, OTLP/HTTP /v1/traces|metrics|logs, /health,"
                + " /metrics. 4318 is the OTLP/HTTP default; 0 picks a free port.")
        .define(
            GATEWAY_MAX_BODY_BYTES_CONFIG,
            Type.INT,
            4 * 1024 * 1024,
            Range.atLeast(1024),
            Importance.MEDIUM,
            "Largest request body in bytes, checked before and after gzip decompression;"
                + " larger bodies get 413.")
        .define(
            GATEWAY_MAX_BATCH_EVENTS_CONFIG,
            Type.INT,
            10_000,
            Range.atLeast(1),
            Importance.LOW,
            "Largest number of events in one /v1/events request; more get 413.")
        .define(
            GATEWAY_TOPICS_CONFIG,
            Type.LIST,
            DEFAULT_GATEWAY_TOPICS,
            Importance.HIGH,
            "Topics accepted on POST /v1/events/{topic}. An entry is a catalog topic name, or"
                + " name=catalogTopic to accept the topic 'name' with the schema and key field of"
                + " a catalog topic (e.g. a per-environment copy).")
        .define(
            GATEWAY_AUTH_ENABLED_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.HIGH,
            "Requests need an API key (Authorization: Bearer KEY or X-API-Key: KEY); turn off"
                + " only on a trusted network.")
        .define(
            GATEWAY_API_KEYS_CONFIG,
            Type.PASSWORD,
            null,
            Importance.HIGH,
            "API keys, comma-separated entries tenant:key:topics, topics being '|'-separated"
                + " names or prefixes ending in '*' (e.g. acme:s3cret:orders.events|telemetry.*)."
                + " A key may be given as sha256:<hex of its SHA-256> instead of in clear. Prefer"
                + " the environment variable VIGIL_INGEST_API_KEYS to a file.")
        .define(
            GATEWAY_RATE_LIMIT_CONFIG,
            Type.DOUBLE,
            200.0,
            Range.atLeast(0.001),
            Importance.MEDIUM,
            "Sustained requests per second per API key (token bucket refill rate); above it 429"
                + " with Retry-After.")
        .define(
            GATEWAY_RATE_BURST_CONFIG,
            Type.INT,
            400,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Token bucket size per API key: requests a key may send at once.")
        .define(
            GATEWAY_IDEMPOTENCY_WINDOW_MS_CONFIG,
            Type.LONG,
            3_600_000L,
            Range.atLeast(0),
            Importance.MEDIUM,
            "Milliseconds a request with an Idempotency-Key is remembered: the same key and body"
                + " within the window get the first answer and are not written again.")
        .define(
            GATEWAY_IDEMPOTENCY_MAX_KEYS_CONFIG,
            Type.INT,
            100_000,
            Range.atLeast(1),
            Importance.LOW,
            "Idempotency keys remembered at most; the oldest are forgotten first.")
        .define(
            GATEWAY_MAX_IN_FLIGHT_CONFIG,
            Type.INT,
            256,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Requests processed at once; more get 503 with Retry-After (overload protection).")
        .define(
            GATEWAY_PRODUCERS_CONFIG,
            Type.INT,
            2,
            Range.between(1, 64),
            Importance.LOW,
            "Transactional producers writing accepted batches; each commits the batches queued"
                + " for it together.")
        .define(
            GATEWAY_TRANSACTIONAL_ID_PREFIX_CONFIG,
            Type.STRING,
            "vigil-ingest",
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Prefix of the producers' transactional ids; a random suffix per start keeps"
                + " gateway instances from fencing each other.")
        .define(
            GATEWAY_ACK_TIMEOUT_MS_CONFIG,
            Type.LONG,
            60_000L,
            Range.atLeast(100),
            Importance.LOW,
            "Milliseconds a request waits for Kafka to commit its records; then 503.")
        .define(
            GATEWAY_RETRY_AFTER_SECONDS_CONFIG,
            Type.INT,
            2,
            Range.atLeast(1),
            Importance.LOW,
            "Retry-After seconds sent with 503 (overloaded or Kafka unavailable).")
        .define(
            OTLP_SPANS_TOPIC_CONFIG,
            Type.STRING,
            TopicNames.TELEMETRY_SPANS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Topic of spans received on /v1/traces (Span schema).")
        .define(
            OTLP_METRICS_TOPIC_CONFIG,
            Type.STRING,
            TopicNames.TELEMETRY_METRICS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Topic of metric data points received on /v1/metrics (MetricPoint schema).")
        .define(
            OTLP_REQUESTS_TOPIC_CONFIG,
            Type.STRING,
            TopicNames.TELEMETRY_REQUESTS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Topic of request logs made from HTTP server spans and access-log records"
                + " (RequestLog schema).")
        .define(
            CDC_SOURCES_CONFIG,
            Type.LIST,
            List.of(),
            Importance.HIGH,
            "Names of the PostgreSQL databases whose outbox tables the CDC relay reads; each"
                + " name has keys vigil.cdc.source.<name>.jdbc.url, .user, .password, .table,"
                + " .slot.name, .publication.name, .heartbeat.table.")
        .define(
            CDC_OFFSET_TOPIC_CONFIG,
            Type.STRING,
            "vigil.cdc.offsets",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Kafka topic storing the relay's source positions (WAL LSNs), so that a restart"
                + " resumes where it stopped.")
        .define(
            CDC_OFFSET_FLUSH_INTERVAL_MS_CONFIG,
            Type.LONG,
            1_000L,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Milliseconds between offset stores; after a crash, events published in the last"
                + " interval are published again (same event id).")
        .define(
            CDC_HEARTBEAT_INTERVAL_MS_CONFIG,
            Type.INT,
            10_000,
            Range.atLeast(1),
            Importance.LOW,
            "Milliseconds between heartbeats; each also runs the source's heartbeat action query"
                + " so the replication slot advances while the outbox is idle.")
        .define(
            CDC_TOPIC_PREFIX_CONFIG,
            Type.STRING,
            "",
            Importance.LOW,
            "Put before <aggregatetype>.events (e.g. 'staging.'); the schema is the catalog"
                + " topic's without the prefix.");
  }

  /** The documented keys and defaults as reStructuredText. */
  public static String documentation() {
    return configDef().toRst();
  }

  /**
   * Producer settings of the library: {@link VigilConfig#producerProps()} (idempotent, {@code
   * acks=all}) plus compression, batching and buffering from this configuration.
   */
  @Override
  public Map<String, Object> producerProps() {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, getString(PRODUCER_COMPRESSION_TYPE_CONFIG));
    props.put(ProducerConfig.LINGER_MS_CONFIG, getInt(PRODUCER_LINGER_MS_CONFIG));
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, getInt(PRODUCER_BATCH_SIZE_CONFIG));
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, getLong(PRODUCER_BUFFER_MEMORY_CONFIG));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, getLong(PRODUCER_MAX_BLOCK_MS_CONFIG));
    int delivery = getInt(PRODUCER_DELIVERY_TIMEOUT_MS_CONFIG);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
    // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
    int linger = getInt(PRODUCER_LINGER_MS_CONFIG);
    props.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, Math.min(30_000, delivery - linger)));
    // Pass-through client settings (vigil.kafka.client.*) and the safety defaults win.
    props.putAll(super.producerProps());
    return props;
  }

  /** {@value #PRODUCER_MAX_BLOCK_MS_CONFIG}. */
  public long producerMaxBlockMs() {
    return getLong(PRODUCER_MAX_BLOCK_MS_CONFIG);
  }

  /** {@value #GATEWAY_HOST_CONFIG}. */
  public String gatewayHost() {
    return getString(GATEWAY_HOST_CONFIG);
  }

  /** {@value #GATEWAY_PORT_CONFIG}. */
  public int gatewayPort() {
    return getInt(GATEWAY_PORT_CONFIG);
  }

  /** {@value #GATEWAY_MAX_BODY_BYTES_CONFIG}. */
  public int maxBodyBytes() {
    return getInt(GATEWAY_MAX_BODY_BYTES_CONFIG);
  }

  /** {@value #GATEWAY_MAX_BATCH_EVENTS_CONFIG}. */
  public int maxBatchEvents() {
    return getInt(GATEWAY_MAX_BATCH_EVENTS_CONFIG);
  }

  /** {@value #GATEWAY_TOPICS_CONFIG}. */
  public List<String> gatewayTopics() {
    return getList(GATEWAY_TOPICS_CONFIG);
  }

  /** {@value #GATEWAY_AUTH_ENABLED_CONFIG}. */
  public boolean authEnabled() {
    return getBoolean(GATEWAY_AUTH_ENABLED_CONFIG);
  }

  /** {@value #GATEWAY_API_KEYS_CONFIG}, empty when unset. */
  public String apiKeys() {
    Password keys = getPassword(GATEWAY_API_KEYS_CONFIG);
    return keys == null ? "" : keys.value();
  }

  /** {@value #GATEWAY_RATE_LIMIT_CONFIG}. */
  public double rateLimitPerSecond() {
    return getDouble(GATEWAY_RATE_LIMIT_CONFIG);
  }

  /** {@value #GATEWAY_RATE_BURST_CONFIG}. */
  public int rateLimitBurst() {
    return getInt(GATEWAY_RATE_BURST_CONFIG);
  }

  /** {@value #GATEWAY_IDEMPOTENCY_WINDOW_MS_CONFIG}. */
  public long idempotencyWindowMs() {
    return getLong(GATEWAY_IDEMPOTENCY_WINDOW_MS_CONFIG);
  }

  /** {@value #GATEWAY_IDEMPOTENCY_MAX_KEYS_CONFIG}. */
  public int idempotencyMaxKeys() {
    return getInt(GATEWAY_IDEMPOTENCY_MAX_KEYS_CONFIG);
  }

  /** {@value #GATEWAY_MAX_IN_FLIGHT_CONFIG}. */
  public int maxInFlightRequests() {
    return getInt(GATEWAY_MAX_IN_FLIGHT_CONFIG);
  }

  /** {@value #GATEWAY_PRODUCERS_CONFIG}. */
  public int gatewayProducers() {
    return getInt(GATEWAY_PRODUCERS_CONFIG);
  }

  /** {@value #GATEWAY_TRANSACTIONAL_ID_PREFIX_CONFIG}. */
  public String transactionalIdPrefix() {
    return getString(GATEWAY_TRANSACTIONAL_ID_PREFIX_CONFIG);
  }

  /** {@value #GATEWAY_ACK_TIMEOUT_MS_CONFIG}. */
  public long ackTimeoutMs() {
    return getLong(GATEWAY_ACK_TIMEOUT_MS_CONFIG);
  }

  /** {@value #GATEWAY_RETRY_AFTER_SECONDS_CONFIG}. */
  public int retryAfterSeconds() {
    return getInt(GATEWAY_RETRY_AFTER_SECONDS_CONFIG);
  }

  /** {@value #OTLP_SPANS_TOPIC_CONFIG}. */
  public String otlpSpansTopic() {
    return getString(OTLP_SPANS_TOPIC_CONFIG);
  }

  /** {@value #OTLP_METRICS_TOPIC_CONFIG}. */
  public String otlpMetricsTopic() {
    return getString(OTLP_METRICS_TOPIC_CONFIG);
  }

  /** {@value #OTLP_REQUESTS_TOPIC_CONFIG}. */
  public String otlpRequestsTopic() {
    return getString(OTLP_REQUESTS_TOPIC_CONFIG);
  }

  /** {@value #CDC_SOURCES_CONFIG}. */
  public List<String> cdcSources() {
    return getList(CDC_SOURCES_CONFIG);
  }

  /** The raw values of one CDC source's keys, without the {@code vigil.cdc.source.<name>.} part. */
  public Map<String, Object> cdcSourceValues(String name) {
    return originalsWithPrefix(CDC_SOURCE_PREFIX + name + ".");
  }

  /** {@value #CDC_OFFSET_TOPIC_CONFIG}. */
  public String cdcOffsetTopic() {
    return getString(CDC_OFFSET_TOPIC_CONFIG);
  }

  /** {@value #CDC_OFFSET_FLUSH_INTERVAL_MS_CONFIG}. */
  public long cdcOffsetFlushIntervalMs() {
    return getLong(CDC_OFFSET_FLUSH_INTERVAL_MS_CONFIG);
  }

  /** {@value #CDC_HEARTBEAT_INTERVAL_MS_CONFIG}. */
  public int cdcHeartbeatIntervalMs() {
    return getInt(CDC_HEARTBEAT_INTERVAL_MS_CONFIG);
  }

  /** {@value #CDC_TOPIC_PREFIX_CONFIG}. */
  public String cdcTopicPrefix() {
    return getString(CDC_TOPIC_PREFIX_CONFIG);
  }
}
