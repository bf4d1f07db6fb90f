package io.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.saga.Participant;
import io.vigil.saga.ReplyOutcome;
import io.vigil.saga.SagaReply;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of the Confluent wire format. Expected bytes are written out by hand from the Avro
 * specification (zig-zag varints, length-prefixed strings, union branch index), not produced by the
 * code under test.
 */
class WireFormatTest {

  private static final HexFormat HEX = HexFormat.of();

  private static final Schema PAIR =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"Pair\",\"namespace\":\"test\",\"fields\":["
                  + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\"}]}");

  @Test
  void shouldWriteMagicByteAndBigEndianIdWhenWritingHeader() {
    // Given
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // When
    WireFormat.writeHeader(out, 0x01020304);

    // Then
    assertThat(HEX.formatHex(out.toByteArray())).isEqualTo("0001020304");
  }

  @Test
  void shouldProduceGoldenBytesWhenSerializingGenericRecordWithSchemaId0x01020304() {
    // Given: the schema is registered with id 0x01020304
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    registry.registerWithId("pairs-value", PAIR, 0x01020304);
    GenericRecord pair = new GenericData.Record(PAIR);
    pair.put("name", "ab");
    pair.put("n", 1);

    // When
    byte[] bytes = new GenericAvroSerializer(registry).serialize("pairs", pair);

    // Then: magic 00, id 01020304, "ab" = len 2 (zigzag 04) 61 62, int 1 (zigzag 02)
    assertThat(HEX.formatHex(bytes)).isEqualTo("00" + "01020304" + "046162" + "02");
  }

  @Test
  void shouldDecodeGoldenBytesWhenDeserializingGenericRecord() {
    // Given
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    registry.registerWithId("pairs-value", PAIR, 0x01020304);
    byte[] golden = HEX.parseHex("0001020304" + "046162" + "02");

    // When
    GenericRecord pair = new GenericAvroDeserializer(registry).deserialize("pairs", golden);

    // Then
    assertThat(pair.get("name")).hasToString("ab");
    assertThat(pair.get("n")).isEqualTo(1);
  }

  @Test
  void shouldProduceGoldenBytesWhenSerializingGeneratedRecordWithSchemaId42() {
    // Given
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    registry.registerWithId("saga.replies-value", SagaReply.getClassSchema(), 42);
    SagaReply reply = goldenReply();

    // When
    byte[] bytes = new SpecificAvroSerializer<SagaReply>(registry).serialize("saga.replies", reply);

    // Then
    assertThat(HEX.formatHex(bytes)).isEqualTo(GOLDEN_REPLY_HEX);
  }

  @Test
  void shouldDecodeGoldenBytesWhenDeserializingGeneratedRecord() {
    // Given
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    registry.registerWithId("saga.replies-value", SagaReply.getClassSchema(), 42);

    // When
    SagaReply reply =
        new SpecificAvroDeserializer<>(SagaReply.class, registry)
            .deserialize("saga.replies", HEX.parseHex(GOLDEN_REPLY_HEX));

    // Then
    assertThat(reply).isEqualTo(goldenReply());
  }

  @Test
  void shouldReadSchemaIdWhenHeaderIsValid() {
    assertThat(WireFormat.schemaId(HEX.parseHex("00ffffff85"), "t")).isEqualTo(-123);
    assertThat(WireFormat.schemaId(HEX.parseHex("007fffffff00"), "t")).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void shouldRejectPayloadWhenMagicByteIsNotZero() {
    assertThatThrownBy(() -> WireFormat.schemaId(HEX.parseHex("0100000001"), "orders.events"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown magic byte 1")
        .hasMessageContaining("orders.events");
  }

  @Test
  void shouldRejectPayloadWhenShorterThanHeader() {
    assertThatThrownBy(() -> WireFormat.schemaId(HEX.parseHex("000000"), "orders.events"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Truncated")
        .hasMessageContaining("orders.events");
  }

  // eventId "e" (02 65), occurredAt 1 ms (02), commandId "c" (02 63), sagaId "s" (02 73),
  // orderId "o" (02 6f), participant INVENTORY = symbol 1 (02), outcome SUCCESS = symbol 0 (00),
  // failureReason null = union branch 0 (00), transientFailure false (00).
  private static final String GOLDEN_REPLY_HEX =
      "00" + "0000002a" + "0265" + "02" + "0263" + "0273" + "026f" + "02" + "00" + "00" + "00";

  private static SagaReply goldenReply() {
    return SagaReply.newBuilder()
        .setEventId("e")
        .setOccurredAt(Instant.ofEpochMilli(1))
        .setCommandId("c")
        .setSagaId("s")
        .setOrderId("o")
        .setParticipant(Participant.INVENTORY)
        .setOutcome(ReplyOutcome.SUCCESS)
        .setFailureReason(null)
        .setTransientFailure(false)
        .build();
  }
}
