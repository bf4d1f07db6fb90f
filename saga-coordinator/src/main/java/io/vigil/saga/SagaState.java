package io.vigil.saga;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete, immutable state of one saga instance: the only thing a caller persists between
 * inputs (see {@code io.vigil.saga.codec.SagaStateCodec} for a stable binary encoding).
 *
 * <p>Invariants, checked on construction: a non-terminal saga has exactly one live timer (the reply
 * timeout of the awaited command, or the backoff before the next attempt), so it can never get
 * stuck; a terminal saga has none and awaits nothing; {@code FAILED} comes with an incident and
 * only then.
 *
 * @param sagaType the {@link SagaDefinition#name()}
 * @param sagaId the saga instance id
 * @param data the saga data the commands are built from
 * @param status the lifecycle status
 * @param currentStep the step of the current command (awaited, about to be retried, or the last one
 *     sent once terminal)
 * @param attempt the attempt of the current command (during a backoff: the attempt to be sent)
 * @param awaitingCommandId the command whose reply is awaited; empty during a backoff and once
 *     terminal
 * @param activeTimer the live timer; empty once terminal
 * @param appliedSteps steps whose action succeeded or may have been applied (a timed-out attempt),
 *     in execution order; these, if compensable, are what a cancellation compensates
 * @param pendingCompensations compensations still to run, the current one first
 * @param compensatedSteps steps whose compensation succeeded, in the order they ran
 * @param reason why the saga is compensating, cancelled or failed
 * @param incident what needs a human, present exactly when {@code FAILED}
 * @param startedAt when the saga started
 * @param updatedAt the time of the last input that changed the state
 * @param revision number of state changes so far (1 after start)
 * @param <D> the saga data type
 */
public record SagaState<D>(
    String sagaType,
    String sagaId,
    D data,
    SagaStatus status,
    String currentStep,
    int attempt,
    Optional<String> awaitingCommandId,
    Optional<SagaTimer> activeTimer,
    List<String> appliedSteps,
    List<String> pendingCompensations,
    List<String> compensatedSteps,
    Optional<String> reason,
    Optional<Incident> incident,
    Instant startedAt,
    Instant updatedAt,
    long revision) {

  public SagaState {
    Objects.requireNonNull(sagaType, "sagaType");
    Objects.requireNonNull(sagaId, "sagaId");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(currentStep, "currentStep");
    Objects.requireNonNull(awaitingCommandId, "awaitingCommandId");
    Objects.requireNonNull(activeTimer, "activeTimer");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    appliedSteps = List.copyOf(appliedSteps);
    pendingCompensations = List.copyOf(pendingCompensations);
    compensatedSteps = List.copyOf(compensatedSteps);
    if (attempt < 1 || revision < 0) {
      throw new IllegalArgumentException("attempt must be >= 1 and revision >= 0");
    }
    if (status.isTerminal() == activeTimer.isPresent()) {
      throw new IllegalArgumentException(
          "a "
              + status
              + " saga must "
              + (status.isTerminal() ? "not " : "")
              + "have a live timer");
    }
    if (status.isTerminal() && awaitingCommandId.isPresent()) {
      throw new IllegalArgumentException("a terminal saga awaits no reply");
    }
    if (awaitingCommandId.isPresent()
        && !activeTimer
            .filter(t -> t.kind() == TimerKind.REPLY_TIMEOUT)
            .map(SagaTimer::commandId)
            .equals(awaitingCommandId)) {
      throw new IllegalArgumentException("the awaited command must have the live reply timeout");
    }
    if ((status == SagaStatus.FAILED) != incident.isPresent()) {
      throw new IllegalArgumentException("an incident is present exactly when FAILED");
    }
    if (status == SagaStatus.COMPENSATING && pendingCompensations.isEmpty()) {
      throw new IllegalArgumentException("a COMPENSATING saga has a pending compensation");
    }
  }

  /** Whether the saga is in a final status. */
  public boolean isTerminal() {
    return status.isTerminal();
  }
}
