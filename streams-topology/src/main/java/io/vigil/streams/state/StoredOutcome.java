package io.vigil.streams.state;

import io.vigil.saga.Outcome;

/**
 * The stored form of a participant's final {@link Outcome} (JSON in the processed-commands stores).
 *
 * @param success whether the command was applied
 * @param reason the failure reason, {@code null} on success
 * @param transientFailure whether the failure was transient (never stored by {@link
 *     io.vigil.saga.participant.ParticipantHandlers}, kept for completeness)
 */
public record StoredOutcome(boolean success, String reason, boolean transientFailure) {

  /** The stored form of {@code outcome}. */
  public static StoredOutcome of(Outcome outcome) {
    if (outcome instanceof Outcome.Failure failure) {
      return new StoredOutcome(false, failure.reason(), failure.transientFailure());
    }
    return new StoredOutcome(true, null, false);
  }

  /** Back to the engine's type. */
  public Outcome toOutcome() {
    if (success) {
      return new Outcome.Success();
    }
    return new Outcome.Failure(
        reason == null || reason.isBlank() ? "no reason recorded" : reason, transientFailure);
  }
}
