package io.vigil.streams.wire;

import io.vigil.saga.Participant;
import java.time.Instant;
import java.util.Objects;

/**
 * A record of {@code saga.replies} (Avro {@code io.vigil.saga.SagaReply}), as this module reads and
 * writes it.
 *
 * <p>Processors work on this record; {@link ParticipantReplySerde} maps it to and from the Avro
 * {@code SagaReply} at the topic boundary.
 *
 * @param eventId UUID of the reply
 * @param occurredAt when the participant answered
 * @param commandId the command answered ({@code sagaId:step:attempt})
 * @param sagaId the saga
 * @param orderId the order (record key)
 * @param participant who answered
 * @param success whether the command was applied
 * @param failureReason why not, else {@code null}
 * @param transientFailure whether a retry may succeed
 */
public record ParticipantReply(
    String eventId,
    Instant occurredAt,
    String commandId,
    String sagaId,
    String orderId,
    Participant participant,
    boolean success,
    String failureReason,
    boolean transientFailure) {

  public ParticipantReply {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(sagaId, "sagaId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(participant, "participant");
  }
}
