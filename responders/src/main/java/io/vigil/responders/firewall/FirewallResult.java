package io.vigil.responders.firewall;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of one policy step: the state to keep, the decisions to publish (in order) and the audit
 * records to log or count.
 *
 * @param state the new state; the input state is left unchanged
 * @param decisions decisions to publish, in order
 * @param audits audit records
 */
public record FirewallResult(
    FirewallState state, List<FirewallDecision> decisions, List<FirewallAudit> audits) {

  public FirewallResult {
    Objects.requireNonNull(state, "state");
    decisions = List.copyOf(decisions);
    audits = List.copyOf(audits);
  }
}
