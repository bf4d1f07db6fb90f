package io.vigil.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.saga.codec.SagaStateCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plays participants, network and timer service around one saga for property tests. It keeps its
 * own view of what happened (which command is outstanding, which timed out, which steps may be
 * applied) so that the engine's behaviour is checked against an independent model.
 */
final class EngineHarness<D> {

  private static final int QUIESCE_LIMIT = 1_000;
  private static final Set<SagaEventType> TERMINAL_EVENTS =
      EnumSet.of(SagaEventType.COMPLETED, SagaEventType.CANCELLED, SagaEventType.FAILED);
  private static final Outcome[] OUTCOMES = {
    Outcome.success(), Outcome.failure("refused"), Outcome.transientFailure("busy")
  };

  private final SagaDefinition<D> definition;
  private final SagaEngine<D> engine;
  private final SagaStateCodec<D> codec;
  private final List<Decision<D>> decisions = new ArrayList<>();
  private final Set<String> emittedIds = new HashSet<>();
  private final List<OutboundCommand> commands = new ArrayList<>();
  private final Map<String, SagaTimer> registeredTimers = new LinkedHashMap<>();
  private final List<SagaTimer> deadTimers = new ArrayList<>();
  private final List<SagaInput.Reply> delivered = new ArrayList<>();
  private final List<String> timedOutUnanswered = new ArrayList<>();
  private final Set<String> possiblyApplied = new LinkedHashSet<>();
  private final Set<String> reallyApplied = new LinkedHashSet<>();
  private SagaState<D> state;
  private Instant now;
  private String outstanding;

  EngineHarness(SagaDefinition<D> definition, SagaStateCodec<D> codec, String sagaId, D data) {
    this.definition = definition;
    this.engine = new SagaEngine<>(definition);
    this.codec = codec;
    this.now = TestSagas.T0;
    Decision<D> start = engine.start(sagaId, data, now);
    assertThat(engine.start(sagaId, data, now)).isEqualTo(start);
    accept(start);
  }

  List<Decision<D>> decisions() {
    return List.copyOf(decisions);
  }

  SagaState<D> state() {
    return state;
  }

  void play(List<Move> script) {
    script.forEach(this::apply);
  }

  void apply(Move move) {
    switch (move.kind()) {
      case SUCCESS -> answer(Outcome.success(), move.pick());
      case FAILURE -> answer(Outcome.failure("refused"), move.pick());
      case TRANSIENT_FAILURE -> answer(Outcome.transientFailure("busy"), move.pick());
      case FIRE_TIMER -> fireLiveTimer();
      case DUPLICATE_REPLY -> duplicate(move.pick());
      case LATE_REPLY -> answerLate(move.pick());
      case STALE_TIMER -> fireDeadTimer(move.pick());
    }
  }

  /**
   * Runs until the saga is terminal: participants either recover (every command succeeds) or stay
   * down (every command times out).
   */
  void quiesce(boolean participantsRecover) {
    for (int i = 0; i < QUIESCE_LIMIT && !state.isTerminal(); i++) {
      if (participantsRecover && outstanding != null) {
        answer(Outcome.success(), 0);
      } else {
        fireLiveTimer();
      }
    }
    assertThat(state.isTerminal()).as("saga terminal after quiescing: %s", state).isTrue();
  }

  /** Feeds inputs to the terminal saga; the feed checks they are all ignored. */
  void pokeAfterTerminal() {
    assertThat(state.isTerminal()).isTrue();
    if (!commands.isEmpty()) {
      feed(SagaInput.reply(commands.get(commands.size() - 1).commandId(), Outcome.success(), now));
    }
    deadTimers.forEach(t -> feed(SagaInput.timerFired(t.id(), later(t.dueAt()))));
    delivered.forEach(r -> feed(SagaInput.reply(r.commandId(), r.outcome(), now)));
  }

