package io.vigil.responders.kafka;

import io.vigil.analytics.Anomaly;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.FirewallDecisionOrigin;
import io.vigil.ops.FirewallScope;
import io.vigil.responders.firewall.AnomalySignal;
import io.vigil.responders.firewall.DecisionKey;
import io.vigil.responders.firewall.DecisionKind;
import io.vigil.responders.firewall.EntityType;
import io.vigil.responders.firewall.Evidence;
import io.vigil.responders.firewall.FirewallAction;
import io.vigil.responders.firewall.FirewallAudit;
import io.vigil.responders.firewall.FirewallDecision;
import io.vigil.responders.firewall.Scope;
import io.vigil.responders.firewall.ThreatClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Maps the firewall's Avro records to and from the policy's records: {@code Anomaly} to {@link
 * AnomalySignal}, {@link FirewallDecision} to and from {@code FirewallCommand} (the command topic
 * and the compacted decisions topic carry the same record), {@link FirewallAudit} to the Avro audit
 * record.
 *
 * <p>A decision survives the round trip {@code decision(command(d))} with every field the policy's
 * restore needs (kind, sequence, supersedes, previous action, offence history, evidence); instants
 * are kept to the millisecond, the Avro {@code timestamp-millis} precision.
 */
public final class FirewallRecords {

  private FirewallRecords() {}

  /**
   * The policy's view of an anomaly.
   *
   * @throws IllegalArgumentException if the record cannot be mapped: unknown entity type, blank
   *     ids, score outside 0..100 or confidence outside 0..1
   */
  public static AnomalySignal signal(Anomaly a) {
    if (a.getEntityType() == null || a.getEntityType() == io.vigil.analytics.EntityType.UNKNOWN) {
      throw new IllegalArgumentException(
          "entityType " + a.getEntityType() + " is not one the firewall can act on");
    }
    return new AnomalySignal(
        a.getEventId(),
        EntityType.valueOf(a.getEntityType().name()),
        a.getEntity(),
        a.getScore(),
        threatClass(a.getThreatClass()),
        a.getConfidence(),
        a.getWindowEnd());
  }

  /** The key of a target on the decisions, requests and audit topics: {@code scope:target}. */
  public static String key(DecisionKey key) {
    return key.toString();
  }

  /** The command publishing a decision. */
  public static FirewallCommand command(
      FirewallDecision d, FirewallDecisionOrigin origin, String requestedBy) {
    List<String> ids = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    List<io.vigil.common.ThreatClass> classes = new ArrayList<>();
    List<Double> confidences = new ArrayList<>();
    List<Instant> windowEnds = new ArrayList<>();
    for (Evidence e : d.evidence()) {
      ids.add(e.anomalyId());
      scores.add(e.score());
      classes.add(threatClass(e.threatClass()));
      confidences.add(e.confidence());
      windowEnds.add(e.windowEnd());
    }
    return FirewallCommand.newBuilder()
        .setEventId(d.id())
        .setOccurredAt(d.issuedAt())
        .setCommandId(d.id())
        .setAction(io.vigil.ops.FirewallAction.valueOf(d.action().name()))
        .setScope(scope(d.scope()))
        .setTarget(d.target())
        .setRate(d.ratePerSecond())
        .setTtlMs(d.ttl().toMillis())
        .setExpiresAt(d.expiresAt())
        .setEscalationLevel(d.escalationLevel())
        .setReason(d.reason())
        .setEvidence(
            io.vigil.ops.Evidence.newBuilder()
                .setAnomalyIds(ids)
                .setScores(scores)
                .setThreatClass(threatClass(d.threatClass()))
                .setThreatClasses(classes)
                .setConfidences(confidences)
                .setWindowEnds(windowEnds)
                .build())
        .setEnforced(d.enforced())
        .setKind(io.vigil.ops.FirewallDecisionKind.valueOf(d.kind().name()))
        .setSequence(d.sequence())
        .setSupersedes(d.supersedes())
        .setPreviousAction(
            d.previousAction() == null
                ? null
                : io.vigil.ops.FirewallAction.valueOf(d.previousAction().name()))
        .setOffence(d.offence())
        .setOffenceHistory(d.offenceHistory())
        .setOrigin(origin)
        .setRequestedBy(requestedBy)
        .build();
  }

