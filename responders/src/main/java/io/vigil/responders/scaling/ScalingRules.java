package io.vigil.responders.scaling;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The HPA's {@code behavior.scaleUp} or {@code behavior.scaleDown} for one direction.
 *
 * @param stabilizationWindow how far back past recommendations are considered: scaling up uses the
 *     lowest recommendation in the window, scaling down the highest (0s..1h)
 * @param tolerance relative deviation of the metric from its target under which nothing changes in
 *     this direction, e.g. 0.1 for 10 %
 * @param policies rate policies; may be empty only when {@code select} is DISABLED
 * @param select how the policies combine
 */
public record ScalingRules(
    Duration stabilizationWindow, double tolerance, List<RatePolicy> policies, SelectPolicy select)
    implements Serializable {

  /** Longest stabilization window the HPA accepts (3600 s). */
  public static final Duration MAX_WINDOW = Duration.ofHours(1);

  public ScalingRules {
    Objects.requireNonNull(stabilizationWindow, "stabilizationWindow");
    Objects.requireNonNull(select, "select");
    policies = List.copyOf(policies);
    if (stabilizationWindow.isNegative() || stabilizationWindow.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException("stabilization window must be within 0s..1h");
    }
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance must be within [0, 1), got " + tolerance);
    }
    if (policies.isEmpty() && select != SelectPolicy.DISABLED) {
      throw new IllegalArgumentException("at least one policy is needed unless DISABLED");
    }
  }

  /** Longest policy period, zero without policies. */
  public Duration longestPeriod() {
    Duration d = Duration.ZERO;
    for (RatePolicy p : policies) {
      if (p.period().compareTo(d) > 0) {
        d = p.period();
      }
    }
    return d;
  }
}
