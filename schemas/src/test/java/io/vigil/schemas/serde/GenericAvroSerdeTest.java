package io.vigil.schemas.serde;

import static io.vigil.schemas.testing.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.saga.SagaReply;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import io.vigil.schemas.testing.TestEvents;
import io.vigil.telemetry.Span;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class GenericAvroSerdeTest {

  private static final Schema PRICE =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Price", "namespace": "test", "fields": [
                {"name": "sku", "type": "string"},
                {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal",
                  "precision": 18, "scale": 2}}
              ]}
              """);

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldRoundTripRawValuesWhenLogicalTypeConvertersAreOff() {
    // Given
    GenericAvroSerde serde = new GenericAvroSerde(registry);
    GenericRecord price = new GenericData.Record(PRICE);
    price.put("sku", "sku-1");
    price.put("at", T0.toEpochMilli());
    price.put("amount", ByteBuffer.wrap(new BigDecimal("12.50").unscaledValue().toByteArray()));

    // When
    GenericRecord read =
        serde.deserializer().deserialize("prices", serde.serializer().serialize("prices", price));

    // Then
    assertThat(read.get("sku")).hasToString("sku-1");
    assertThat(read.get("at")).isEqualTo(T0.toEpochMilli());
    assertThat(read.get("amount")).isEqualTo(price.get("amount"));
  }

  @Test
  void shouldRoundTripJavaTypesWhenLogicalTypeConvertersAreOn() {
    // Given
    GenericAvroSerde serde =
        new GenericAvroSerde(registry, Map.of("avro.use.logical.type.converters", true), false);
    GenericRecord price = new GenericData.Record(PRICE);
    price.put("sku", "sku-1");
    price.put("at", T0);
    price.put("amount", new BigDecimal("12.50"));

    // When
    GenericRecord read =
        serde.deserializer().deserialize("prices", serde.serializer().serialize("prices", price));

    // Then
    assertThat(read.get("at")).isEqualTo(T0);
    assertThat(read.get("amount")).isEqualTo(new BigDecimal("12.50"));
  }

  @Test
  void shouldReadGeneratedRecordAsGenericWhenWrittenBySpecificSerializer() {
    // Given
    Span span = TestEvents.clientSpan();
    byte[] bytes = new SpecificAvroSerializer<Span>(registry).serialize("telemetry.spans", span);

    // When
    GenericRecord read =
        new GenericAvroDeserializer(registry).deserialize("telemetry.spans", bytes);

    // Then
    assertThat(read.getSchema().getFullName()).isEqualTo("io.vigil.telemetry.Span");
    assertThat(read.get("peerService")).hasToString("payment");
    assertThat(read.get("startTime")).isEqualTo(T0.toEpochMilli() * 1000);
  }

  @Test
  void shouldReturnGeneratedClassWhenSpecificAvroReaderIsOn() {
    // Given
    byte[] bytes =
        new GenericAvroSerializer(registry)
            .serialize("saga.replies", TestEvents.inventoryReserved("o1"));
    GenericAvroDeserializer deserializer =
        new GenericAvroDeserializer(registry, Map.of("specific.avro.reader", true), false);

    // When
    GenericRecord read = deserializer.deserialize("saga.replies", bytes);

    // Then
    assertThat(read).isInstanceOf(SagaReply.class);
    assertThat(((SagaReply) read).getOccurredAt()).isEqualTo(Instant.from(T0));
  }
}
