package io.vigil.simulator.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.config.VigilConfig;
import io.vigil.devstack.StackEndpoints;
import io.vigil.orders.OrderEvent;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.SimulationSink;
import io.vigil.simulator.SimulationStats;
import io.vigil.simulator.Simulator;
import io.vigil.simulator.TrafficProfile;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A short simulation written to a real broker through the registry, read back with the serdes. */
@VigilStack
class KafkaSinkIT {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSinkIT.class);

  @Test
  void shouldLandAvroRecordsOnRenamedTopicsWhenRunToKafka(StackEndpoints stack, TestInfo info) {
    // Given the simulator's topics under per-test names, created on the broker
    VigilConfig config =
        VigilConfig.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl(),
                VigilConfig.TOPIC_PARTITIONS_CONFIG, "2"));
    String suffix = TestNames.unique(info);
    SimulatorTopics topics =
        SimulatorTopics.from(TopicCatalog.from(config)).renamed(name -> name + "." + suffix);
    try (Admin admin = Admin.create(config.adminProps())) {
      assertThat(topics.createMissing(admin)).hasSize(5);
    }

    // When two virtual minutes of the demo script run to Kafka as fast as possible
    MemorySink memory = new MemorySink();
    SimulationStats stats;
    try (KafkaSink kafka = KafkaSink.create(config, topics)) {
      stats =
          Simulator.builder()
              .seed(7)
              .start(Instant.parse("2026-01-05T18:00:00Z"))
              .duration(Duration.ofMinutes(2))
              .traffic(TrafficProfile.defaults().withBaseRate(10))
              .scenario(Scenario.demo())
              .build()
              .run(SimulationSink.tee(kafka, memory));
    }
    LOG.info(
        "to Kafka: {} records in {} ms = {} records/s",
        stats.records(),
        stats.wallTime().toMillis(),
        Math.round(stats.recordsPerSecond()));

    // Then every record is on its topic, in Avro, readable with the catalog serdes
    Map<String, List<ConsumerRecord<byte[], byte[]>>> received =
        consumeAll(config, topics, stats.records());
    List<Span> spans = decode(received.get(topics.spans().name()), topics.spans());
    List<RequestLog> requests = decode(received.get(topics.requests().name()), topics.requests());
    List<MetricPoint> metrics = decode(received.get(topics.metrics().name()), topics.metrics());
    List<OrderEvent> orders =
        decode(received.get(topics.orderEvents().name()), topics.orderEvents());
    List<GroundTruthLabel> labels =
        received.get(topics.labels()).stream()
            .map(r -> LabelJson.parse(new String(r.value(), StandardCharsets.UTF_8)))
            .toList();
    assertThat(spans).hasSize((int) stats.spans());
    assertThat(byId(spans, Span::getEventId)).isEqualTo(byId(memory.spans(), Span::getEventId));
    assertThat(requests).hasSize((int) stats.requests());
    assertThat(byId(requests, RequestLog::getEventId))
        .isEqualTo(byId(memory.requests(), RequestLog::getEventId));
    assertThat(metrics).hasSize((int) stats.metrics());
    assertThat(byId(metrics, MetricPoint::getEventId))
        .isEqualTo(byId(memory.metrics(), MetricPoint::getEventId));
    assertThat(orders).hasSize((int) stats.orders()).isNotEmpty();
    assertThat(byId(orders, OrderEvent::getEventId))
        .isEqualTo(byId(memory.orders(), OrderEvent::getEventId));
    assertThat(labels).containsExactlyInAnyOrderElementsOf(stats.labels()).isNotEmpty();

    // keyed and timestamped as documented
    ConsumerRecord<byte[], byte[]> firstSpan = received.get(topics.spans().name()).get(0);
    Span decoded = topics.spans().valueSerde().deserializer().deserialize("", firstSpan.value());
    assertThat(new String(firstSpan.key(), StandardCharsets.UTF_8)).isEqualTo(decoded.getTraceId());
    assertThat(firstSpan.timestamp()).isEqualTo(decoded.getOccurredAt().toEpochMilli());
  }

  private static Map<String, List<ConsumerRecord<byte[], byte[]>>> consumeAll(
      VigilConfig config, SimulatorTopics topics, long expected) {
    Map<String, List<ConsumerRecord<byte[], byte[]>>> received = new HashMap<>();
    topics.names().forEach(name -> received.put(name, new ArrayList<>()));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            config.consumerProps(TestNames.unique("simulator-it")),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(topics.names());
      long[] count = {0};
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                  received.get(r.topic()).add(r);
                  count[0]++;
                }
                return count[0] >= expected;
              });
      assertThat(consumer.poll(Duration.ofMillis(500))).as("no extra records").isEmpty();
    }
    return received;
  }

  /** Records by event id: compares large record sets in linear time. */
  private static <V> Map<String, V> byId(List<V> records, Function<V, String> id) {
    Map<String, V> map = new HashMap<>();
    records.forEach(r -> map.put(id.apply(r), r));
    assertThat(map).as("event ids are unique").hasSize(records.size());
    return map;
  }

  private static <V> List<V> decode(
      List<ConsumerRecord<byte[], byte[]>> records,
      io.vigil.schemas.catalog.Topic<String, V> topic) {
    return records.stream()
        .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
        .toList();
  }
}
