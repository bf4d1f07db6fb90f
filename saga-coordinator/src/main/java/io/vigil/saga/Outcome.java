package io.vigil.saga;

import java.util.Objects;

/**
 * The explicit answer of a participant to one command: {@link Success} or {@link Failure}.
 *
 * <p>A {@link Failure} is <em>transient</em> when the participant guarantees that the command had
 * no effect and that trying again later may succeed (a dependency was down, a lock was busy). A
 * non-transient failure is a business refusal (out of stock, card declined) and is never retried.
 */
public sealed interface Outcome permits Outcome.Success, Outcome.Failure {

  /** The command was applied (or had already been applied; see the participant contract). */
  record Success() implements Outcome {}

  /**
   * The command was not applied.
   *
   * @param reason human-readable cause, never blank
   * @param transientFailure {@code true} if the participant guarantees no effect and a retry may
   *     succeed
   */
  record Failure(String reason, boolean transientFailure) implements Outcome {
    public Failure {
      Objects.requireNonNull(reason, "reason");
      if (reason.isBlank()) {
        throw new IllegalArgumentException("a failure needs a reason");
      }
    }
  }

  /** Returns a success. */
  static Success success() {
    return new Success();
  }

  /** Returns a non-transient (business) failure. */
  static Failure failure(String reason) {
    return new Failure(reason, false);
  }

  /** Returns a transient failure: no effect, retrying may succeed. */
  static Failure transientFailure(String reason) {
    return new Failure(reason, true);
  }

  /** Returns whether this outcome is a {@link Success}. */
  default boolean isSuccess() {
    return this instanceof Success;
  }
}
