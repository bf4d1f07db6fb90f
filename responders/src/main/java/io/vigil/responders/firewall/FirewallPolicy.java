package io.vigil.responders.firewall;

import io.vigil.responders.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The firewall policy: a pure state machine from anomalies and clock ticks to CrowdSec-style
 * decisions. It never reads the clock, does no I/O and keeps no state of its own: every step takes
 * a {@link FirewallState} and returns the next one with the decisions to publish and the audit
 * records, so the Kafka wiring can run it inside a transaction and rebuild its state from the
 * compacted decisions topic ({@link #restore(Collection)}).
 *
 * <p>For an anomaly ({@link #apply}), in order:
 *
 * <ol>
 *   <li>Class {@code none} never decides; a disabled class neither.
 *   <li>An anomaly whose window ended more than {@code max-anomaly-age} ago is stale.
 *   <li>Score and confidence must reach the class's minimums.
 *   <li>The entity maps to the class's scope: the IP, its network, the principal, the service or
 *       the edge.
 *   <li>The allow-list vetoes any decision on a listed range, principal or service, naming the
 *       rule.
 *   <li>An anomaly already in the evidence of the target's active or last decision is a redelivery
 *       and changes nothing, so at-least-once input and replays are idempotent.
 *   <li>If the target already has an active decision, the anomaly <em>merges</em> into it: one
 *       active decision per (scope, target). The expiry is pushed to {@code now +} the duration of
 *       the target's current offence rung (never shortened), a stronger action replaces a weaker
 *       one (a block supersedes a rate limit), and the evidence accumulates. An EXTENDED decision
 *       is published only if the action escalates or the expiry moves by at least {@code
 *       merge.min-extension}; otherwise the anomaly is absorbed into the evidence. Merges are not
 *       offences and do not count against the cap.
 *   <li>Otherwise it is a new offence: the blast-radius cap allows at most {@code
 *       max-new-decisions-per-minute} NEW decisions in any rolling minute (excess anomalies get a
 *       CAPPED audit record), and the TTL comes from the escalation ladder, indexed by the number
 *       of the target's offences within the look-back (the last rung repeats).
 * </ol>
 *
 * <p>{@link #tick} lifts every active decision whose TTL has passed with exactly one UNBLOCK or
 * RESTORE decision, and lifts decisions whose target has since been allow-listed. In dry-run mode
 * every decision is published with {@code enforced=false}; lifts mirror the decision they lift.
 */
public final class FirewallPolicy {

  /** Window of the blast-radius cap. */
  public static final Duration CAP_WINDOW = Duration.ofMinutes(1);

  private final FirewallConfig config;

  /** A policy with the given validated configuration. */
  public FirewallPolicy(FirewallConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The configuration. */
  public FirewallConfig config() {
    return config;
  }

  /**
   * Rebuilds the state from the latest decision per target (see {@link
   * FirewallState#restore(Collection)}): restoring and replaying causes no block/unblock storm.
   */
  public FirewallState restore(Collection<FirewallDecision> latest) {
    return FirewallState.restore(latest);
  }

  /**
   * Evaluates one anomaly at {@code now}. Yields one audit record about the anomaly and zero or one
   * decision; if the target's previous decision has expired but no tick has lifted it yet, its lift
   * (and an EXPIRED audit record) comes first.
   */
  public FirewallResult apply(FirewallState state, AnomalySignal anomaly, Instant now) {
    Objects.requireNonNull(anomaly, "anomaly");
    Objects.requireNonNull(now, "now");
    FirewallState s = state.pruned(now, config.lookback(), CAP_WINDOW);
    ThreatClass c = anomaly.threatClass();
    if (c == ThreatClass.NONE) {
      return skip(s, anomaly, now, AuditOutcome.NO_THREAT, null, null, "class none never decides");
    }
    ClassPolicy cp = config.classPolicy(c);
    if (!cp.enabled()) {
      String key = FirewallConfig.classKey(c, FirewallConfig.CLASS_ENABLED);
      return skip(s, anomaly, now, AuditOutcome.CLASS_DISABLED, null, key + "=false", "disabled");
    }
    if (anomaly.windowEnd().isBefore(now.minus(config.maxAnomalyAge()))) {
      return skip(
          s,
          anomaly,
          now,
          AuditOutcome.STALE,
          null,
          FirewallConfig.MAX_ANOMALY_AGE.name() + "=" + Durations.format(config.maxAnomalyAge()),
          "window ended at " + anomaly.windowEnd() + ", too long ago to act on");
    }
    if (anomaly.score() < cp.minScore()) {
      return skip(
          s,
          anomaly,
          now,
          AuditOutcome.BELOW_THRESHOLD,
          null,
          FirewallConfig.classKey(c, FirewallConfig.CLASS_MIN_SCORE) + "=" + num(cp.minScore()),
          "score " + num(anomaly.score()) + " below " + num(cp.minScore()));
    }
    if (anomaly.confidence() < cp.minConfidence()) {
      return skip(
          s,
          anomaly,
          now,
          AuditOutcome.BELOW_THRESHOLD,
          null,
          FirewallConfig.classKey(c, FirewallConfig.CLASS_MIN_CONFIDENCE)
              + "="
              + num(cp.minConfidence()),
          "confidence " + num(anomaly.confidence()) + " below " + num(cp.minConfidence()));
    }
    DecisionKey key;
    try {
      key = new DecisionKey(cp.scope(), Targets.forEntity(cp, anomaly));
    } catch (IllegalArgumentException e) {
      return skip(
          s,
          anomaly,
          now,
          AuditOutcome.UNMAPPABLE,
          null,
          FirewallConfig.classKey(c, FirewallConfig.CLASS_SCOPE) + "=" + lower(cp.scope()),
          e.getMessage());
    }
    Optional<String> veto = config.allowList().veto(key);
    if (veto.isPresent()) {
      return skip(
          s,
          anomaly,
          now,
          AuditOutcome.VETOED,
          key,
          veto.get(),
          "allow-listed: no " + lower(cp.action()) + " on " + key);
    }

    List<FirewallDecision> out = new ArrayList<>();
    FirewallDecision active = s.active().get(key);
    TargetHistory seen = s.history().get(key);
    if ((active != null && active.anomalyIds().contains(anomaly.anomalyId()))
        || (seen != null && seen.lastAnomalyIds().contains(anomaly.anomalyId()))) {
      // A redelivery (at-least-once input, or a replay after restart): already acted upon.
      return skip(
          s,
          anomaly,
          now,
          AuditOutcome.DUPLICATE,
          key,
          null,
          "anomaly already in the evidence of the target's "
              + (active != null ? "active" : "last")
              + " decision");
    }
    if (active != null && !active.expiresAt().isAfter(now)) {
      // Expired but not lifted yet (no tick since): lift it first, then this is a new offence.
      Step lifted = lift(s, active, now, "expired at " + active.expiresAt());
      out.add(lifted.decision);
      FirewallAudit expired = expiredAudit(active, lifted.decision, now);
      FirewallResult r = decide(lifted.state, key, null, cp, anomaly, now, out);
      List<FirewallAudit> audits = new ArrayList<>();
      audits.add(expired);
      audits.addAll(r.audits());
      return new FirewallResult(r.state(), r.decisions(), audits);
    }
    return decide(s, key, active, cp, anomaly, now, out);
  }

  private FirewallResult decide(
      FirewallState s,
      DecisionKey key,
      FirewallDecision active,
      ClassPolicy cp,
      AnomalySignal anomaly,
      Instant now,
      List<FirewallDecision> out) {
    ThreatClass c = anomaly.threatClass();
    if (active != null) {
      return merge(s, active, cp, anomaly, now, out);
    }
    if (s.recentNewDecisions().size() >= config.maxNewDecisionsPerMinute()) {
      FirewallAudit audit =
          new FirewallAudit(
              AuditOutcome.CAPPED,
              now,
              anomaly.anomalyId(),
              c,
              key,
              null,
              FirewallConfig.MAX_NEW_PER_MINUTE.name() + "=" + config.maxNewDecisionsPerMinute(),
              "blast-radius cap reached: "
                  + s.recentNewDecisions().size()
                  + " new decisions in the last minute; no "
                  + lower(cp.action())
                  + " on "
                  + key);
      return new FirewallResult(s, out, List.of(audit));
    }
    return decideNew(s, key, cp, anomaly, now, out);
  }

  /**
   * Lifts, at {@code now}, every active decision whose TTL has passed (one UNBLOCK or RESTORE each,
   * in expiry order) and every active decision whose target is now allow-listed. Calling it again
   * at the same instant lifts nothing more.
   */
  public FirewallResult tick(FirewallState state, Instant now) {
    Objects.requireNonNull(now, "now");
    FirewallState s = state;
    List<FirewallDecision> due = new ArrayList<>(s.active().values());
    due.sort(
        Comparator.comparing(FirewallDecision::expiresAt)
            .thenComparing(FirewallDecision::key, DecisionKey.ORDER));
    List<FirewallDecision> out = new ArrayList<>();
    List<FirewallAudit> audits = new ArrayList<>();
    for (FirewallDecision d : due) {
      if (!d.expiresAt().isAfter(now)) {
        Step step = lift(s, d, now, "expired at " + d.expiresAt());
        s = step.state;
        out.add(step.decision);
        audits.add(expiredAudit(d, step.decision, now));
        continue;
      }
      Optional<String> veto = config.allowList().veto(d.key());
      if (veto.isPresent()) {
        Step step = lift(s, d, now, "target allow-listed by " + veto.get());
        s = step.state;
        out.add(step.decision);
        audits.add(
            new FirewallAudit(
                AuditOutcome.LIFTED_ALLOW_LISTED,
                now,
                null,
                null,
                d.key(),
                step.decision.id(),
                veto.get(),
                d.action() + " on " + d.key() + " lifted: target is allow-listed"));
      }
    }
    s = s.pruned(now, config.lookback(), CAP_WINDOW);
    return new FirewallResult(s, out, audits);
  }

  /**
   * An operator's decision ({@code vigil decisions add}). The allow-list still vetoes it; it
   * bypasses thresholds and the cap, is not an offence, and replaces (EXTENDED) any active decision
   * on the target with exactly the requested action and TTL.
   *
   * @throws IllegalArgumentException if the target is malformed for the scope
   */
  public FirewallResult add(FirewallState state, ManualDecision request, Instant now) {
    FirewallState s = state.pruned(now, config.lookback(), CAP_WINDOW);
    DecisionKey key =
        new DecisionKey(request.scope(), Targets.canonical(request.scope(), request.target()));
    Optional<String> veto = config.allowList().veto(key);
    if (veto.isPresent()) {
      return new FirewallResult(
          s,
          List.of(),
          List.of(
              new FirewallAudit(
                  AuditOutcome.VETOED,
                  now,
                  null,
                  null,
                  key,
                  null,
                  veto.get(),
                  "allow-listed: operator " + lower(request.action()) + " on " + key + " vetoed")));
    }
    FirewallDecision active = s.active().get(key);
    TargetHistory h = s.history().get(key);
    long seq = (h == null ? 0 : h.lastSequence()) + 1;
    String cause = "manual|" + now.toEpochMilli();
    String reason =
        "operator: "
            + request.reason()
            + " ("
            + lower(request.action())
            + " for "
            + Durations.format(request.duration())
            + ")";
    FirewallDecision d =
        new FirewallDecision(
            DecisionIds.of(key.scope(), key.target(), request.action(), seq, cause),
            active == null ? DecisionKind.NEW : DecisionKind.EXTENDED,
            request.action(),
            key.scope(),
            key.target(),
            request.ratePerSecond(),
            now,
            now.plus(request.duration()),
            0,
            h == null ? List.of() : h.offences(),
            seq,
            !config.dryRun(),
            active == null ? null : active.id(),
            active == null ? null : active.action(),
            ThreatClass.NONE,
            reason,
            active == null ? List.of() : active.evidence());
    FirewallState next = publish(s, d, h == null ? List.of() : h.offences(), false);
    return new FirewallResult(
        next,
        List.of(d),
        List.of(
            new FirewallAudit(
                AuditOutcome.MANUAL_ADDED, now, null, null, key, d.id(), null, reason)));
  }

  /**
   * Lifts the active decision on a target at an operator's request ({@code vigil decisions
   * delete}); a NOT_FOUND audit record if there is none.
   *
   * @throws IllegalArgumentException if the target is malformed for the scope
   */
  public FirewallResult delete(
      FirewallState state, Scope scope, String target, String reason, Instant now) {
    DecisionKey key = new DecisionKey(scope, Targets.canonical(scope, target));
    FirewallDecision active = state.active().get(key);
    if (active == null) {
      return new FirewallResult(
          state,
          List.of(),
          List.of(
              new FirewallAudit(
                  AuditOutcome.NOT_FOUND,
                  now,
                  null,
                  null,
                  key,
                  null,
                  null,
                  "no active decision on " + key)));
    }
    Step step = lift(state, active, now, "operator: " + reason);
    return new FirewallResult(
        step.state,
        List.of(step.decision),
        List.of(
            new FirewallAudit(
                AuditOutcome.MANUAL_DELETED,
                now,
                null,
                null,
                key,
                step.decision.id(),
                null,
                "operator lifted " + active.action() + " on " + key + ": " + reason)));
  }

  private FirewallResult decideNew(
      FirewallState s,
      DecisionKey key,
      ClassPolicy cp,
      AnomalySignal anomaly,
      Instant now,
      List<FirewallDecision> out) {
    TargetHistory h = s.history().get(key);
    List<Instant> offences = new ArrayList<>(h == null ? List.of() : h.offences());
    offences.add(now);
    int offence = offences.size();
    Duration ttl = cp.durationFor(offence);
    long seq = (h == null ? 0 : h.lastSequence()) + 1;
    String reason =
        anomaly.threatClass().configName()
            + " anomaly (score "
            + num(anomaly.score())
            + " >= "
            + num(cp.minScore())
            + ", confidence "
            + num(anomaly.confidence())
            + " >= "
            + num(cp.minConfidence())
            + "): "
            + lower(cp.action())
            + (cp.ratePerSecond() == null ? "" : " to " + num(cp.ratePerSecond()) + "/s")
            + " "
            + key
            + " for "
            + Durations.format(ttl)
            + ", offence "
            + offence
            + " within "
            + Durations.format(config.lookback())
            + (config.dryRun() ? " [dry-run]" : "");
    FirewallDecision d =
        new FirewallDecision(
            DecisionIds.of(key.scope(), key.target(), cp.action(), seq, anomaly.anomalyId()),
            DecisionKind.NEW,
            cp.action(),
            key.scope(),
            key.target(),
            cp.ratePerSecond(),
            now,
            now.plus(ttl),
            offence,
            offences,
            seq,
            !config.dryRun(),
            null,
            null,
            anomaly.threatClass(),
            reason,
            List.of(Evidence.of(anomaly)));
    out.add(d);
    FirewallState next = publish(s, d, offences, true);
    FirewallAudit audit =
        new FirewallAudit(
            AuditOutcome.DECIDED,
            now,
            anomaly.anomalyId(),
            anomaly.threatClass(),
            key,
            d.id(),
            FirewallConfig.classKey(anomaly.threatClass(), FirewallConfig.CLASS_ACTION)
                + "="
                + lower(cp.action()),
            reason);
    return new FirewallResult(next, out, List.of(audit));
  }

  private FirewallResult merge(
      FirewallState s,
      FirewallDecision active,
      ClassPolicy cp,
      AnomalySignal anomaly,
      Instant now,
      List<FirewallDecision> out) {
    DecisionKey key = active.key();
    FirewallAction action = FirewallAction.stronger(active.action(), cp.action());
    Double rate = null;
    if (action == FirewallAction.RATE_LIMIT) {
      rate =
          cp.action() == FirewallAction.RATE_LIMIT
              ? Math.min(active.ratePerSecond(), cp.ratePerSecond())
              : active.ratePerSecond();
    }
    boolean escalated = action != active.action() || !Objects.equals(rate, active.ratePerSecond());
    Duration rung = cp.durationFor(Math.max(active.offence(), 1));
    Instant candidate = now.plus(rung);
    Instant expiry = candidate.isAfter(active.expiresAt()) ? candidate : active.expiresAt();
    Duration extension = Duration.between(active.expiresAt(), expiry);
    List<Evidence> evidence = new ArrayList<>(active.evidence());
    evidence.add(Evidence.of(anomaly));
    if (evidence.size() > FirewallDecision.MAX_EVIDENCE) {
      evidence = evidence.subList(evidence.size() - FirewallDecision.MAX_EVIDENCE, evidence.size());
    }
    boolean extends_ = !extension.isZero() && extension.compareTo(config.mergeMinExtension()) >= 0;
    if (!escalated && !extends_) {
      FirewallDecision absorbed = active.withEvidence(evidence);
      FirewallState next = s.withActive(absorbed);
      return new FirewallResult(
          next,
          out,
          List.of(
              new FirewallAudit(
                  AuditOutcome.ABSORBED,
                  now,
                  anomaly.anomalyId(),
                  anomaly.threatClass(),
                  key,
                  active.id(),
                  FirewallConfig.MERGE_MIN_EXTENSION.name()
                      + "="
                      + Durations.format(config.mergeMinExtension()),
                  "added to the evidence of "
                      + active.action()
                      + " on "
                      + key
                      + "; expiry would move by "
                      + Durations.format(extension))));
    }
    TargetHistory h = s.history().get(key);
    long seq = Math.max(h == null ? 0 : h.lastSequence(), active.sequence()) + 1;
    ThreatClass decidingClass =
        action != active.action() ? anomaly.threatClass() : active.threatClass();
    String reason =
        "merged "
            + anomaly.threatClass().configName()
            + " anomaly (score "
            + num(anomaly.score())
            + ") into the active decision on "
            + key
            + ": "
            + (action != active.action()
                ? "escalated " + lower(active.action()) + " to " + lower(action) + ", "
                : "")
            + (rate != null && !rate.equals(active.ratePerSecond())
                ? "rate lowered to " + num(rate) + "/s, "
                : "")
            + "expires at "
            + expiry
            + " (offence "
            + active.offence()
            + " rung "
            + Durations.format(rung)
            + "), "
            + evidence.size()
            + " anomalies of evidence"
            + (config.dryRun() ? " [dry-run]" : "");
    FirewallDecision d =
        new FirewallDecision(
            DecisionIds.of(key.scope(), key.target(), action, seq, anomaly.anomalyId()),
            DecisionKind.EXTENDED,
            action,
            key.scope(),
            key.target(),
            rate,
            now,
            expiry,
            active.offence(),
            active.offenceHistory(),
            seq,
            !config.dryRun(),
            active.id(),
            active.action(),
            decidingClass,
            reason,
            evidence);
    out.add(d);
    List<Instant> offences = h == null ? active.offenceHistory() : h.offences();
    FirewallState next = publish(s, d, offences, false);
    return new FirewallResult(
        next,
        out,
        List.of(
            new FirewallAudit(
                AuditOutcome.EXTENDED,
                now,
                anomaly.anomalyId(),
                anomaly.threatClass(),
                key,
                d.id(),
                escalated
                    ? FirewallConfig.classKey(anomaly.threatClass(), FirewallConfig.CLASS_ACTION)
                        + "="
                        + lower(cp.action())
                    : FirewallConfig.MERGE_MIN_EXTENSION.name()
                        + "="
                        + Durations.format(config.mergeMinExtension()),
                reason)));
  }

  private static FirewallAudit expiredAudit(
      FirewallDecision expired, FirewallDecision lift, Instant now) {
    return new FirewallAudit(
        AuditOutcome.EXPIRED,
        now,
        null,
        null,
        expired.key(),
        lift.id(),
        null,
        expired.action() + " on " + expired.key() + " expired; " + lift.action());
  }

  /** The lift of an active decision, and the state without it. */
  private static Step lift(FirewallState s, FirewallDecision d, Instant now, String why) {
    DecisionKey key = d.key();
    TargetHistory h = s.history().get(key);
    long seq = Math.max(h == null ? 0 : h.lastSequence(), d.sequence()) + 1;
    FirewallAction action = d.action().lifting();
    FirewallDecision lift =
        new FirewallDecision(
            DecisionIds.of(key.scope(), key.target(), action, seq, d.id()),
            DecisionKind.LIFTED,
            action,
            key.scope(),
            key.target(),
            null,
            now,
            now,
            d.offence(),
            h == null ? d.offenceHistory() : h.offences(),
            seq,
            d.enforced(),
            d.id(),
            d.action(),
            d.threatClass(),
            lower(action) + " " + key + " (lifts " + lower(d.action()) + "): " + why,
            d.evidence());
    return new Step(
        s.lifted(key, new TargetHistory(lift.offenceHistory(), seq, lift.id(), lift.anomalyIds())),
        lift);
  }

  /** The state after publishing an enforcing decision. */
  private static FirewallState publish(
      FirewallState s, FirewallDecision d, List<Instant> offences, boolean countsForCap) {
    return s.published(
        d, new TargetHistory(offences, d.sequence(), d.id(), d.anomalyIds()), countsForCap);
  }

  private static FirewallResult skip(
      FirewallState s,
      AnomalySignal a,
      Instant now,
      AuditOutcome outcome,
      DecisionKey key,
      String rule,
      String message) {
    return new FirewallResult(
        s,
        List.of(),
        List.of(
            new FirewallAudit(
                outcome, now, a.anomalyId(), a.threatClass(), key, null, rule, message)));
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String num(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e12) {
      return Long.toString((long) d);
    }
    return String.format(Locale.ROOT, "%.2f", d);
  }

  private static final class Step {
    final FirewallState state;
    final FirewallDecision decision;

    Step(FirewallState state, FirewallDecision decision) {
      this.state = state;
      this.decision = decision;
    }
  }
}