  /**
   * The decision a command publishes, e.g. read back from the decisions topic. Records written
   * before {@code kind} existed are NEW (enforcing action) or LIFTED (UNBLOCK/RESTORE); missing
   * per-anomaly evidence defaults to the decision's class, confidence 0 and the issue time.
   *
   * @throws IllegalArgumentException if the command does not describe a valid decision
   */
  public static FirewallDecision decision(FirewallCommand c) {
    FirewallAction action = action(c.getAction());
    DecisionKind kind =
        c.getKind() == null || c.getKind() == io.vigil.ops.FirewallDecisionKind.UNKNOWN
            ? (action.isEnforcing() ? DecisionKind.NEW : DecisionKind.LIFTED)
            : DecisionKind.valueOf(c.getKind().name());
    Instant issued = c.getOccurredAt();
    Instant expires;
    if (c.getExpiresAt() != null) {
      expires = c.getExpiresAt();
    } else if (c.getTtlMs() != null) {
      expires = issued.plus(Duration.ofMillis(c.getTtlMs()));
    } else if (!action.isEnforcing()) {
      expires = issued;
    } else {
      throw new IllegalArgumentException(
          "command " + c.getCommandId() + " has neither expiresAt nor ttlMs");
    }
    ThreatClass decisionClass = threatClass(c.getEvidence().getThreatClass());
    io.vigil.ops.Evidence ev = c.getEvidence();
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < ev.getAnomalyIds().size(); i++) {
      evidence.add(
          new Evidence(
              ev.getAnomalyIds().get(i),
              i < ev.getThreatClasses().size()
                  ? threatClass(ev.getThreatClasses().get(i))
                  : decisionClass,
              i < ev.getScores().size() ? ev.getScores().get(i) : 0.0,
              i < ev.getConfidences().size() ? ev.getConfidences().get(i) : 0.0,
              i < ev.getWindowEnds().size() ? ev.getWindowEnds().get(i) : issued));
    }
    return new FirewallDecision(
        c.getCommandId(),
        kind,
        action,
        scope(c.getScope()),
        c.getTarget(),
        c.getRate(),
        issued,
        expires,
        c.getOffence(),
        c.getOffenceHistory(),
        c.getSequence(),
        c.getEnforced(),
        c.getSupersedes(),
        c.getPreviousAction() == null ? null : action(c.getPreviousAction()),
        decisionClass,
        c.getReason(),
        evidence);
  }

  /** The Avro audit record of a policy audit; {@code requestId} for operator requests. */
  public static io.vigil.ops.FirewallAudit audit(FirewallAudit a, String requestId) {
    return io.vigil.ops.FirewallAudit.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(a.at())
        .setOutcome(io.vigil.ops.FirewallAuditOutcome.valueOf(a.outcome().name()))
        .setAnomalyId(a.anomalyId())
        .setThreatClass(
            a.threatClass() == null
                ? io.vigil.common.ThreatClass.NONE
                : threatClass(a.threatClass()))
        .setTarget(a.key() == null ? null : key(a.key()))
        .setDecisionId(a.decisionId())
        .setRule(a.rule())
        .setMessage(a.message())
        .setRequestId(requestId)
        .build();
  }

  /** An audit record rejecting an operator request the policy cannot take. */
  public static io.vigil.ops.FirewallAudit rejected(
      Instant at, String target, String requestId, String message) {
    return io.vigil.ops.FirewallAudit.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(at)
        .setOutcome(io.vigil.ops.FirewallAuditOutcome.REJECTED)
        .setThreatClass(io.vigil.common.ThreatClass.NONE)
        .setTarget(target)
        .setMessage(message)
        .setRequestId(requestId)
        .build();
  }

  /** The policy's scope of an Avro scope; TOKEN is a principal-or-token target. */
  public static Scope scope(FirewallScope s) {
    if (s == null || s == FirewallScope.UNKNOWN) {
      throw new IllegalArgumentException("scope " + s + " is not one the firewall knows");
    }
    return s == FirewallScope.TOKEN ? Scope.PRINCIPAL : Scope.valueOf(s.name());
  }

  /** The Avro scope of a policy scope. */
  public static FirewallScope scope(Scope s) {
    return FirewallScope.valueOf(s.name());
  }

  /** The policy's action of an Avro action. */
  public static FirewallAction action(io.vigil.ops.FirewallAction a) {
    if (a == null || a == io.vigil.ops.FirewallAction.UNKNOWN) {
      throw new IllegalArgumentException("action " + a + " is not one the firewall knows");
    }
    return FirewallAction.valueOf(a.name());
  }

  /** The policy's class of an Avro class. */
  public static ThreatClass threatClass(io.vigil.common.ThreatClass c) {
    return c == null ? ThreatClass.NONE : ThreatClass.valueOf(c.name());
  }

  /** The Avro class of a policy class. */
  public static io.vigil.common.ThreatClass threatClass(ThreatClass c) {
    return io.vigil.common.ThreatClass.valueOf(c.name());
  }
}
