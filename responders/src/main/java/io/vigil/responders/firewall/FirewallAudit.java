package io.vigil.responders.firewall;

import java.time.Instant;
import java.util.Objects;

/**
 * Audit trail entry: what the policy did with one anomaly (every {@code apply} yields exactly one)
 * or with one active decision on a {@code tick}, and which rule decided. Vetoes and caps, which
 * publish no decision, are visible only here.
 *
 * @param outcome what happened
 * @param at the evaluation instant
 * @param anomalyId anomaly evaluated; null for ticks and operator actions
 * @param threatClass its class; null for ticks and operator actions
 * @param key decision target; null when the entity could not be mapped or was not reached
 * @param decisionId id of the decision published or affected; null when none
 * @param rule the configuration rule that decided, e.g. {@code vigil.firewall.allow.cidrs:
 *     10.0.0.0/8}; null when no single rule applies
 * @param message human-readable explanation
 */
public record FirewallAudit(
    AuditOutcome outcome,
    Instant at,
    String anomalyId,
    ThreatClass threatClass,
    DecisionKey key,
    String decisionId,
    String rule,
    String message) {

  public FirewallAudit {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(message, "message");
  }
}
