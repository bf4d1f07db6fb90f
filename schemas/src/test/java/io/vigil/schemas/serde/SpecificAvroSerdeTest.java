package io.vigil.schemas.serde;

import static io.vigil.schemas.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.orders.OrderCancelled;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.saga.ReplyOutcome;
import io.vigil.saga.SagaReply;
import io.vigil.schemas.testing.FakeRegistryServer;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import io.vigil.schemas.testing.TestEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldRoundTripEnvelopeWithDecimalsWhenSerializingOrderPlaced() {
    // Given
    SpecificAvroSerde<OrderEvent> serde = new SpecificAvroSerde<>(OrderEvent.class, registry);
    OrderEvent placed = TestEvents.orderPlaced("order-1");

    // When
    byte[] bytes = serde.serializer().serialize("orders.events", placed);
    OrderEvent read = serde.deserializer().deserialize("orders.events", bytes);

    // Then
    assertThat(read).isEqualTo(placed);
    OrderPlaced payload = (OrderPlaced) read.getPayload();
    assertThat(payload.getTotal()).isEqualByComparingTo(new BigDecimal("59.97"));
    assertThat(payload.getLines().get(0).getUnitPrice()).isEqualTo(new BigDecimal("19.99"));
    assertThat(read.getOccurredAt()).isEqualTo(T0);
    assertThat(registry.subjects()).containsExactly("orders.events-value");
  }

  @Test
  void shouldRoundTripEveryPayloadBranchWhenEnvelopeCarriesDifferentEvents() {
    // Given
    SpecificAvroSerde<OrderEvent> serde = new SpecificAvroSerde<>(OrderEvent.class, registry);
    OrderEvent cancelled = TestEvents.orderCancelled("order-1", "customer request");

    // When
    OrderEvent read =
        serde
            .deserializer()
            .deserialize("orders.events", serde.serializer().serialize("orders.events", cancelled));

    // Then
    assertThat(read.getPayload()).isInstanceOf(OrderCancelled.class);
    assertThat(((OrderCancelled) read.getPayload()).getReason()).isEqualTo("customer request");
  }

  @Test
  void shouldMapNullToNullWhenRecordIsTombstone() {
    SpecificAvroSerde<OrderEvent> serde = new SpecificAvroSerde<>(OrderEvent.class, registry);

    assertThat(serde.serializer().serialize("orders.status", null)).isNull();
    assertThat(serde.deserializer().deserialize("orders.status", null)).isNull();
  }

  @Test
  void shouldRegisterOnceAndFetchNeverWhenSerializingManyRecords() {
    // Given
    SpecificAvroSerde<SagaReply> serde = new SpecificAvroSerde<>(SagaReply.class, registry);

    // When
    for (int i = 0; i < 50; i++) {
      byte[] bytes =
          serde.serializer().serialize("saga.replies", TestEvents.inventoryReserved("o" + i));
      serde.deserializer().deserialize("saga.replies", bytes);
    }

    // Then: one registration; the id's schema is known from registering, no fetch by id
    assertThat(registry.registerCalls).hasValue(1);
    assertThat(registry.schemaByIdCalls).hasValue(0);
  }

  @Test
  void shouldFetchWriterSchemaOnceWhenDeserializingManyRecordsFromAnotherProducer() {
    // Given: a producer with its own client cache wrote the records
    byte[] bytes =
        new SpecificAvroSerializer<SagaReply>(registry)
            .serialize("saga.replies", TestEvents.inventoryReserved("o1"));
    SpecificAvroDeserializer<SagaReply> consumer =
        new SpecificAvroDeserializer<>(SagaReply.class, registry);

    // When
    for (int i = 0; i < 20; i++) {
      consumer.deserialize("saga.replies", bytes);
    }

    // Then
    assertThat(registry.schemaByIdCalls).hasValue(1);
  }

  @Test
  void shouldUseKeySubjectWhenSerdeIsForKeys() {
    // Given
    SpecificAvroSerde<SagaReply> serde =
        new SpecificAvroSerde<>(SagaReply.class, registry, Map.of(), true);

    // When
    serde.serializer().serialize("saga.replies", TestEvents.inventoryReserved("o1"));

    // Then
    assertThat(registry.subjects()).containsExactly("saga.replies-key");
  }

  @Test
  void shouldReadOldDataWithDefaultsWhenWriterSchemaIsOlderVersion() {
    // Given: version 0 of SagaReply had neither failureReason nor transientFailure
    Schema v0 = new Schema.Parser().parse(SAGA_REPLY_V0);
    GenericRecord old = new GenericData.Record(v0);
    old.put("eventId", "e1");
    old.put("occurredAt", T0.toEpochMilli());
    old.put("commandId", "s1:1:0");
    old.put("sagaId", "s1");
    old.put("orderId", "o1");
    old.put(
        "participant", new GenericData.EnumSymbol(v0.getField("participant").schema(), "PAYMENT"));
    old.put("outcome", new GenericData.EnumSymbol(v0.getField("outcome").schema(), "SUCCESS"));
    byte[] bytes = new GenericAvroSerializer(registry).serialize("saga.replies", old);

    // When
    SagaReply read =
        new SpecificAvroDeserializer<>(SagaReply.class, registry)
            .deserialize("saga.replies", bytes);

    // Then
    assertThat(read.getCommandId()).isEqualTo("s1:1:0");
    assertThat(read.getOccurredAt()).isEqualTo(T0);
    assertThat(read.getFailureReason()).isNull();
    assertThat(read.getTransientFailure()).isFalse();
  }

  @Test
  void shouldReadUnknownEnumSymbolAsDefaultWhenWriterIsNewer() {
    // Given: a newer writer knows an outcome this reader does not
    Schema newer =
        new Schema.Parser()
            .parse(SAGA_REPLY_V0.replace("\"FAILURE\"]", "\"FAILURE\", \"PARTIAL\"]"));
    GenericRecord reply = new GenericData.Record(newer);
    reply.put("eventId", "e1");
    reply.put("occurredAt", T0.toEpochMilli());
    reply.put("commandId", "s1:1:0");
    reply.put("sagaId", "s1");
    reply.put("orderId", "o1");
    reply.put(
        "participant",
        new GenericData.EnumSymbol(newer.getField("participant").schema(), "INVENTORY"));
    reply.put("outcome", new GenericData.EnumSymbol(newer.getField("outcome").schema(), "PARTIAL"));
    registry.setSubjectCompatibility(
        "saga.replies-value", io.vigil.schemas.registry.CompatibilityLevel.NONE);
    byte[] bytes = new GenericAvroSerializer(registry).serialize("saga.replies", reply);

    // When
    SagaReply read =
        new SpecificAvroDeserializer<>(SagaReply.class, registry)
            .deserialize("saga.replies", bytes);

    // Then: the enum default, the safe side
    assertThat(read.getOutcome()).isEqualTo(ReplyOutcome.FAILURE);
  }

  @Test
  void shouldLookUpInsteadOfRegisteringWhenAutoRegisterIsOff() {
    // Given
    registry.register("saga.replies-value", SagaReply.getClassSchema());
    registry.registerCalls.set(0);
    SpecificAvroSerializer<SagaReply> serializer =
        new SpecificAvroSerializer<>(registry, Map.of("auto.register.schemas", false), false);

    // When
    serializer.serialize("saga.replies", TestEvents.inventoryReserved("o1"));
    serializer.serialize("saga.replies", TestEvents.inventoryReserved("o2"));

    // Then
    assertThat(registry.registerCalls).hasValue(0);
    assertThat(registry.lookupCalls).hasValue(1);
  }

  @Test
  void shouldFailNamingTopicAndSubjectWhenSchemaIsNotRegisteredAndAutoRegisterIsOff() {
    // Given
    registry.register("saga.replies-value", OrderEvent.getClassSchema());
    SpecificAvroSerializer<SagaReply> serializer =
        new SpecificAvroSerializer<>(registry, Map.of("auto.register.schemas", "false"), false);

    // When / Then
    assertThatThrownBy(
            () -> serializer.serialize("saga.replies", TestEvents.inventoryReserved("o1")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("saga.replies")
        .hasMessageContaining("subject=saga.replies-value")
        .hasMessageContaining("Schema not found");
  }

  @Test
  void shouldWriteWithLatestIdWhenUseLatestVersionIsOn() {
    // Given
    int id = registry.register("saga.replies-value", SagaReply.getClassSchema());
    SpecificAvroSerializer<SagaReply> serializer =
        new SpecificAvroSerializer<>(
            registry, Map.of("auto.register.schemas", false, "use.latest.version", true), false);

    // When
    byte[] bytes = serializer.serialize("saga.replies", TestEvents.inventoryReserved("o1"));

    // Then
    assertThat(WireFormat.schemaId(bytes, "saga.replies")).isEqualTo(id);
  }

  @Test
  void shouldFailWhenUseLatestVersionAndRecordEncodesDifferently() {
    // Given
    registry.register("saga.replies-value", new Schema.Parser().parse(SAGA_REPLY_V0));
    SpecificAvroSerializer<SagaReply> serializer =
        new SpecificAvroSerializer<>(
            registry, Map.of("auto.register.schemas", false, "use.latest.version", true), false);

    // When / Then
    assertThatThrownBy(
            () -> serializer.serialize("saga.replies", TestEvents.inventoryReserved("o1")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("saga.replies-value")
        .hasMessageContaining("version 1");
  }

  @Test
  void shouldFailNamingTopicWhenSchemaIdIsUnknown() {
    // Given
    byte[] unknownId = {0, 0, 0, 3, (byte) 0xe7, 2, 0x65};
    SpecificAvroDeserializer<SagaReply> deserializer =
        new SpecificAvroDeserializer<>(SagaReply.class, registry);

    // When / Then
    assertThatThrownBy(() -> deserializer.deserialize("saga.replies", unknownId))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown schema id 999")
        .hasMessageContaining("saga.replies");
  }

  @Test
  void shouldFailNamingTopicWhenAvroPayloadIsTruncated() {
    // Given
    SpecificAvroSerde<OrderEvent> serde = new SpecificAvroSerde<>(OrderEvent.class, registry);
    byte[] bytes = serde.serializer().serialize("orders.events", TestEvents.orderPlaced("o1"));
    byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);

    // When / Then
    assertThatThrownBy(() -> serde.deserializer().deserialize("orders.events", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("orders.events")
        .hasMessageContaining("truncated or corrupt");
  }

  @Test
  void shouldFailNamingTopicWhenMagicByteIsWrong() {
    SpecificAvroSerde<OrderEvent> serde = new SpecificAvroSerde<>(OrderEvent.class, registry);

    assertThatThrownBy(
            () -> serde.deserializer().deserialize("orders.events", "{\"json\":1}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("magic byte")
        .hasMessageContaining("orders.events");
  }

  @Test
  void shouldRoundTripOverHttpWhenConfiguredByKafkaWithClassNames() throws Exception {
    // Given: what Kafka does with class names: no-arg constructors, then configure(); separate
    // producer and consumer serdes, each with its own client, against a real HTTP peer
    try (FakeRegistryServer server = new FakeRegistryServer()) {
      String schemaBody =
          new ObjectMapper()
              .createObjectNode()
              .put("schema", SagaReply.getClassSchema().toString())
              .toString();
      server
          .answer("POST", "/subjects/saga.replies-value/versions", 200, "{\"id\":21}")
          .answer("GET", "/schemas/ids/21", 200, schemaBody);
      Map<String, Object> config =
          Map.of(
              "schema.registry.url", server.url(),
              "specific.avro.value.type", SagaReply.class.getName());
      SpecificAvroSerde<SagaReply> producerSide = new SpecificAvroSerde<>();
      producerSide.configure(config, false);
      SpecificAvroSerde<SagaReply> consumerSide = new SpecificAvroSerde<>();
      consumerSide.configure(config, false);
      SagaReply reply = TestEvents.inventoryReserved("o1");

      // When
      byte[] bytes = producerSide.serializer().serialize("saga.replies", reply);
      SagaReply read = consumerSide.deserializer().deserialize("saga.replies", bytes);

      // Then
      assertThat(read).isEqualTo(reply);
      assertThat(WireFormat.schemaId(bytes, "saga.replies")).isEqualTo(21);
      assertThat(server.requests())
          .extracting(r -> r.method() + " " + r.pathAndQuery())
          .containsExactly("POST /subjects/saga.replies-value/versions", "GET /schemas/ids/21");
    }
  }

  @Test
  void shouldResolveClassFromWriterSchemaWhenNoTypeIsConfigured() {
    // Given
    byte[] bytes =
        new SpecificAvroSerializer<OrderEvent>(registry)
            .serialize("orders.events", TestEvents.orderPlaced("o1"));
    SpecificAvroDeserializer<OrderEvent> deserializer =
        new SpecificAvroDeserializer<>(null, registry, Map.of(), false);

    // When
    OrderEvent read = deserializer.deserialize("orders.events", bytes);

    // Then
    assertThat(read.getOrderId()).isEqualTo("o1");
  }

  @Test
  void shouldFailFastNamingUrlAndSubjectWhenRegistryIsUnreachable() {
    // Given: nothing listens on port 1
    SpecificAvroSerde<OrderEvent> serde =
        new SpecificAvroSerde<>(
            OrderEvent.class, Map.of("schema.registry.url", "http://127.0.0.1:1"), false);
    long start = System.nanoTime();

    // When / Then
    assertThatThrownBy(
            () -> serde.serializer().serialize("orders.events", TestEvents.orderPlaced("o1")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("http://127.0.0.1:1")
        .hasMessageContaining("orders.events-value");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void shouldRefuseToSerializeWhenNeverConfigured() {
    SpecificAvroSerializer<SagaReply> serializer = new SpecificAvroSerializer<>();

    assertThatThrownBy(
            () -> serializer.serialize("saga.replies", TestEvents.inventoryReserved("o1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not configured");
  }

  static final String SAGA_REPLY_V0 =
      """
      {"type": "record", "name": "SagaReply", "namespace": "io.vigil.saga", "fields": [
        {"name": "eventId", "type": "string"},
        {"name": "occurredAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "commandId", "type": "string"},
        {"name": "sagaId", "type": "string"},
        {"name": "orderId", "type": "string"},
        {"name": "participant", "type": {"type": "enum", "name": "Participant",
          "symbols": ["UNKNOWN", "INVENTORY", "PAYMENT"], "default": "UNKNOWN"}},
        {"name": "outcome", "type": {"type": "enum", "name": "Outcome",
          "symbols": ["SUCCESS", "FAILURE"], "default": "FAILURE"}}
      ]}
      """;
}
