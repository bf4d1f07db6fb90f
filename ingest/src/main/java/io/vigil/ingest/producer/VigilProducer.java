package io.vigil.ingest.producer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.vigil.ingest.IngestConfig;
import io.vigil.schemas.catalog.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Typed producer for JVM services: sends a value to a catalog {@link Topic} with the topic's serdes
 * (Avro in the Confluent wire format) and answers with the broker's acknowledgement.
 *
 * <ul>
 *   <li><b>Delivery</b>: idempotent, {@code acks=all}; per partition, records are written once and
 *       in send order, retries included. The future completes when the broker acknowledged the
 *       record, or fails with Kafka's exception after {@code vigil.producer.delivery.timeout.ms}.
 *   <li><b>Batching</b>: {@code vigil.producer.compression.type} (lz4 by default, zstd available),
 *       {@code linger.ms} and {@code batch.size} from {@link IngestConfig}.
 *   <li><b>Event fields</b>: a record with unset {@code eventId}/{@code occurredAt} gets a random
 *       UUID and the clock's now, set <em>in place</em> so the caller can read the id it sent
 *       ({@link EventFields}).
 *   <li><b>Tracing</b>: the W3C {@code traceparent} given to {@link #send(Topic, Object, Object,
 *       String)}, else the one from the trace-context supplier (by default {@link
 *       TraceContext#current()}), travels in the {@value TraceContext#TRACEPARENT_HEADER} header.
 *   <li><b>Back-pressure</b>: records wait in a buffer of {@code vigil.producer.buffer.memory}
 *       bytes; when it is full, {@code send} blocks up to {@code vigil.producer.max.block.ms} and
 *       then throws {@link BackPressureException}: nothing is queued without bound.
 *   <li><b>Metrics</b> (Micrometer, tag {@code topic}): {@code vigil.producer.records.sent}, {@code
 *       vigil.producer.records.failed} (also tag {@code exception}), {@code
 *       vigil.producer.backpressure}, timer {@code vigil.producer.send.latency} (send to
 *       acknowledgement), gauge {@code vigil.producer.buffer.available.bytes}.
 * </ul>
 *
 * <p>Thread-safe; share one instance per application. {@link #flush()} blocks until every record
 * sent before it is acknowledged or failed. {@link #close(Duration)} stops accepting records, waits
 * up to the timeout for the records in flight, then fails the rest (their futures complete
 * exceptionally) and releases the connections.
 */
public final class VigilProducer implements AutoCloseable {

  private static final String METRIC_PREFIX = "vigil.producer.";

  private final Producer<byte[], byte[]> producer;
  private final Supplier<Optional<String>> traceparents;
  private final Clock clock;
  private final long maxBlockMs;
  private final MeterRegistry registry;
  private final Map<String, TopicMeters> meters = new ConcurrentHashMap<>();
  private final Gauge bufferGauge;

  VigilProducer(
      Producer<byte[], byte[]> producer,
      Supplier<Optional<String>> traceparents,
      Clock clock,
      long maxBlockMs,
      MeterRegistry registry) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.traceparents = Objects.requireNonNull(traceparents, "traceparents");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxBlockMs = maxBlockMs;
    this.registry = Objects.requireNonNull(registry, "registry");
    this.bufferGauge =
        Gauge.builder(
                METRIC_PREFIX + "buffer.available.bytes", this, VigilProducer::bufferAvailable)
            .description("Bytes free in the producer's buffer")
            .baseUnit("bytes")
            .register(registry);
  }

  /** A builder for a producer configured by {@code config}. */
  public static Builder builder(IngestConfig config) {
    return new Builder(config);
  }

  /** A producer with the configuration's settings and the defaults of {@link Builder}. */
  public static VigilProducer create(IngestConfig config) {
    return builder(config).build();
  }

  /**
   * Sends a record with the current thread's trace context (if any).
   *
   * @see #send(Topic, Object, Object, String)
   */
  public <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
    return send(topic, key, value, null);
  }

  /**
   * Serializes the record with the topic's serdes and hands it to Kafka.
   *
   * @param topic destination with its serdes
   * @param key record key, may be {@code null} (then Kafka spreads records over partitions)
   * @param value record value; Avro records get {@code eventId}/{@code occurredAt} filled in place
   *     when unset
   * @param traceparent W3C traceparent for the record's header, or {@code null} to use the
   *     trace-context supplier's
   * @return completes with the partition and offset once the broker acknowledged the record; fails
   *     with Kafka's exception if it could not be delivered within the delivery timeout
   * @throws BackPressureException if the buffer stayed full for {@code max.block.ms}; the record
   *     was not sent
   * @throws IllegalArgumentException if {@code traceparent} is not a valid W3C traceparent
   * @throws org.apache.kafka.common.errors.SerializationException if the key or value cannot be
   *     serialized (e.g. the registry refuses the schema)
   * @throws IllegalStateException after {@link #close}
   */
  public <K, V> CompletableFuture<RecordMetadata> send(
      Topic<K, V> topic, K key, V value, String traceparent) {
    Objects.requireNonNull(topic, "topic");
    Optional<String> trace =
        traceparent != null
            ? Optional.of(TraceContext.requireValid(traceparent))
            : traceparents.get().filter(TraceContext::isValid);
    EventFields.fillMissing(value, clock);
    RecordHeaders headers = new RecordHeaders();
    trace.ifPresent(
        t -> headers.add(TraceContext.TRACEPARENT_HEADER, t.getBytes(StandardCharsets.UTF_8)));
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), headers, key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), headers, value);
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic.name(), null, null, keyBytes, valueBytes, headers);

    TopicMeters m = meters.computeIfAbsent(topic.name(), TopicMeters::new);
    CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
    AtomicReference<BackPressureException> backPressure = new AtomicReference<>();
    long started = System.nanoTime();
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              m.sent.increment();
              m.latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
              result.complete(metadata);
            } else if (error instanceof BufferExhaustedException) {
              BackPressureException e = new BackPressureException(topic.name(), maxBlockMs, error);
              m.backPressure.increment();
              backPressure.set(e);
              result.completeExceptionally(e);
            } else {
              m.failed(error).increment();
              result.completeExceptionally(error);
            }
          });
    } catch (BufferExhaustedException e) {
      // Older clients threw instead of calling back; both mean the same.
      m.backPressure.increment();
      throw new BackPressureException(topic.name(), maxBlockMs, e);
    }
    BackPressureException rejected = backPressure.get();
    if (rejected != null) {
      throw rejected;
    }
    return result;
  }

  /**
   * Sends every buffered record now and blocks until each record sent before this call is
   * acknowledged or failed (its future is complete).
   */
  public void flush() {
    producer.flush();
  }

  /**
   * Stops accepting records and waits up to {@code timeout} for the records in flight; records not
   * acknowledged by then fail with an exception. Releases the producer's threads and connections.
   */
  public void close(Duration timeout) {
    try {
      producer.close(timeout);
    } finally {
      // The counters stay: they are cumulative and a later producer continues them.
      registry.remove(bufferGauge);
    }
  }

  /** {@link #close(Duration)} with 30 seconds. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private double bufferAvailable() {
    for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
      if (e.getKey().name().equals("buffer-available-bytes")
          && e.getKey().group().equals("producer-metrics")) {
        Object value = e.getValue().metricValue();
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** Meters of one topic, created once. */
  private final class TopicMeters {
    final String topic;
    final Counter sent;
    final Counter backPressure;
    final Timer latency;
    final Map<String, Counter> failed = new ConcurrentHashMap<>();

    TopicMeters(String topic) {
      this.topic = topic;
      this.sent =
          Counter.builder(METRIC_PREFIX + "records.sent")
              .description("Records acknowledged by Kafka")
              .tag("topic", topic)
              .register(registry);
      this.backPressure =
          Counter.builder(METRIC_PREFIX + "backpressure")
              .description("Sends refused because the buffer stayed full for max.block.ms")
              .tag("topic", topic)
              .register(registry);
      this.latency =
          Timer.builder(METRIC_PREFIX + "send.latency")
              .description("Time from send to the broker's acknowledgement")
              .tag("topic", topic)
              .publishPercentiles(0.5, 0.99)
              .register(registry);
    }

    Counter failed(Throwable error) {
      return failed.computeIfAbsent(
          error.getClass().getSimpleName(),
          name ->
              Counter.builder(METRIC_PREFIX + "records.failed")
                  .description("Records Kafka could not deliver")
                  .tag("topic", topic)
                  .tag("exception", name)
                  .register(registry));
    }
  }

  /** Builds a {@link VigilProducer}; only the configuration is required. */
  public static final class Builder {
    private final IngestConfig config;
    private MeterRegistry registry = Metrics.globalRegistry;
    private Supplier<Optional<String>> traceparents = TraceContext::current;
    private Clock clock = Clock.systemUTC();
    private final Map<String, Object> overrides = new HashMap<>();

    private Builder(IngestConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Registry of the producer's meters; default Micrometer's global registry. */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.registry = Objects.requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /**
     * Where the traceparent of records sent without an explicit one comes from; default {@link
     * TraceContext#current()}. Invalid values are ignored (the record goes without the header).
     */
    public Builder traceparentSupplier(Supplier<Optional<String>> supplier) {
      this.traceparents = Objects.requireNonNull(supplier, "supplier");
      return this;
    }

    /** Clock of filled-in {@code occurredAt} values; default UTC system clock. */
    public Builder clock(Clock eventClock) {
      this.clock = Objects.requireNonNull(eventClock, "eventClock");
      return this;
    }

    /** Kafka {@code client.id}, shown in broker logs and quotas. */
    public Builder clientId(String clientId) {
      return producerProperty(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    }

    /**
     * Sets a Kafka producer property directly, over the configuration's (e.g. {@code
     * max.request.size}). Serializers cannot be changed: the topic's serdes are used.
     */
    public Builder producerProperty(String key, Object value) {
      overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Creates the Kafka producer. */
    public VigilProducer build() {
      Map<String, Object> props = new HashMap<>(config.producerProps());
      props.putAll(overrides);
      long maxBlock =
          Long.parseLong(
              String.valueOf(
                  props.getOrDefault(
                      ProducerConfig.MAX_BLOCK_MS_CONFIG, config.producerMaxBlockMs())));
      KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
      return new VigilProducer(producer, traceparents, clock, maxBlock, registry);
    }
  }
}
