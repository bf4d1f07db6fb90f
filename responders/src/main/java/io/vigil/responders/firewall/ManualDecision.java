package io.vigil.responders.firewall;

import java.time.Duration;
import java.util.Objects;

/**
 * An operator's decision ({@code vigil decisions add}): exactly this action on this target for this
 * long. It bypasses score thresholds and the blast-radius cap and is not an offence, but the
 * allow-list still vetoes it.
 *
 * @param scope kind of target
 * @param target target, canonicalised by the policy
 * @param action enforcing action supported by the scope
 * @param ratePerSecond rate for RATE_LIMIT, else null
 * @param duration how long the decision holds
 * @param reason operator's reason, kept in the decision
 */
public record ManualDecision(
    Scope scope,
    String target,
    FirewallAction action,
    Double ratePerSecond,
    Duration duration,
    String reason) {

  public ManualDecision {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(reason, "reason");
    if (!action.isEnforcing() || !action.supports(scope)) {
      throw new IllegalArgumentException(action + " cannot target scope " + scope);
    }
    if ((ratePerSecond != null) != (action == FirewallAction.RATE_LIMIT)) {
      throw new IllegalArgumentException("a rate is required exactly for RATE_LIMIT");
    }
    if (ratePerSecond != null && !(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, got " + duration);
    }
  }
}
