package io.vigil.responders.firewall;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A firewall decision in the CrowdSec sense, as published to {@code ops.firewall-commands} and to
 * the compacted decisions topic (keyed by {@link #key()}).
 *
 * <p>Business rules carried by the record:
 *
 * <ul>
 *   <li>{@link #id()} is deterministic: derived from scope, target, action, the target's decision
 *       sequence number and the cause (anomaly id, or the id of the decision it lifts), so the same
 *       input yields the same id and an actuator can deduplicate after a restart.
 *   <li>At most one decision is active per (scope, target): {@link DecisionKind#EXTENDED} and
 *       {@link DecisionKind#LIFTED} decisions replace the one named by {@link #supersedes()}.
 *   <li>{@link #enforced()} is false for dry-run decisions, which actuators only log.
 * </ul>
 *
 * @param id deterministic UUID (name-based, version 3)
 * @param kind NEW, EXTENDED or LIFTED
 * @param action enforcing action, or UNBLOCK/RESTORE for a lift
 * @param scope kind of target
 * @param target canonical target
 * @param ratePerSecond allowed requests per second for {@link FirewallAction#RATE_LIMIT}; null for
 *     every other action
 * @param issuedAt when the decision was taken
 * @param expiresAt when what this decision enforces stops holding; equals {@code issuedAt} for a
 *     lift, which takes effect at once
 * @param offence the target's offence number (1 for a first offence) that chose the TTL; 0 for an
 *     operator decision, which is not an offence
 * @param offenceHistory instants of the target's offences within the look-back, so that the
 *     escalation ladder survives a restore from the decisions topic
 * @param sequence the target's decision sequence number, incremented by every published decision
 * @param enforced false for a dry-run decision
 * @param supersedes id of the decision this one replaces (EXTENDED, LIFTED); null for NEW
 * @param previousAction action of the superseded decision, which an actuator must undo; null for
 *     NEW
 * @param threatClass class whose policy chose the current action; NONE for operator decisions
 * @param reason human-readable reason naming the rules applied
 * @param evidence the anomalies the decision is based on, oldest first, at most {@value
 *     #MAX_EVIDENCE}
 */
public record FirewallDecision(
    String id,
    DecisionKind kind,
    FirewallAction action,
    Scope scope,
    String target,
    Double ratePerSecond,
    Instant issuedAt,
    Instant expiresAt,
    int offence,
    List<Instant> offenceHistory,
    long sequence,
    boolean enforced,
    String supersedes,
    FirewallAction previousAction,
    ThreatClass threatClass,
    String reason,
    List<Evidence> evidence)
    implements Serializable {

  /** Evidence kept per decision: the most recent anomalies, so merges cannot grow it forever. */
  public static final int MAX_EVIDENCE = 32;

  public FirewallDecision {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(threatClass, "threatClass");
    Objects.requireNonNull(reason, "reason");
    offenceHistory = List.copyOf(offenceHistory);
    evidence = List.copyOf(evidence);
    if ((kind == DecisionKind.LIFTED) == action.isEnforcing()) {
      throw new IllegalArgumentException(kind + " decision cannot carry action " + action);
    }
    if (action.isEnforcing() && !action.supports(scope)) {
      throw new IllegalArgumentException(action + " does not apply to scope " + scope);
    }
    if ((ratePerSecond != null) != (action == FirewallAction.RATE_LIMIT)) {
      throw new IllegalArgumentException("ratePerSecond is set exactly for RATE_LIMIT decisions");
    }
    if ((supersedes == null) != (kind == DecisionKind.NEW)
        || (previousAction == null) != (kind == DecisionKind.NEW)) {
      throw new IllegalArgumentException("supersedes/previousAction are set exactly when not NEW");
    }
    if (expiresAt.isBefore(issuedAt)) {
      throw new IllegalArgumentException("expiresAt before issuedAt");
    }
  }

  /** The (scope, target) this decision is about. */
  public DecisionKey key() {
    return new DecisionKey(scope, target);
  }

  /** How long the decision holds from {@link #issuedAt()}; zero for a lift. */
  public Duration ttl() {
    return Duration.between(issuedAt, expiresAt);
  }

  /** 0 for a first offence, incremented for each repeat offence (the Avro escalationLevel). */
  public int escalationLevel() {
    return Math.max(0, offence - 1);
  }

  /** Whether this decision enforces something at {@code now}. */
  public boolean isActiveAt(Instant now) {
    return kind != DecisionKind.LIFTED && expiresAt.isAfter(now);
  }

  /** Anomaly ids of the evidence, oldest first. */
  public List<String> anomalyIds() {
    List<String> ids = new ArrayList<>(evidence.size());
    for (Evidence e : evidence) {
      ids.add(e.anomalyId());
    }
    return List.copyOf(ids);
  }

  /** Scores of the evidence, in the order of {@link #anomalyIds()}. */
  public List<Double> scores() {
    List<Double> s = new ArrayList<>(evidence.size());
    for (Evidence e : evidence) {
      s.add(e.score());
    }
    return List.copyOf(s);
  }

  /** This decision with other evidence (same id): used when an anomaly is absorbed silently. */
  FirewallDecision withEvidence(List<Evidence> newEvidence) {
    return new FirewallDecision(
        id,
        kind,
        action,
        scope,
        target,
        ratePerSecond,
        issuedAt,
        expiresAt,
        offence,
        offenceHistory,
        sequence,
        enforced,
        supersedes,
        previousAction,
        threatClass,
        reason,
        newEvidence);
  }
}