  private void answer(Outcome outcome, int pick) {
    if (outstanding == null) {
      fireLiveTimer();
      return;
    }
    CommandId id = CommandId.parse(outstanding);
    outstanding = null;
    if (id.kind() == CommandKind.ACTION && outcome.isSuccess()) {
      possiblyApplied.add(id.step());
      reallyApplied.add(id.step());
    }
    now = now.plus(Duration.ofMillis(pick % 1_500));
    SagaInput.Reply reply = SagaInput.reply(id.toString(), outcome, now);
    delivered.add(reply);
    assertThat(feed(reply).ignored()).as("reply to the awaited command").isEmpty();
  }

  private void fireLiveTimer() {
    Optional<SagaTimer> live = state.activeTimer();
    if (live.isEmpty()) {
      return;
    }
    SagaTimer timer = live.get();
    registeredTimers.remove(timer.id());
    deadTimers.add(timer);
    if (timer.kind() == TimerKind.REPLY_TIMEOUT) {
      assertThat(timer.commandId()).isEqualTo(outstanding);
      CommandId id = CommandId.parse(outstanding);
      if (id.kind() == CommandKind.ACTION) {
        possiblyApplied.add(id.step());
      }
      timedOutUnanswered.add(outstanding);
      outstanding = null;
    }
    now = later(timer.dueAt());
    assertThat(feed(SagaInput.timerFired(timer.id(), now)).ignored()).as("live timer").isEmpty();
  }

  private void duplicate(int pick) {
    if (delivered.isEmpty()) {
      return;
    }
    SagaInput.Reply original = delivered.get(pick % delivered.size());
    assertThat(feed(SagaInput.reply(original.commandId(), original.outcome(), now)).ignored())
        .as("duplicate of %s", original)
        .isPresent();
  }

  private void answerLate(int pick) {
    if (timedOutUnanswered.isEmpty()) {
      return;
    }
    String commandId = timedOutUnanswered.remove(pick % timedOutUnanswered.size());
    Outcome outcome = OUTCOMES[pick % OUTCOMES.length];
    CommandId id = CommandId.parse(commandId);
    if (id.kind() == CommandKind.ACTION && outcome.isSuccess()) {
      reallyApplied.add(id.step());
    }
    SagaInput.Reply reply = SagaInput.reply(commandId, outcome, now);
    delivered.add(reply);
    assertThat(feed(reply).ignored()).as("late reply to %s", commandId).isPresent();
  }

  private void fireDeadTimer(int pick) {
    if (deadTimers.isEmpty()) {
      return;
    }
    SagaTimer timer = deadTimers.get(pick % deadTimers.size());
    now = later(timer.dueAt());
    assertThat(feed(SagaInput.timerFired(timer.id(), now)).ignored())
        .as("stale timer %s", timer.id())
        .hasValueSatisfying(
            i -> assertThat(i.reason()).isIn(IgnoreReason.STALE_TIMER, IgnoreReason.SAGA_TERMINAL));
  }

  private Instant later(Instant instant) {
    return instant.isAfter(now) ? instant : now;
  }

  private Decision<D> feed(SagaInput input) {
    SagaState<D> before = state;
    Decision<D> decision = engine.handle(before, input);
    assertThat(engine.handle(before, input)).as("deterministic").isEqualTo(decision);
    if (decision.isIgnored()) {
      assertThat(decision.state()).as("ignored input leaves state").isEqualTo(before);
    }
    if (before.isTerminal()) {
      assertThat(decision.ignored())
          .as("terminal saga ignores %s", input)
          .hasValueSatisfying(i -> assertThat(i.reason()).isEqualTo(IgnoreReason.SAGA_TERMINAL));
    }
    accept(decision);
    return decision;
  }

