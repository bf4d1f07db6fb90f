package io.vigil.responders.firewall;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the firewall answers one threat class: which action on which scope, the minimum score and
 * confidence to act, the escalation ladder of durations, and the rate for rate limits.
 *
 * @param threatClass the class
 * @param enabled whether the class leads to decisions at all
 * @param action enforcing action
 * @param scope scope the action targets (must be one the action supports)
 * @param minScore minimum anomaly score, 0 to 100
 * @param minConfidence minimum class confidence, 0 to 1
 * @param durations escalation ladder: the n-th offence within the look-back lasts {@code
 *     durations[n-1]}; offences beyond the ladder use its last rung
 * @param ratePerSecond allowed requests per second when the action is RATE_LIMIT, else null
 * @param ipv4Prefix prefix length of the network blocked for an IPv4 entity (scope cidr)
 * @param ipv6Prefix prefix length of the network blocked for an IPv6 entity (scope cidr)
 */
public record ClassPolicy(
    ThreatClass threatClass,
    boolean enabled,
    FirewallAction action,
    Scope scope,
    double minScore,
    double minConfidence,
    List<Duration> durations,
    Double ratePerSecond,
    int ipv4Prefix,
    int ipv6Prefix) {

  public ClassPolicy {
    Objects.requireNonNull(threatClass, "threatClass");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(scope, "scope");
    durations = List.copyOf(durations);
    if (durations.isEmpty()) {
      throw new IllegalArgumentException("escalation ladder must not be empty");
    }
    if (!action.isEnforcing() || !action.supports(scope)) {
      throw new IllegalArgumentException(action + " cannot target scope " + scope);
    }
    if ((ratePerSecond != null) != (action == FirewallAction.RATE_LIMIT)) {
      throw new IllegalArgumentException("ratePerSecond is set exactly for RATE_LIMIT");
    }
  }

  /** Duration for the given offence number (1-based): its rung, or the last rung beyond. */
  public Duration durationFor(int offence) {
    int index = Math.min(Math.max(offence, 1), durations.size()) - 1;
    return durations.get(index);
  }
}
