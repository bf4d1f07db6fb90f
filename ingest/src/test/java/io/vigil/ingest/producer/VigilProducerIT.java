package io.vigil.ingest.producer;

import static io.vigil.ingest.testing.StackSupport.config;
import static io.vigil.ingest.testing.StackSupport.create;
import static io.vigil.ingest.testing.StackSupport.readAll;
import static io.vigil.ingest.testing.StackSupport.renamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.devstack.StackEndpoints;
import io.vigil.ingest.IngestConfig;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.MetricType;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The producer library against a real broker and registry. */
@VigilStack
class VigilProducerIT {

  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  void shouldRoundTripTypedRecordsWithHeadersWhenSentThroughTheLibrary(
      StackEndpoints stack, TestInfo info) throws Exception {
    // Given a producer with zstd compression and a metrics topic of its own
    IngestConfig config =
        config(stack, Map.of(IngestConfig.PRODUCER_COMPRESSION_TYPE_CONFIG, "zstd"));
    Topic<String, MetricPoint> topic =
        renamed(TopicCatalog.from(config).metrics(), TestNames.unique(info), 3);
    create(config, topic.toNewTopic());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    List<MetricPoint> sent = new ArrayList<>();
    List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>();

    // When 200 records without event ids are sent, half of them in a trace context
    try (VigilProducer producer = VigilProducer.builder(config).meterRegistry(meters).build()) {
      for (int i = 0; i < 200; i++) {
        MetricPoint point = point("svc-" + (i % 5), i);
        sent.add(point);
        if (i % 2 == 0) {
          try (TraceContext.Scope scope = TraceContext.attach(TRACEPARENT)) {
            acks.add(producer.send(topic, point.getService(), point));
          }
        } else {
          acks.add(producer.send(topic, point.getService(), point));
        }
      }
      producer.flush();
      // Then flush() returned only once every record was acknowledged
      assertThat(acks).allSatisfy(ack -> assertThat(ack).isCompleted());
    }

    // And the records read back equal the sent ones, ids filled, traceparent where attached
    List<ConsumerRecord<byte[], byte[]>> records = readAll(config, topic.name());
    assertThat(records).hasSize(200);
    List<MetricPoint> received = new ArrayList<>();
    int traced = 0;
    for (ConsumerRecord<byte[], byte[]> r : records) {
      MetricPoint point = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
      received.add(point);
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(point.getService());
      if (r.headers().lastHeader("traceparent") != null) {
        traced++;
        assertThat(
                new String(r.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
            .isEqualTo(TRACEPARENT);
      }
    }
    assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(received)
        .extracting(MetricPoint::getEventId)
        .doesNotContainNull()
        .doesNotHaveDuplicates();
    assertThat(traced).isEqualTo(100);
    assertThat(meters.counter("vigil.producer.records.sent", "topic", topic.name()).count())
        .isEqualTo(200.0);
  }

  @Test
  void shouldThrowBackPressureExceptionWhenTheBrokerIsSlowerThanTheProducer(
      StackEndpoints stack, TestInfo info) throws Exception {
    // Given a broker that throttles this client to 1 KiB/s (a produce quota) and a producer with
    // a 64 KiB buffer that may block 300 ms
    String clientId = TestNames.unique(info);
    IngestConfig config =
        config(
            stack,
            Map.of(
                IngestConfig.PRODUCER_BUFFER_MEMORY_CONFIG,
                String.valueOf(64 * 1024),
                IngestConfig.PRODUCER_BATCH_SIZE_CONFIG,
                String.valueOf(16 * 1024),
                IngestConfig.PRODUCER_MAX_BLOCK_MS_CONFIG,
                "300",
                IngestConfig.PRODUCER_COMPRESSION_TYPE_CONFIG,
                "none"));
    Topic<String, MetricPoint> topic =
        renamed(TopicCatalog.from(config).metrics(), TestNames.unique(info), 1);
    create(config, topic.toNewTopic());
    throttle(config, clientId, 1024.0);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    try (VigilProducer producer =
        VigilProducer.builder(config).meterRegistry(meters).clientId(clientId).build()) {
      // When records keep coming, then a send fails after max.block.ms with the typed exception
      List<CompletableFuture<RecordMetadata>> pending = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      assertThatThrownBy(
              () -> {
                while (System.nanoTime() < deadline) {
                  pending.add(producer.send(topic, "svc", bigPoint(pending.size())));
                }
              })
          .isInstanceOf(BackPressureException.class)
          .hasMessageContaining(topic.name())
          .hasMessageContaining("300 ms");
      assertThat(meters.counter("vigil.producer.backpressure", "topic", topic.name()).count())
          .isEqualTo(1.0);
      // And close(0) completes everything still in flight (failed) instead of hanging
      producer.close(Duration.ZERO);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(pending).allMatch(CompletableFuture::isDone));
      assertThat(pending).anyMatch(CompletableFuture::isCompletedExceptionally);
    } finally {
      throttle(config, clientId, null);
    }
  }

  /** Sets (or with {@code null} removes) a produce byte-rate quota for a client id. */
  private static void throttle(IngestConfig config, String clientId, Double bytesPerSecond)
      throws Exception {
    ClientQuotaEntity entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, clientId));
    try (Admin admin = Admin.create(config.adminProps())) {
      admin
          .alterClientQuotas(
              List.of(
                  new ClientQuotaAlteration(
                      entity,
                      List.of(new ClientQuotaAlteration.Op("producer_byte_rate", bytesPerSecond)))))
          .all()
          .get(30, TimeUnit.SECONDS);
      if (bytesPerSecond != null) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    !admin
                        .describeClientQuotas(
                            ClientQuotaFilter.containsOnly(
                                List.of(
                                    ClientQuotaFilterComponent.ofEntity(
                                        ClientQuotaEntity.CLIENT_ID, clientId))))
                        .entities()
                        .get(30, TimeUnit.SECONDS)
                        .isEmpty());
      }
    }
  }

  private static MetricPoint point(String service, int i) {
    MetricPoint point = new MetricPoint();
    point.setService(service);
    point.setName("http.server.request.count");
    point.setType(MetricType.COUNTER);
    point.setValue(i);
    point.setUnit("1");
    point.setAttributes(Map.of("i", Integer.toString(i)));
    return point;
  }

  private static MetricPoint bigPoint(int i) {
    MetricPoint point = point("svc", i);
    point.setAttributes(Map.of("padding", "x".repeat(4000)));
    return point;
  }
}
