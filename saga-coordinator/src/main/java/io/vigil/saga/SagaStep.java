package io.vigil.saga;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One step of a {@link SagaDefinition}: a command to one participant, optionally undone by a
 * compensation, bounded by a reply timeout and a retry policy. Built with {@link
 * SagaDefinition#builder(String)}.
 *
 * <p>The action and compensation functions must be pure and total: the engine calls them again on
 * every retry and expects equal commands for equal saga data.
 *
 * @param <D> the saga data type
 */
public final class SagaStep<D> {

  private final String name;
  private final String participant;
  private final Function<? super D, ? extends SagaCommand> action;
  private final Function<? super D, ? extends SagaCommand> compensation;
  private final Duration timeout;
  private final RetryPolicy retry;
  private final RetryPolicy compensationRetry;

  SagaStep(
      String name,
      String participant,
      Function<? super D, ? extends SagaCommand> action,
      Function<? super D, ? extends SagaCommand> compensation,
      Duration timeout,
      RetryPolicy retry,
      RetryPolicy compensationRetry) {
    this.name = name;
    this.participant = participant;
    this.action = action;
    this.compensation = compensation;
    this.timeout = timeout;
    this.retry = retry;
    this.compensationRetry = compensationRetry;
  }

  /** The step name, unique within its saga; part of every command id. */
  public String name() {
    return name;
  }

  /** The participant that receives this step's commands (the wiring maps it to a topic). */
  public String participant() {
    return participant;
  }

  /** How long to wait for the reply to one attempt of the action or the compensation. */
  public Duration timeout() {
    return timeout;
  }

  /** Retry policy of the action. */
  public RetryPolicy retry() {
    return retry;
  }

  /** Retry policy of the compensation (defaults to the action's). */
  public RetryPolicy compensationRetry() {
    return compensationRetry;
  }

  /** Whether the step has a compensation. */
  public boolean hasCompensation() {
    return compensation != null;
  }

  /** The retry policy for commands of {@code kind}. */
  public RetryPolicy retryFor(CommandKind kind) {
    return kind == CommandKind.ACTION ? retry : compensationRetry;
  }

  /** Builds the action command for {@code data}. */
  public SagaCommand action(D data) {
    return Objects.requireNonNull(
        action.apply(data), () -> "action of step " + name + " returned null");
  }

  /** Builds the compensation command for {@code data}, if the step has a compensation. */
  public Optional<SagaCommand> compensation(D data) {
    if (compensation == null) {
      return Optional.empty();
    }
    return Optional.of(
        Objects.requireNonNull(
            compensation.apply(data), () -> "compensation of step " + name + " returned null"));
  }

  /** Builds the command of {@code kind} for {@code data}. */
  public SagaCommand command(CommandKind kind, D data) {
    if (kind == CommandKind.ACTION) {
      return action(data);
    }
    return compensation(data)
        .orElseThrow(() -> new IllegalStateException("step " + name + " has no compensation"));
  }

  @Override
  public String toString() {
    return "SagaStep{"
        + name
        + " -> "
        + participant
        + (hasCompensation() ? ", compensable" : "")
        + '}';
  }
}
