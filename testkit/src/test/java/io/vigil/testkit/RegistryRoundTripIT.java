package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vigil.config.VigilConfig;
import io.vigil.devstack.StackEndpoints;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.schemas.registry.IncompatibleSchemaException;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.registry.SchemaRegistryClients;
import io.vigil.schemas.serde.GenericAvroDeserializer;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.MetricType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The registry client and serdes (module {@code schemas}) against the registry server and broker
 * (module {@code devstack}): the path every Vigil record takes.
 */
@VigilStack
class RegistryRoundTripIT {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void shouldRoundTripSpecificRecordWhenProducedThroughTheRegistry(
      StackEndpoints stack, TestInfo info) throws Exception {
    // Given a catalog topic on a unique name, pointed at the stack
    VigilConfig config = config(stack);
    Topic<String, MetricPoint> topic =
        renamed(TopicCatalog.from(config).metrics(), TestNames.unique(info));
    create(config, topic);
    MetricPoint sent = metric("checkout", 12.5);

    // When it is produced with the catalog's serdes and read back with them
    produce(config, topic, "checkout", sent);
    List<MetricPoint> received =
        consume(config, topic.name(), topic.valueSerde().deserializer(), 1);

    // Then the record is equal and its schema is registered under <topic>-value
    assertThat(received).containsExactly(sent);
    SchemaRegistryClient client = SchemaRegistryClients.forUrl(stack.schemaRegistryUrl());
    assertThat(client.subjects()).contains(topic.name() + "-value");
    assertThat(client.latestVersion(topic.name() + "-value").avroSchema())
        .isEqualTo(MetricPoint.getClassSchema());
  }

  @Test
  void shouldReadAsGenericRecordWhenWrittenAsSpecific(StackEndpoints stack, TestInfo info)
      throws Exception {
    // Given a specific record written through the registry
    VigilConfig config = config(stack);
    Topic<String, MetricPoint> topic =
        renamed(TopicCatalog.from(config).metrics(), TestNames.unique(info));
    create(config, topic);
    produce(config, topic, "cart", metric("cart", 3.0));

    // When a consumer without the generated classes reads it
    GenericAvroDeserializer generic = new GenericAvroDeserializer();
    generic.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
    List<GenericRecord> received = consume(config, topic.name(), generic, 1);

    // Then it sees the writer's fields by name
    assertThat(received).hasSize(1);
    assertThat(received.get(0).get("service").toString()).isEqualTo("cart");
    assertThat(received.get(0).get("value")).isEqualTo(3.0);
  }

  @Test
  void shouldKeepIdsAndRejectIncompatibleChangeWhenClientTalksToServer(
      TestInfo info, StackEndpoints stack) {
    // Given a subject with one schema
    SchemaRegistryClient client = SchemaRegistryClients.forUrl(stack.schemaRegistryUrl());
    String subject = TestNames.unique(info) + "-value";
    Schema v1 =
        SchemaBuilder.record("Probe")
            .namespace("io.vigil.test")
            .fields()
            .requiredString("id")
            .endRecord();
    int id = client.register(subject, v1);

    // When the same schema is registered again, and an incompatible one is attempted
    int again = client.register(subject, v1);
    Schema incompatible =
        SchemaBuilder.record("Probe")
            .namespace("io.vigil.test")
            .fields()
            .requiredString("id")
            .requiredLong("count")
            .endRecord();

    // Then the id is stable, lookups agree, and the registry refuses with Confluent's 409
    assertThat(again).isEqualTo(id);
    assertThat(client.schemaById(id)).isEqualTo(v1);
    assertThat(client.lookup(subject, v1).version()).isEqualTo(1);
    assertThat(client.isCompatible(subject, incompatible, "latest")).isFalse();
    assertThatThrownBy(() -> client.register(subject, incompatible))
        .isInstanceOfSatisfying(
            IncompatibleSchemaException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(409);
              assertThat(e.getMessage()).contains(stack.schemaRegistryUrl(), subject);
            });
  }

  private static VigilConfig config(StackEndpoints stack) {
    return VigilConfig.load(
        Optional.empty(),
        Map.of(),
        Map.of(
            VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
            VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()));
  }

  private static <K, V> Topic<K, V> renamed(Topic<K, V> topic, String name) {
    return new Topic<>(
        name, 1, topic.replicationFactor(), topic.configs(), topic.keySerde(), topic.valueSerde());
  }

  private static void create(VigilConfig config, Topic<?, ?> topic) throws Exception {
    try (Admin admin = Admin.create(config.adminProps())) {
      admin.createTopics(List.of(topic.toNewTopic())).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static MetricPoint metric(String service, double value) {
    return MetricPoint.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(T0)
        .setService(service)
        .setName("http.server.active_requests")
        .setType(MetricType.GAUGE)
        .setValue(value)
        .build();
  }

  private static <V> void produce(VigilConfig config, Topic<String, V> topic, String key, V value)
      throws Exception {
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            config.producerProps(),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static <V> List<V> consume(
      VigilConfig config, String topic, Deserializer<V> values, int expected) {
    List<V> received = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            config.consumerProps(TestNames.unique("group")), new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      Function<ConsumerRecord<String, V>, V> value = ConsumerRecord::value;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(value.apply(r)));
                return received.size() >= expected;
              });
    }
    return received;
  }
}
