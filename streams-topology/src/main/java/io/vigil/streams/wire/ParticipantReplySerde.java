package io.vigil.streams.wire;

import io.vigil.saga.Participant;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.serde.GenericAvroSerde;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of {@code saga.replies} values as {@link ParticipantReply}, through generic Avro records of
 * the {@code SagaReply} schema shipped in {@code vigil-schemas} (Confluent wire format, subject
 * {@code <topic>-value}); see {@link ParticipantReply} for why the generated class is not used.
 */
public final class ParticipantReplySerde implements Serde<ParticipantReply> {

  /** The SagaReply schema, read from vigil-schemas' {@code .avsc} resource. */
  public static final Schema SCHEMA = loadSchema();

  private static final Schema PARTICIPANT = SCHEMA.getField("participant").schema();
  private static final Schema OUTCOME = SCHEMA.getField("outcome").schema();

  private final GenericAvroSerde generic;
  private final Serializer<ParticipantReply> serializer;
  private final Deserializer<ParticipantReply> deserializer;

  public ParticipantReplySerde(SchemaRegistryClient client, Map<String, ?> config) {
    this.generic = new GenericAvroSerde(client, config, false);
    this.serializer = new ReplySerializer(generic.serializer());
    this.deserializer = new ReplyDeserializer(generic.deserializer());
  }

  @Override
  public Serializer<ParticipantReply> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<ParticipantReply> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    generic.close();
  }

  /** The generic record of a reply. */
  static GenericRecord toRecord(ParticipantReply reply) {
    GenericData.Record record = new GenericData.Record(SCHEMA);
    record.put("eventId", reply.eventId());
    record.put("occurredAt", reply.occurredAt().toEpochMilli());
    record.put("commandId", reply.commandId());
    record.put("sagaId", reply.sagaId());
    record.put("orderId", reply.orderId());
    record.put("participant", new GenericData.EnumSymbol(PARTICIPANT, reply.participant().name()));
    record.put(
        "outcome", new GenericData.EnumSymbol(OUTCOME, reply.success() ? "SUCCESS" : "FAILURE"));
    record.put("failureReason", reply.failureReason());
    record.put("transientFailure", reply.transientFailure());
    return record;
  }

  /** The reply in a generic record of any compatible SagaReply schema. */
  static ParticipantReply fromRecord(GenericRecord record) {
    return new ParticipantReply(
        string(record, "eventId"),
        instant(record.get("occurredAt")),
        string(record, "commandId"),
        string(record, "sagaId"),
        string(record, "orderId"),
        participant(record.get("participant")),
        // An outcome symbol this reader does not know counts as FAILURE (the schema's default).
        "SUCCESS".equals(String.valueOf(record.get("outcome"))),
        record.hasField("failureReason") ? optionalString(record.get("failureReason")) : null,
        record.hasField("transientFailure") && Boolean.TRUE.equals(record.get("transientFailure")));
  }

  private static String string(GenericRecord record, String field) {
    Object value = record.get(field);
    if (value == null) {
      throw new SerializationException("SagaReply without " + field);
    }
    return value.toString();
  }

  private static String optionalString(Object value) {
    return value == null ? null : value.toString();
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof Long millis) {
      return Instant.ofEpochMilli(millis);
    }
    throw new SerializationException("SagaReply.occurredAt is not a timestamp: " + value);
  }

  private static Participant participant(Object symbol) {
    try {
      return Participant.valueOf(String.valueOf(symbol));
    } catch (IllegalArgumentException e) {
      return Participant.UNKNOWN;
    }
  }

  private static Schema loadSchema() {
    String resource = "/avro/io/vigil/saga/SagaReply.avsc";
    try (InputStream in = ParticipantReplySerde.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " not found; is vigil-schemas on the classpath?");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record ReplySerializer(Serializer<GenericRecord> generic)
      implements Serializer<ParticipantReply> {
    @Override
    public byte[] serialize(String topic, ParticipantReply reply) {
      return reply == null ? null : generic.serialize(topic, toRecord(reply));
    }

    @Override
    public byte[] serialize(String topic, Headers headers, ParticipantReply reply) {
      return reply == null ? null : generic.serialize(topic, headers, toRecord(reply));
    }
  }

  private record ReplyDeserializer(Deserializer<GenericRecord> generic)
      implements Deserializer<ParticipantReply> {
    @Override
    public ParticipantReply deserialize(String topic, byte[] data) {
      GenericRecord record = generic.deserialize(topic, data);
      return record == null ? null : fromRecord(record);
    }

    @Override
    public ParticipantReply deserialize(String topic, Headers headers, byte[] data) {
      GenericRecord record = generic.deserialize(topic, headers, data);
      return record == null ? null : fromRecord(record);
    }
  }
}
