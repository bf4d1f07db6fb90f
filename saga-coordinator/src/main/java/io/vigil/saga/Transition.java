package io.vigil.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accumulates one state change: the mutable working copy of a {@link SagaState} plus everything the
 * change emits. Used for a single input and then discarded; {@link #decide()} freezes it.
 */
final class Transition<D> {

  private final String sagaType;
  private final String sagaId;
  private final D data;
  private final Instant startedAt;
  private final long revision;
  private final Instant now;

  private SagaStatus status;
  private String currentStep;
  private int attempt;
  private String awaitingCommandId;
  private SagaTimer liveTimer;
  private final List<String> appliedSteps;
  private final List<String> pendingCompensations;
  private final List<String> compensatedSteps;
  private String reason;
  private Incident incident;

  private final List<OutboundCommand> commands = new ArrayList<>(1);
  private final List<SagaTimer> scheduled = new ArrayList<>(1);
  private final List<SagaTimer> cancelled = new ArrayList<>(1);
  private final List<SagaEvent> events = new ArrayList<>(2);

  private Transition(SagaState<D> s, Instant now) {
    this.sagaType = s.sagaType();
    this.sagaId = s.sagaId();
    this.data = s.data();
    this.startedAt = s.startedAt();
    this.revision = s.revision();
    this.now = now;
    this.status = s.status();
    this.currentStep = s.currentStep();
    this.attempt = s.attempt();
    this.awaitingCommandId = s.awaitingCommandId().orElse(null);
    this.liveTimer = s.activeTimer().orElse(null);
    this.appliedSteps = new ArrayList<>(s.appliedSteps());
    this.pendingCompensations = new ArrayList<>(s.pendingCompensations());
    this.compensatedSteps = new ArrayList<>(s.compensatedSteps());
    this.reason = s.reason().orElse(null);
    this.incident = s.incident().orElse(null);
  }

  private Transition(String sagaType, String sagaId, D data, String firstStep, Instant now) {
    this.sagaType = sagaType;
    this.sagaId = sagaId;
    this.data = data;
    this.startedAt = now;
    this.revision = 0;
    this.now = now;
    this.status = SagaStatus.RUNNING;
    this.currentStep = firstStep;
    this.attempt = 1;
    this.appliedSteps = new ArrayList<>();
    this.pendingCompensations = new ArrayList<>();
    this.compensatedSteps = new ArrayList<>();
  }

  static <D> Transition<D> of(SagaState<D> state, Instant now) {
    return new Transition<>(state, now);
  }

  static <D> Transition<D> ofNewSaga(
      SagaDefinition<D> definition, String sagaId, D data, Instant now) {
    return new Transition<>(definition.name(), sagaId, data, definition.firstStep().name(), now);
  }

  Instant now() {
    return now;
  }

  String sagaId() {
    return sagaId;
  }

  List<String> appliedSteps() {
    return List.copyOf(appliedSteps);
  }

  Optional<String> nextCompensation() {
    return pendingCompensations.isEmpty()
        ? Optional.empty()
        : Optional.of(pendingCompensations.get(0));
  }

  List<String> compensationsAfterCurrent() {
    return List.copyOf(pendingCompensations.subList(1, pendingCompensations.size()));
  }

  String reason() {
    return reason;
  }

  /** Sends attempt {@code n} of the step's command of {@code kind} and arms its reply timeout. */
  void send(SagaStep<D> step, CommandKind kind, int n) {
    CommandId id = new CommandId(sagaId, step.name(), kind, n);
    commands.add(new OutboundCommand(id, step.participant(), step.command(kind, data)));
    currentStep = step.name();
    attempt = n;
    awaitingCommandId = id.toString();
    arm(new SagaTimer(sagaId, TimerKind.REPLY_TIMEOUT, id.toString(), now.plus(step.timeout())));
  }

  /** Arms the backoff timer after which {@code next} will be sent. */
  void scheduleRetry(CommandId next, Instant dueAt, String cause) {
    currentStep = next.step();
    attempt = next.attempt();
    awaitingCommandId = null;
    arm(new SagaTimer(sagaId, TimerKind.RETRY_BACKOFF, next.toString(), dueAt));
    event(SagaEventType.RETRY_SCHEDULED, next.step(), next.attempt(), cause);
  }

  /** The awaited reply arrived: its timeout is no longer needed. */
  void replyReceived() {
    awaitingCommandId = null;
    if (liveTimer != null) {
      cancelled.add(liveTimer);
      liveTimer = null;
    }
  }

  /** The live timer fired: it is consumed (the caller drops it), nothing to cancel. */
  void timerFired() {
    awaitingCommandId = null;
    liveTimer = null;
  }

  /** Records that the step's action succeeded or may have been applied. */
  void markApplied(String step) {
    if (!appliedSteps.contains(step)) {
      appliedSteps.add(step);
    }
  }

  void beginCompensations(List<String> plan) {
    status = SagaStatus.COMPENSATING;
    pendingCompensations.clear();
    pendingCompensations.addAll(plan);
  }

  void compensationSucceeded(String step) {
    if (pendingCompensations.isEmpty() || !pendingCompensations.get(0).equals(step)) {
      throw new IllegalStateException("compensation of " + step + " is not the current one");
    }
    pendingCompensations.remove(0);
    compensatedSteps.add(step);
  }

  void reason(String why) {
    this.reason = why;
  }

  void event(SagaEventType type, String step, int eventAttempt, String why) {
    events.add(
        new SagaEvent(
            type, sagaId, Optional.ofNullable(step), eventAttempt, Optional.ofNullable(why), now));
  }

  /** Ends the saga in {@code terminal}; every timer must already be consumed or cancelled. */
  void finish(SagaStatus terminal) {
    if (!terminal.isTerminal() || liveTimer != null || awaitingCommandId != null) {
      throw new IllegalStateException("cannot finish as " + terminal + " while waiting");
    }
    status = terminal;
  }

  void fail(Incident failure) {
    incident = failure;
    finish(SagaStatus.FAILED);
  }

  Decision<D> decide() {
    SagaState<D> next =
        new SagaState<>(
            sagaType,
            sagaId,
            data,
            status,
            currentStep,
            attempt,
            Optional.ofNullable(awaitingCommandId),
            Optional.ofNullable(liveTimer),
            appliedSteps,
            pendingCompensations,
            compensatedSteps,
            Optional.ofNullable(reason),
            Optional.ofNullable(incident),
            startedAt,
            now,
            revision + 1);
    return new Decision<>(next, commands, scheduled, cancelled, events, Optional.empty());
  }

  private void arm(SagaTimer timer) {
    if (liveTimer != null) {
      throw new IllegalStateException("a saga has one live timer; " + liveTimer.id() + " is live");
    }
    liveTimer = timer;
    scheduled.add(timer);
  }
}
