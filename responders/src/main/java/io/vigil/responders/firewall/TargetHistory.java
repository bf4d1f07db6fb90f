package io.vigil.responders.firewall;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the policy remembers about one target between decisions.
 *
 * @param offences instants of the target's offences (new decisions) within the look-back window,
 *     oldest first; their count picks the rung of the escalation ladder
 * @param lastSequence sequence number of the target's last published decision
 * @param lastDecisionId id of the target's last published decision
 * @param lastAnomalyIds anomaly ids in the evidence of the target's last published decision, so a
 *     redelivered anomaly is recognised even after its decision was lifted
 */
public record TargetHistory(
    List<Instant> offences, long lastSequence, String lastDecisionId, List<String> lastAnomalyIds)
    implements Serializable {

  public TargetHistory {
    offences = List.copyOf(offences);
    Objects.requireNonNull(lastDecisionId, "lastDecisionId");
    lastAnomalyIds = List.copyOf(lastAnomalyIds);
  }
}
