package io.vigil.responders.scaling;

import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of one evaluation.
 *
 * @param state the service's next state; the input state is left unchanged
 * @param decision the decision to publish, if any
 * @param explanation why there is, or is not, a decision (for logs and metrics)
 */
public record ScalingResult(
    ScalingState state, Optional<ScalingDecision> decision, String explanation) {

  public ScalingResult {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(explanation, "explanation");
  }
}
