package io.vigil.saga;

import java.time.Instant;
import java.util.Objects;

/**
 * A timer the caller must fire, by passing {@link SagaInput.TimerFired} with {@link #id()} to the
 * engine, at or after {@link #dueAt()}.
 *
 * <p>Ids are {@code <commandId>/timeout} (the reply to that command is due) and {@code
 * <commandId>/retry} (the backoff before sending that command, a retry, ends). A saga has at most
 * one live timer. Firing a timer the saga no longer waits for is harmless: the engine ignores it
 * ({@link IgnoreReason#STALE_TIMER}), so the caller never needs to cancel timers for correctness;
 * {@link Decision#timersToCancel()} only lets it drop the entries early.
 *
 * @param sagaId the saga that owns the timer
 * @param kind what happens when it fires
 * @param commandId the command the timer refers to
 * @param dueAt when it is due
 */
public record SagaTimer(String sagaId, TimerKind kind, String commandId, Instant dueAt) {

  public SagaTimer {
    Objects.requireNonNull(sagaId, "sagaId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(dueAt, "dueAt");
  }

  /** The timer id: {@code <commandId>/timeout} or {@code <commandId>/retry}. */
  public String id() {
    return commandId + '/' + kind.idSuffix();
  }
}
