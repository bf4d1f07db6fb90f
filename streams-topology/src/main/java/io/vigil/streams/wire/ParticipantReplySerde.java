package io.vigil.streams.wire;

import io.vigil.saga.Participant;
import io.vigil.saga.ReplyOutcome;
import io.vigil.saga.SagaReply;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of {@code saga.replies} values as {@link ParticipantReply}: the Avro {@link SagaReply} of
 * {@code vigil-schemas} (Confluent wire format, subject {@code <topic>-value}), mapped to the
 * module's reply record at the edge so processors never handle Avro types.
 */
public final class ParticipantReplySerde implements Serde<ParticipantReply> {

  private final SpecificAvroSerde<SagaReply> avro;
  private final Serializer<ParticipantReply> serializer;
  private final Deserializer<ParticipantReply> deserializer;

  public ParticipantReplySerde(SchemaRegistryClient client, Map<String, ?> config) {
    this.avro = new SpecificAvroSerde<>(SagaReply.class, client, config, false);
    this.serializer = new ReplySerializer(avro.serializer());
    this.deserializer = new ReplyDeserializer(avro.deserializer());
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
    avro.close();
  }

  /** The Avro record of a reply. */
  static SagaReply toRecord(ParticipantReply reply) {
    return SagaReply.newBuilder()
        .setEventId(reply.eventId())
        .setOccurredAt(reply.occurredAt())
        .setCommandId(reply.commandId())
        .setSagaId(reply.sagaId())
        .setOrderId(reply.orderId())
        .setParticipant(reply.participant())
        .setOutcome(reply.success() ? ReplyOutcome.SUCCESS : ReplyOutcome.FAILURE)
        .setFailureReason(reply.failureReason())
        .setTransientFailure(reply.transientFailure())
        .build();
  }

  /** The reply of an Avro record; an outcome this reader does not know reads as FAILURE. */
  static ParticipantReply fromRecord(SagaReply record) {
    return new ParticipantReply(
        record.getEventId(),
        record.getOccurredAt(),
        record.getCommandId(),
        record.getSagaId(),
        record.getOrderId(),
        record.getParticipant() == null ? Participant.UNKNOWN : record.getParticipant(),
        record.getOutcome() == ReplyOutcome.SUCCESS,
        record.getFailureReason(),
        record.getTransientFailure());
  }

  private record ReplySerializer(Serializer<SagaReply> avro)
      implements Serializer<ParticipantReply> {
    @Override
    public byte[] serialize(String topic, ParticipantReply reply) {
      return reply == null ? null : avro.serialize(topic, toRecord(reply));
    }

    @Override
    public byte[] serialize(String topic, Headers headers, ParticipantReply reply) {
      return reply == null ? null : avro.serialize(topic, headers, toRecord(reply));
    }
  }

  private record ReplyDeserializer(Deserializer<SagaReply> avro)
      implements Deserializer<ParticipantReply> {
    @Override
    public ParticipantReply deserialize(String topic, byte[] data) {
      SagaReply record = avro.deserialize(topic, data);
      return record == null ? null : fromRecord(record);
    }

    @Override
    public ParticipantReply deserialize(String topic, Headers headers, byte[] data) {
      SagaReply record = avro.deserialize(topic, headers, data);
      return record == null ? null : fromRecord(record);
    }
  }
}
