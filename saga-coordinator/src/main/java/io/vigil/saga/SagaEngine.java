package io.vigil.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The saga state machine for one {@link SagaDefinition}: a pure function from (state, input) to a
 * {@link Decision}. It reads no clock (time comes with each input), performs no I/O, keeps no
 * mutable state, and returns equal decisions for equal arguments; one instance is safe to share.
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>Steps run in order; each attempt of a command arms a reply timeout ({@link
 *       SagaStep#timeout()}).
 *   <li>A transient failure, or a timeout, is retried after the policy's backoff while attempts
 *       remain; the retry is a new command id ({@code attempt + 1}).
 *   <li>A step fails for good on a non-transient failure, or when its retries are exhausted. Then
 *       the compensations of the steps in {@link SagaState#appliedSteps()} run one by one in
 *       reverse order, and the saga ends {@link SagaStatus#CANCELLED} with a reason. With nothing
 *       to compensate it is cancelled at once.
 *   <li>A step counts as applied when its action succeeded <em>or any attempt of it timed out</em>:
 *       a participant that answers late may still have applied it. So a step whose action timed out
 *       is compensated too, and participants must accept compensations with nothing to undo (see
 *       {@code io.vigil.saga.participant.ParticipantHandlers}).
 *   <li>A compensation is retried by the step's compensation retry policy; when it fails for good
 *       the saga ends {@link SagaStatus#FAILED} with an {@link Incident} naming the step, the
 *       command, the cause and the compensations not run. Nothing runs after that.
 *   <li>All steps succeeded: {@link SagaStatus#COMPLETED}.
 *   <li>Ignored, leaving the state untouched: any input to a terminal saga; a reply whose id is not
 *       the awaited one (duplicates, late replies to timed-out attempts, out-of-order replies,
 *       foreign ids); a timer that is not the live one; the live timer fired before its due time.
 * </ul>
 *
 * <p>Exceptions thrown by a definition's action or compensation functions propagate unchanged: they
 * are bugs in the definition, not participant outcomes.
 *
 * <h2>Use from a stream processor</h2>
 *
 * <pre>{@code
 * Decision<D> d = state == null ? engine.start(sagaId, data, now) : engine.handle(state, input);
 * // in one transaction: store d.state(), send d.commands(), index d.timersToSchedule(),
 * // drop d.timersToCancel(), publish d.events(); count d.ignored() if present
 * }</pre>
 *
 * @param <D> the saga data type
 */
public final class SagaEngine<D> {

  private final SagaDefinition<D> definition;

  public SagaEngine(SagaDefinition<D> definition) {
    this.definition = Objects.requireNonNull(definition, "definition");
  }

  public SagaDefinition<D> definition() {
    return definition;
  }

  /**
   * Starts a saga: emits the first step's command, arms its timeout and reports {@code STARTED}.
   * Starting a saga id at most once is the caller's job (it owns the store).
   */
  public Decision<D> start(String sagaId, D data, Instant now) {
    Objects.requireNonNull(sagaId, "sagaId");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(now, "now");
    if (sagaId.isBlank()) {
      throw new IllegalArgumentException("saga id must not be blank");
    }
    Transition<D> t = Transition.ofNewSaga(definition, sagaId, data, now);
    t.event(SagaEventType.STARTED, null, 0, null);
    t.send(definition.firstStep(), CommandKind.ACTION, 1);
    return t.decide();
  }

  /**
   * Applies one input to {@code state}.
   *
   * @throws IllegalArgumentException if {@code state} belongs to another saga type
   */
  public Decision<D> handle(SagaState<D> state, SagaInput input) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(input, "input");
    if (!state.sagaType().equals(definition.name())) {
      throw new IllegalArgumentException(
          "state of saga type " + state.sagaType() + " given to engine of " + definition.name());
    }
    if (state.isTerminal()) {
      return Decision.ignore(
          state,
          IgnoreReason.SAGA_TERMINAL,
          "saga " + state.sagaId() + " is " + state.status() + "; input ignored");
    }
    if (input instanceof SagaInput.Reply reply) {
      return onReply(state, reply);
    }
    return onTimer(state, (SagaInput.TimerFired) input);
  }

  private Decision<D> onReply(SagaState<D> state, SagaInput.Reply reply) {
    if (!state.awaitingCommandId().equals(Optional.of(reply.commandId()))) {
      return ignoreReply(state, reply.commandId());
    }
    CommandId id = CommandId.parse(reply.commandId());
    SagaStep<D> step = definition.step(id.step());
    Transition<D> t = Transition.of(state, reply.at());
    t.replyReceived();
    if (reply.outcome() instanceof Outcome.Failure failure) {
      RetryPolicy policy = step.retryFor(id.kind());
      if (policy.shouldRetry(failure, id.attempt())) {
        retry(t, id, policy, failure.reason());
      } else {
        giveUp(t, step, id, failure.reason());
      }
    } else if (id.kind() == CommandKind.ACTION) {
      actionSucceeded(t, step, id);
    } else {
      compensationSucceeded(t, step, id);
    }
    return t.decide();
  }

  private Decision<D> onTimer(SagaState<D> state, SagaInput.TimerFired fired) {
    SagaTimer live = state.activeTimer().orElseThrow();
    if (!live.id().equals(fired.timerId())) {
      return Decision.ignore(
          state,
          IgnoreReason.STALE_TIMER,
          "timer " + fired.timerId() + " is not the live timer " + live.id());
    }
    if (fired.at().isBefore(live.dueAt())) {
      return Decision.ignore(
          state,
          IgnoreReason.TIMER_NOT_DUE,
          "timer " + live.id() + " fired at " + fired.at() + ", due at " + live.dueAt());
    }
    CommandId id = CommandId.parse(live.commandId());
    SagaStep<D> step = definition.step(id.step());
    Transition<D> t = Transition.of(state, fired.at());
    t.timerFired();
    if (live.kind() == TimerKind.RETRY_BACKOFF) {
      t.send(step, id.kind(), id.attempt());
    } else {
      timedOut(t, step, id);
    }
    return t.decide();
  }

  private void actionSucceeded(Transition<D> t, SagaStep<D> step, CommandId id) {
    t.markApplied(step.name());
    t.event(SagaEventType.STEP_COMPLETED, step.name(), id.attempt(), null);
    Optional<SagaStep<D>> next = definition.stepAfter(step.name());
    if (next.isPresent()) {
      t.send(next.get(), CommandKind.ACTION, 1);
    } else {
      t.finish(SagaStatus.COMPLETED);
      t.event(SagaEventType.COMPLETED, null, 0, null);
    }
  }

  private void compensationSucceeded(Transition<D> t, SagaStep<D> step, CommandId id) {
    t.compensationSucceeded(step.name());
    t.event(SagaEventType.COMPENSATION_COMPLETED, step.name(), id.attempt(), null);
    compensateNextOrCancel(t);
  }

  private void timedOut(Transition<D> t, SagaStep<D> step, CommandId id) {
    if (id.kind() == CommandKind.ACTION) {
      // No reply does not mean no effect: the participant may apply it late, so compensate it too.
      t.markApplied(step.name());
    }
    RetryPolicy policy = step.retryFor(id.kind());
    String cause = "timed out (no reply within " + step.timeout() + ")";
    if (policy.shouldRetryAfterTimeout(id.attempt())) {
      retry(t, id, policy, cause);
    } else {
      giveUp(t, step, id, cause);
    }
  }

  private void retry(Transition<D> t, CommandId failed, RetryPolicy policy, String cause) {
    Instant dueAt = t.now().plus(policy.backoffAfter(failed.attempt()));
    t.scheduleRetry(failed.nextAttempt(), dueAt, cause);
  }

  private void giveUp(Transition<D> t, SagaStep<D> step, CommandId id, String cause) {
    if (id.kind() == CommandKind.ACTION) {
      String reason = step.name() + " failed" + afterAttempts(id.attempt()) + ": " + cause;
      beginCompensations(t, step, id.attempt(), reason);
    } else {
      Incident incident =
          new Incident(
              step.name(),
              id.toString(),
              id.attempt(),
              cause,
              t.compensationsAfterCurrent(),
              t.now());
      t.fail(incident);
      t.event(SagaEventType.FAILED, step.name(), id.attempt(), incident.summary());
    }
  }

  private void beginCompensations(
      Transition<D> t, SagaStep<D> failedStep, int attempt, String reason) {
    t.reason(reason);
    List<String> plan = new ArrayList<>();
    for (String applied : t.appliedSteps()) {
      if (definition.step(applied).hasCompensation()) {
        plan.add(applied);
      }
    }
    Collections.reverse(plan);
    if (plan.isEmpty()) {
      t.finish(SagaStatus.CANCELLED);
      t.event(SagaEventType.CANCELLED, null, 0, reason);
      return;
    }
    t.beginCompensations(plan);
    t.event(SagaEventType.COMPENSATING, failedStep.name(), attempt, reason);
    t.send(definition.step(plan.get(0)), CommandKind.COMPENSATION, 1);
  }

  private void compensateNextOrCancel(Transition<D> t) {
    Optional<String> next = t.nextCompensation();
    if (next.isPresent()) {
      t.send(definition.step(next.get()), CommandKind.COMPENSATION, 1);
    } else {
      t.finish(SagaStatus.CANCELLED);
      t.event(SagaEventType.CANCELLED, null, 0, t.reason());
    }
  }

  private Decision<D> ignoreReply(SagaState<D> state, String commandId) {
    Optional<CommandId> parsed = CommandId.tryParse(commandId);
    boolean ours =
        parsed.isPresent()
            && parsed.get().sagaId().equals(state.sagaId())
            && definition
                .findStep(parsed.get().step())
                .filter(s -> parsed.get().kind() == CommandKind.ACTION || s.hasCompensation())
                .isPresent();
    if (!ours) {
      return Decision.ignore(
          state,
          IgnoreReason.UNKNOWN_COMMAND,
          "command id " + commandId + " is not issued by saga " + state.sagaId());
    }
    String waiting =
        state
            .awaitingCommandId()
            .map(a -> "awaiting " + a)
            .orElseGet(() -> "waiting for timer " + state.activeTimer().orElseThrow().id());
    return Decision.ignore(
        state,
        IgnoreReason.STALE_COMMAND,
        "reply to " + commandId + " is a duplicate, late or out of order (" + waiting + ")");
  }

  private static String afterAttempts(int attempts) {
    return attempts == 1 ? "" : " after " + attempts + " attempts";
  }
}
