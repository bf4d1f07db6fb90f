package io.vigil.saga;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine decided for one input. The caller applies it atomically (with Kafka Streams'
 * exactly-once: in one transaction): store {@link #state()}, send {@link #commands()}, register
 * {@link #timersToSchedule()}, drop {@link #timersToCancel()} and publish {@link #events()}.
 *
 * <p>An {@linkplain #isIgnored() ignored} decision carries the unchanged input state and nothing
 * else; the caller need not store anything (though storing is harmless) and should only count or
 * log {@link #ignored()}.
 *
 * @param state the new state (the same state when ignored)
 * @param commands commands to send, in order (at most one per decision)
 * @param timersToSchedule timers to register
 * @param timersToCancel timers that will no longer be needed (optional clean-up; firing them is
 *     harmless)
 * @param events lifecycle events, in the order they happened
 * @param ignored why the input was ignored, if it was
 * @param <D> the saga data type
 */
public record Decision<D>(
    SagaState<D> state,
    List<OutboundCommand> commands,
    List<SagaTimer> timersToSchedule,
    List<SagaTimer> timersToCancel,
    List<SagaEvent> events,
    Optional<Ignored> ignored) {

  public Decision {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(ignored, "ignored");
    commands = List.copyOf(commands);
    timersToSchedule = List.copyOf(timersToSchedule);
    timersToCancel = List.copyOf(timersToCancel);
    events = List.copyOf(events);
    if (ignored.isPresent()
        && !(commands.isEmpty()
            && timersToSchedule.isEmpty()
            && timersToCancel.isEmpty()
            && events.isEmpty())) {
      throw new IllegalArgumentException("an ignored input has no effect");
    }
  }

  /** A decision that ignores the input and leaves {@code state} as it is. */
  public static <D> Decision<D> ignore(SagaState<D> state, IgnoreReason reason, String detail) {
    return new Decision<>(
        state,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Optional.of(new Ignored(reason, detail)));
  }

  /** Whether the input was ignored. */
  public boolean isIgnored() {
    return ignored.isPresent();
  }
}
