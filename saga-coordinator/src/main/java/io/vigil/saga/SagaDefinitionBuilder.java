package io.vigil.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builder of a {@link SagaDefinition}; see there for an example. Defaults: reply timeout {@link
 * #DEFAULT_TIMEOUT}, retry policy {@link RetryPolicy#noRetries()}, compensation retry policy equal
 * to the step's retry policy.
 *
 * @param <D> the saga data type
 */
public final class SagaDefinitionBuilder<D> {

  /** Reply timeout of a step that sets none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final List<SagaStep<D>> steps = new ArrayList<>();
  private Duration defaultTimeout = DEFAULT_TIMEOUT;
  private RetryPolicy defaultRetry = RetryPolicy.noRetries();

  SagaDefinitionBuilder(String name) {
    this.name = requireName(name, "saga");
  }

  /** Reply timeout for steps declared after this call that set none. */
  public SagaDefinitionBuilder<D> defaultTimeout(Duration timeout) {
    this.defaultTimeout = requirePositive(timeout);
    return this;
  }

  /** Retry policy for steps declared after this call that set none. */
  public SagaDefinitionBuilder<D> defaultRetry(RetryPolicy retry) {
    this.defaultRetry = Objects.requireNonNull(retry, "retry");
    return this;
  }

  /** Declares the next step. */
  public StepBuilder<D> step(String stepName) {
    return new StepBuilder<>(this, requireName(stepName, "step"));
  }

  SagaDefinition<D> build() {
    return new SagaDefinition<>(name, steps);
  }

  private static String requireName(String value, String what) {
    if (!SagaDefinition.isValidName(value)) {
      throw new IllegalArgumentException(
          "invalid "
              + what
              + " name '"
              + value
              + "': use [a-z0-9]+(-[a-z0-9]+)*, not ending in "
              + CommandId.COMPENSATE_SUFFIX);
    }
    return value;
  }

  private static Duration requirePositive(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    return timeout;
  }

  /**
   * Builder of one step. {@link #participant} and {@link #invoke} are required; the rest is
   * optional.
   *
   * @param <D> the saga data type
   */
  public static final class StepBuilder<D> {
    private final SagaDefinitionBuilder<D> parent;
    private final String stepName;
    private String participant;
    private Function<? super D, ? extends SagaCommand> action;
    private Function<? super D, ? extends SagaCommand> compensation;
    private Duration timeout;
    private RetryPolicy retry;
    private RetryPolicy compensationRetry;

    private StepBuilder(SagaDefinitionBuilder<D> parent, String stepName) {
      this.parent = parent;
      this.stepName = stepName;
      this.timeout = parent.defaultTimeout;
      this.retry = parent.defaultRetry;
    }

    /** The participant receiving this step's commands. */
    public StepBuilder<D> participant(String participantName) {
      this.participant = requireName(participantName, "participant");
      return this;
    }

    /** The action: saga data to the command sent to the participant. */
    public StepBuilder<D> invoke(Function<? super D, ? extends SagaCommand> actionFunction) {
      this.action = Objects.requireNonNull(actionFunction, "action");
      return this;
    }

    /**
     * The compensation: saga data to the command undoing the action. The participant must apply it
     * idempotently and must accept it when there is nothing to undo.
     */
    public StepBuilder<D> withCompensation(
        Function<? super D, ? extends SagaCommand> compensationFunction) {
      this.compensation = Objects.requireNonNull(compensationFunction, "compensation");
      return this;
    }

    /** How long to wait for the reply to each attempt (action and compensation). */
    public StepBuilder<D> timeout(Duration replyTimeout) {
      this.timeout = requirePositive(replyTimeout);
      return this;
    }

    /** Retry policy of the action (and of the compensation unless set separately). */
    public StepBuilder<D> retry(RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "retry");
      return this;
    }

    /** Retry policy of the compensation. */
    public StepBuilder<D> compensationRetry(RetryPolicy policy) {
      this.compensationRetry = Objects.requireNonNull(policy, "compensationRetry");
      return this;
    }

    /** Ends this step and declares the next one. */
    public StepBuilder<D> step(String nextStepName) {
      finish();
      return parent.step(nextStepName);
    }

    /** Ends this step and builds the definition. */
    public SagaDefinition<D> build() {
      finish();
      return parent.build();
    }

    private void finish() {
      if (participant == null) {
        throw new IllegalStateException("step " + stepName + " has no participant");
      }
      if (action == null) {
        throw new IllegalStateException("step " + stepName + " has no action (invoke)");
      }
      if (compensationRetry != null && compensation == null) {
        throw new IllegalStateException(
            "step " + stepName + " has a compensation retry policy but no compensation");
      }
      parent.steps.add(
          new SagaStep<>(
              stepName,
              participant,
              action,
              compensation,
              timeout,
              retry,
              compensationRetry == null ? retry : compensationRetry));
    }
  }
}
