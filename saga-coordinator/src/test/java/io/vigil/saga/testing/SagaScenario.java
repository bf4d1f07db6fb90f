package io.vigil.saga.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.saga.CommandId;
import io.vigil.saga.CommandKind;
import io.vigil.saga.Decision;
import io.vigil.saga.IgnoreReason;
import io.vigil.saga.Incident;
import io.vigil.saga.OutboundCommand;
import io.vigil.saga.Outcome;
import io.vigil.saga.SagaCommand;
import io.vigil.saga.SagaEngine;
import io.vigil.saga.SagaEvent;
import io.vigil.saga.SagaEventType;
import io.vigil.saga.SagaInput;
import io.vigil.saga.SagaState;
import io.vigil.saga.SagaStatus;
import io.vigil.saga.SagaTimer;
import io.vigil.saga.TimerKind;
import io.vigil.saga.codec.SagaStateCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One running saga under test: {@code when...} methods feed inputs at a virtual clock, {@code
 * expect...} methods assert on the last decision or the current state. See {@link
 * SagaUnitTestSupport} for the checks made on every step.
 *
 * @param <D> the saga data type
 */
public final class SagaScenario<D> {

  private final SagaEngine<D> engine;
  private final SagaStateCodec<D> codec;
  private final List<Decision<D>> decisions = new ArrayList<>();
  private final Set<String> emittedCommandIds = new HashSet<>();
  private final Map<String, SagaTimer> liveTimers = new LinkedHashMap<>();
  private SagaState<D> state;
  private Instant now;
  private OutboundCommand lastCommand;
  private SagaInput.Reply lastReply;

  private SagaScenario(SagaEngine<D> engine, SagaStateCodec<D> codec, Instant now) {
    this.engine = engine;
    this.codec = codec;
    this.now = now;
  }

  static <D> SagaScenario<D> start(
      SagaEngine<D> engine, SagaStateCodec<D> codec, String sagaId, D data, Instant now) {
    SagaScenario<D> scenario = new SagaScenario<>(engine, codec, now);
    Decision<D> decision = engine.start(sagaId, data, now);
    assertThat(engine.start(sagaId, data, now)).as("start is deterministic").isEqualTo(decision);
    scenario.accept(decision);
    return scenario;
  }

  // ---- when ----------------------------------------------------------------------------------

  /** The last command emitted so far is answered with {@code outcome}, now. */
  public SagaScenario<D> whenReply(Outcome outcome) {
    assertThat(lastCommand).as("a command was emitted to reply to").isNotNull();
    return whenReplyTo(lastCommand.commandId(), outcome);
  }

  /** The command {@code commandId} is answered with {@code outcome}, now. */
  public SagaScenario<D> whenReplyTo(String commandId, Outcome outcome) {
    lastReply = SagaInput.reply(commandId, outcome, now);
    return when(lastReply);
  }

  /** The last reply is delivered again (a duplicate), now. */
  public SagaScenario<D> whenReplyIsDuplicated() {
    assertThat(lastReply).as("a reply was delivered before").isNotNull();
    return whenReplyTo(lastReply.commandId(), lastReply.outcome());
  }

  /** The live reply timeout fires at its due time: the awaited command timed out. */
  public SagaScenario<D> whenTimesOut() {
    return whenLiveTimerFires(TimerKind.REPLY_TIMEOUT);
  }

  /** The live retry backoff ends at its due time: the next attempt goes out. */
  public SagaScenario<D> whenRetryBackoffElapses() {
    return whenLiveTimerFires(TimerKind.RETRY_BACKOFF);
  }

  /** {@code timer} fires at its due time, or now if that is later. */
  public SagaScenario<D> whenTimerFires(SagaTimer timer) {
    if (timer.dueAt().isAfter(now)) {
      now = timer.dueAt();
    }
    return whenTimerFiresAt(timer, now);
  }

  /** {@code timer} fires at {@code at} (which may be early); the clock moves to {@code at}. */
  public SagaScenario<D> whenTimerFiresAt(SagaTimer timer, Instant at) {
    now = at;
    if (!at.isBefore(timer.dueAt())) {
      // the caller drops a timer entry once fired at or after its due time, whatever the decision
      liveTimers.remove(timer.id());
    }
    return when(SagaInput.timerFired(timer.id(), at));
  }

  /** The virtual clock advances by {@code duration}. */
  public SagaScenario<D> after(Duration duration) {
    now = now.plus(duration);
    return this;
  }

  /** Feeds {@code input} as is. */
  public SagaScenario<D> when(SagaInput input) {
    SagaState<D> before = state;
    Decision<D> decision = engine.handle(before, input);
    assertThat(engine.handle(before, input)).as("decisions are deterministic").isEqualTo(decision);
    if (decision.isIgnored()) {
      assertThat(decision.state()).as("an ignored input changes nothing").isEqualTo(before);
    }
    accept(decision);
    return this;
  }

  private SagaScenario<D> whenLiveTimerFires(TimerKind kind) {
    SagaTimer live = state.activeTimer().orElse(null);
    assertThat(live).as("a live timer").isNotNull();
    assertThat(live.kind()).as("kind of the live timer " + live.id()).isEqualTo(kind);
    return whenTimerFires(live);
  }

  private void accept(Decision<D> decision) {
    decisions.add(decision);
    for (OutboundCommand command : decision.commands()) {
      assertThat(emittedCommandIds.add(command.commandId()))
          .as("command id %s emitted once", command.commandId())
          .isTrue();
      lastCommand = command;
    }
    decision.timersToCancel().forEach(t -> liveTimers.remove(t.id()));
    decision.timersToSchedule().forEach(t -> liveTimers.put(t.id(), t));
    assertThat(liveTimers.values())
        .as("timers scheduled, not cancelled and not fired are exactly the live timer")
        .containsExactlyElementsOf(decision.state().activeTimer().stream().toList());
    state = roundTrip(decision.state());
  }

