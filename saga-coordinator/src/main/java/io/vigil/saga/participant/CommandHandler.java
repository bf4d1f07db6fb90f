package io.vigil.saga.participant;

import io.vigil.saga.Outcome;
import io.vigil.saga.SagaCommand;

/**
 * Applies one command type in a participant and answers explicitly.
 *
 * <p>Return {@link Outcome#success()} once the effect is applied, {@link Outcome#failure(String)}
 * for a business refusal (nothing applied, never retried), {@link Outcome#transientFailure(String)}
 * when nothing was applied and a retry may succeed. Throw only for bugs or poison input: the
 * transport adapter decides what to do with exceptions (dead-letter the record, fail the task).
 *
 * @param <C> the command type
 */
@FunctionalInterface
public interface CommandHandler<C extends SagaCommand> {

  /** Applies {@code command}; called at most once per idempotency key with a final outcome. */
  Outcome handle(C command);
}
