package io.vigil.ingest.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.MetricType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VigilProducerTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private Topic<String, MetricPoint> topic;
  private MockProducer<byte[], byte[]> mock;

  @BeforeEach
  void setUp() {
    topic =
        TopicCatalog.withClient(new InMemorySchemaRegistryClient(), VigilConfig.defaults())
            .metrics();
    mock = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private VigilProducer producer(MockProducer<byte[], byte[]> kafka) {
    return new VigilProducer(
        kafka, TraceContext::current, Clock.fixed(NOW, ZoneOffset.UTC), 500, meters);
  }

  @Test
  void shouldFillEventIdAndOccurredAtWhenAbsent() throws Exception {
    // Given a metric without event id and time
    MetricPoint point = new MetricPoint();
    point.setService("checkout");
    point.setName("http.server.active_requests");
    point.setType(MetricType.GAUGE);
    point.setValue(1.0);
    point.setUnit("1");
    point.setAttributes(java.util.Map.of());

    // When it is sent
    producer(mock).send(topic, "checkout", point).get();

    // Then both were set in place and travel in the record
    assertThat(UUID.fromString(point.getEventId())).isNotNull();
    assertThat(point.getOccurredAt()).isEqualTo(NOW);
    MetricPoint sent =
        topic.valueSerde().deserializer().deserialize(topic.name(), mock.history().get(0).value());
    assertThat(sent.getEventId()).isEqualTo(point.getEventId());
    assertThat(sent.getOccurredAt()).isEqualTo(NOW);
  }

  @Test
  void shouldKeepEventIdWhenTheCallerSetIt() throws Exception {
    MetricPoint point = metric();
    String id = point.getEventId();

    producer(mock).send(topic, "checkout", point).get();

    assertThat(point.getEventId()).isEqualTo(id);
    assertThat(mock.history()).hasSize(1);
  }

  @Test
  void shouldCarryTheExplicitTraceparentWhenGiven() throws Exception {
    producer(mock).send(topic, "checkout", metric(), TRACEPARENT).get();

    assertThat(traceparentOf(mock.history().get(0))).isEqualTo(TRACEPARENT);
  }

  @Test
  void shouldCarryTheThreadTraceContextWhenNoTraceparentIsGiven() throws Exception {
    VigilProducer producer = producer(mock);
    try (TraceContext.Scope scope = TraceContext.attach(TRACEPARENT)) {
      producer.send(topic, "checkout", metric()).get();
    }
    producer.send(topic, "checkout", metric()).get();

    assertThat(traceparentOf(mock.history().get(0))).isEqualTo(TRACEPARENT);
    assertThat(mock.history().get(1).headers().lastHeader("traceparent")).isNull();
  }

  @Test
  void shouldUseTheConfiguredSupplierWhenOneIsGiven() throws Exception {
    VigilProducer producer =
        new VigilProducer(mock, () -> Optional.of(TRACEPARENT), Clock.systemUTC(), 500, meters);

    producer.send(topic, "checkout", metric()).get();

    assertThat(traceparentOf(mock.history().get(0))).isEqualTo(TRACEPARENT);
  }

  @Test
  void shouldRejectTheSendWhenTheTraceparentIsInvalid() {
    VigilProducer producer = producer(mock);

    assertThatThrownBy(() -> producer.send(topic, "k", metric(), "00-zz-00-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("traceparent");
    assertThatThrownBy(
            () ->
                producer.send(
                    topic,
                    "k",
                    metric(),
                    "00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(mock.history()).isEmpty();
  }

  @Test
  void shouldThrowBackPressureExceptionWhenTheBufferStaysFull() {
    // Given a Kafka producer whose buffer is exhausted (it calls back and returns a failed future)
    MockProducer<byte[], byte[]> full =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<byte[], byte[]> record, Callback callback) {
            BufferExhaustedException e =
                new BufferExhaustedException("Failed to allocate 100 bytes within 500 ms");
            callback.onCompletion(null, e);
            return CompletableFuture.failedFuture(e);
          }
        };

    // When a record is sent, then the caller gets a clear, typed exception at once
    assertThatThrownBy(() -> producer(full).send(topic, "checkout", metric()))
        .isInstanceOfSatisfying(
            BackPressureException.class,
            e -> {
              assertThat(e.topic()).isEqualTo(topic.name());
              assertThat(e.maxBlockMs()).isEqualTo(500);
              assertThat(e).hasCauseInstanceOf(BufferExhaustedException.class);
            });
    assertThat(meters.counter("vigil.producer.backpressure", "topic", topic.name()).count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldCountSentAndFailedRecordsWhenKafkaAnswers() {
    // Given a producer whose acknowledgements the test controls
    MockProducer<byte[], byte[]> manual =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    VigilProducer producer = producer(manual);
    CompletableFuture<RecordMetadata> ok = producer.send(topic, "a", metric());
    CompletableFuture<RecordMetadata> failed = producer.send(topic, "b", metric());

    // When Kafka acknowledges one and fails the other
    manual.completeNext();
    manual.errorNext(new NotEnoughReplicasException("min.insync.replicas"));

    // Then the futures and the meters say so
    assertThat(ok).isCompleted();
    assertThat(failed)
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(NotEnoughReplicasException.class);
    assertThat(meters.counter("vigil.producer.records.sent", "topic", topic.name()).count())
        .isEqualTo(1.0);
    assertThat(
            meters
                .counter(
                    "vigil.producer.records.failed",
                    "topic",
                    topic.name(),
                    "exception",
                    "NotEnoughReplicasException")
                .count())
        .isEqualTo(1.0);
    assertThat(meters.timer("vigil.producer.send.latency", "topic", topic.name()).count())
        .isEqualTo(1);
  }

  private static String traceparentOf(ProducerRecord<byte[], byte[]> record) {
    Header header = record.headers().lastHeader("traceparent");
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private static MetricPoint metric() {
    return MetricPoint.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(NOW)
        .setService("checkout")
        .setName("http.server.active_requests")
        .setType(MetricType.GAUGE)
        .setValue(1.0)
        .build();
  }
}
