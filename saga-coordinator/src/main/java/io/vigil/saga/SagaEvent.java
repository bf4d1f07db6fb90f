package io.vigil.saga;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lifecycle event of one saga.
 *
 * @param type what happened
 * @param sagaId the saga
 * @param step the step concerned, empty for saga-wide events ({@code STARTED}, {@code COMPLETED},
 *     {@code CANCELLED})
 * @param attempt the attempt concerned ({@code RETRY_SCHEDULED}: the attempt to come), 0 if none
 * @param reason why, for {@code RETRY_SCHEDULED}, {@code COMPENSATING}, {@code CANCELLED} and
 *     {@code FAILED}
 * @param at when (the time of the input that caused it)
 */
public record SagaEvent(
    SagaEventType type,
    String sagaId,
    Optional<String> step,
    int attempt,
    Optional<String> reason,
    Instant at) {

  public SagaEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sagaId, "sagaId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
