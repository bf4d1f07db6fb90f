package io.vigil.saga;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What needs a human after a saga ended {@link SagaStatus#FAILED}: a compensation that could not be
 * applied (cf. a Zeebe incident). The effects of {@link #step()} and of every step in {@link
 * #compensationsNotRun()} may still be applied in the participants.
 *
 * @param step the step whose compensation failed
 * @param commandId the last compensation command sent (its attempt is the last one)
 * @param attempts how many attempts were made
 * @param cause the participant's last failure reason, or the timeout
 * @param compensationsNotRun steps still to compensate after {@code step}, in the order they would
 *     have run
 * @param at when the saga failed
 */
public record Incident(
    String step,
    String commandId,
    int attempts,
    String cause,
    List<String> compensationsNotRun,
    Instant at) {

  public Incident {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(at, "at");
    compensationsNotRun = List.copyOf(compensationsNotRun);
  }

  /** One-line description for operators. */
  public String summary() {
    return "compensation of step "
        + step
        + " failed after "
        + attempts
        + (attempts == 1 ? " attempt" : " attempts")
        + " ("
        + commandId
        + "): "
        + cause
        + (compensationsNotRun.isEmpty() ? "" : "; not compensated either: " + compensationsNotRun);
  }
}