  private void accept(Decision<D> decision) {
    decisions.add(decision);
    for (OutboundCommand command : decision.commands()) {
      assertThat(emittedIds.add(command.commandId())).as("%s emitted once", command).isTrue();
      assertThat(outstanding).as("one command outstanding at a time").isNull();
      commands.add(command);
      outstanding = command.commandId();
    }
    for (SagaTimer cancelled : decision.timersToCancel()) {
      assertThat(registeredTimers.remove(cancelled.id()))
          .as("cancelled timer was live")
          .isNotNull();
      deadTimers.add(cancelled);
    }
    decision.timersToSchedule().forEach(t -> registeredTimers.put(t.id(), t));
    SagaState<D> next = decision.state();
    assertThat(registeredTimers.values())
        .as("registered timers are the live timer")
        .containsExactlyElementsOf(next.activeTimer().stream().toList());
    assertThat(next.awaitingCommandId()).isEqualTo(Optional.ofNullable(outstanding));
    SagaState<D> decoded = codec.decode(codec.encode(next));
    assertThat(decoded).as("codec round trip").isEqualTo(next);
    state = decoded;
  }

  /** Checks the end-of-run invariants. */
  void verify() {
    assertThat(state.isTerminal()).isTrue();
    assertThat(registeredTimers).as("no timer left registered").isEmpty();

    List<SagaEventType> terminalEvents =
        decisions.stream()
            .flatMap(d -> d.events().stream())
            .map(SagaEvent::type)
            .filter(TERMINAL_EVENTS::contains)
            .toList();
    assertThat(terminalEvents)
        .as("exactly one terminal event")
        .containsExactly(SagaEventType.valueOf(state.status().name()));
    int firstTerminal = firstTerminalDecision();
    assertThat(decisions.subList(firstTerminal + 1, decisions.size()))
        .as("nothing changes after the terminal decision")
        .allSatisfy(d -> assertThat(d.isIgnored()).isTrue());

    assertThat(new LinkedHashSet<>(state.appliedSteps()))
        .as("engine's applied steps match the environment's")
        .isEqualTo(possiblyApplied);

    for (OutboundCommand c : commands) {
      RetryPolicy policy = definition.step(c.id().step()).retryFor(c.id().kind());
      assertThat(c.id().attempt())
          .as("attempts of %s", c.commandId())
          .isBetween(1, policy.maxAttempts());
    }

    List<String> plan = compensationPlan();
    List<String> issued = issuedCompensations();
    switch (state.status()) {
      case COMPLETED -> {
        assertThat(issued).as("no compensation when completed").isEmpty();
        assertThat(possiblyApplied)
            .containsExactlyElementsOf(definition.steps().stream().map(SagaStep::name).toList());
      }
      case CANCELLED -> {
        assertThat(issued).as("compensations issued, in order").isEqualTo(plan);
        assertThat(state.compensatedSteps()).isEqualTo(plan);
        assertThat(plan)
            .as("every really applied compensable step is compensated")
            .containsAll(compensable(reallyApplied));
      }
      case FAILED -> {
        assertThat(issued).isNotEmpty();
        assertThat(plan.subList(0, issued.size())).isEqualTo(issued);
        Incident incident = state.incident().orElseThrow();
        assertThat(incident.step()).isEqualTo(issued.get(issued.size() - 1));
        assertThat(incident.compensationsNotRun())
            .isEqualTo(plan.subList(issued.size(), plan.size()));
        assertThat(state.compensatedSteps()).isEqualTo(issued.subList(0, issued.size() - 1));
      }
      default -> throw new AssertionError("not terminal: " + state.status());
    }
  }

  private int firstTerminalDecision() {
    for (int i = 0; i < decisions.size(); i++) {
      if (decisions.get(i).state().isTerminal()) {
        return i;
      }
    }
    throw new AssertionError("no terminal decision");
  }

  private List<String> compensationPlan() {
    List<String> plan = new ArrayList<>(compensable(possiblyApplied));
    Collections.reverse(plan);
    return plan;
  }

  private List<String> compensable(Set<String> steps) {
    return definition.steps().stream()
        .filter(s -> s.hasCompensation() && steps.contains(s.name()))
        .map(SagaStep::name)
        .toList();
  }

  private List<String> issuedCompensations() {
    List<String> issued = new ArrayList<>();
    for (OutboundCommand c : commands) {
      if (c.id().kind() == CommandKind.COMPENSATION && !issued.contains(c.id().step())) {
        issued.add(c.id().step());
      }
    }
    return issued;
  }
}
