package io.vigil.saga;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a saga: a participant {@link Reply} or a {@link TimerFired}. Each
 * input carries its own time; the engine never reads a clock.
 */
public sealed interface SagaInput permits SagaInput.Reply, SagaInput.TimerFired {

  /** When the input happened (the reply was received, the timer fired). */
  Instant at();

  /**
   * A participant's answer to the command with id {@code commandId}.
   *
   * @param commandId the {@link CommandId} wire form echoed by the participant
   * @param outcome success or failure
   * @param at when the reply was received
   */
  record Reply(String commandId, Outcome outcome, Instant at) implements SagaInput {
    public Reply {
      Objects.requireNonNull(commandId, "commandId");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A timer firing.
   *
   * @param timerId the {@link SagaTimer#id()} of the timer
   * @param at the current time when it fired; must be at or after the timer's due time
   */
  record TimerFired(String timerId, Instant at) implements SagaInput {
    public TimerFired {
      Objects.requireNonNull(timerId, "timerId");
      Objects.requireNonNull(at, "at");
    }
  }

  /** A reply to {@code commandId}. */
  static Reply reply(String commandId, Outcome outcome, Instant at) {
    return new Reply(commandId, outcome, at);
  }

  /** The firing of timer {@code timerId} at {@code at}. */
  static TimerFired timerFired(String timerId, Instant at) {
    return new TimerFired(timerId, at);
  }
}