  private SagaState<D> roundTrip(SagaState<D> s) {
    if (codec == null) {
      return s;
    }
    SagaState<D> decoded = codec.decode(codec.encode(s));
    assertThat(decoded).as("state after encode/decode").isEqualTo(s);
    return decoded;
  }

  // ---- expect --------------------------------------------------------------------------------

  /** The last decision emitted exactly one command, of type {@code type}. */
  public <C extends SagaCommand> SagaScenario<D> expectCommand(Class<C> type) {
    return expectCommand(type, c -> {});
  }

  /**
   * The last decision emitted exactly one command, of type {@code type}, satisfying {@code check}.
   */
  public <C extends SagaCommand> SagaScenario<D> expectCommand(Class<C> type, Consumer<C> check) {
    List<OutboundCommand> commands = lastDecision().commands();
    assertThat(commands).as("commands of the last decision").hasSize(1);
    assertThat(commands.get(0).payload()).as("command").isInstanceOf(type);
    check.accept(type.cast(commands.get(0).payload()));
    return this;
  }

  /** The last decision's command has id {@code commandId}. */
  public SagaScenario<D> expectCommandId(String commandId) {
    assertThat(lastDecision().commands())
        .as("commands of the last decision")
        .extracting(OutboundCommand::commandId)
        .containsExactly(commandId);
    return this;
  }

  /** The last decision's command goes to {@code participant}. */
  public SagaScenario<D> expectParticipant(String participant) {
    assertThat(lastDecision().commands())
        .as("commands of the last decision")
        .extracting(OutboundCommand::participant)
        .containsExactly(participant);
    return this;
  }

  /** The last decision emitted no command. */
  public SagaScenario<D> expectNoCommand() {
    assertThat(lastDecision().commands()).as("commands of the last decision").isEmpty();
    return this;
  }

  /** The last decision reported exactly these events, in this order. */
  public SagaScenario<D> expectEvents(SagaEventType... types) {
    assertThat(lastDecision().events())
        .as("events of the last decision")
        .extracting(SagaEvent::type)
        .containsExactly(types);
    return this;
  }

  /** The last decision reported an event of {@code type} satisfying {@code check}. */
  public SagaScenario<D> expectEvent(SagaEventType type, Consumer<SagaEvent> check) {
    List<SagaEvent> matching =
        lastDecision().events().stream().filter(e -> e.type() == type).toList();
    assertThat(matching).as("%s events of the last decision", type).hasSize(1);
    check.accept(matching.get(0));
    return this;
  }

  /** The last decision scheduled one timer of {@code kind}, due {@code delay} from now. */
  public SagaScenario<D> expectTimer(TimerKind kind, Duration delay) {
    assertThat(lastDecision().timersToSchedule())
        .as("timers scheduled by the last decision")
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.kind()).isEqualTo(kind);
              assertThat(t.dueAt()).isEqualTo(now.plus(delay));
            });
    return this;
  }

  /** The last input was ignored for {@code reason}. */
  public SagaScenario<D> expectIgnored(IgnoreReason reason) {
    assertThat(lastDecision().ignored())
        .as("the last input was ignored")
        .hasValueSatisfying(i -> assertThat(i.reason()).isEqualTo(reason));
    return this;
  }

  /** The last input was not ignored. */
  public SagaScenario<D> expectAccepted() {
    assertThat(lastDecision().ignored()).as("why the last input was ignored").isEmpty();
    return this;
  }

  /** The saga is in {@code status}. */
  public SagaScenario<D> expectState(SagaStatus status) {
    assertThat(state.status()).as("saga status").isEqualTo(status);
    return this;
  }

  /** The saga's reason is exactly {@code reason}. */
  public SagaScenario<D> expectReason(String reason) {
    assertThat(state.reason()).as("saga reason").contains(reason);
    return this;
  }

  /** The saga failed with an incident satisfying {@code check}. */
  public SagaScenario<D> expectIncident(Consumer<Incident> check) {
    assertThat(state.incident()).as("incident").isPresent();
    check.accept(state.incident().orElseThrow());
    return this;
  }

  /** Exactly these steps were compensated, in this order. */
  public SagaScenario<D> expectCompensated(String... steps) {
    assertThat(state.compensatedSteps()).as("compensated steps").containsExactly(steps);
    return this;
  }

  /** The saga has no live timer and no timer is left registered (state hygiene). */
  public SagaScenario<D> expectNoLiveTimer() {
    assertThat(state.activeTimer()).as("live timer").isEmpty();
    assertThat(liveTimers).as("timers left registered").isEmpty();
    return this;
  }

  // ---- access --------------------------------------------------------------------------------

  public SagaState<D> state() {
    return state;
  }

  public Decision<D> lastDecision() {
    return decisions.get(decisions.size() - 1);
  }

  /** Every decision so far, the start included. */
  public List<Decision<D>> decisions() {
    return List.copyOf(decisions);
  }

  /** Every command emitted so far, in order. */
  public List<OutboundCommand> commands() {
    return decisions.stream().flatMap(d -> d.commands().stream()).toList();
  }

  /** The last command emitted so far. */
  public OutboundCommand lastCommand() {
    return lastCommand;
  }

  /** The live timer; fails if there is none. */
  public SagaTimer liveTimer() {
    return state.activeTimer().orElseThrow(() -> new AssertionError("no live timer"));
  }

  public Instant now() {
    return now;
  }

  /** The id of attempt {@code attempt} of the action of {@code step} in this saga. */
  public String actionId(String step, int attempt) {
    return new CommandId(state.sagaId(), step, CommandKind.ACTION, attempt).toString();
  }
}
