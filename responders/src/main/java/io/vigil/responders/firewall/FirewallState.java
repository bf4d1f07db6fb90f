package io.vigil.responders.firewall;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the firewall policy remembers, as an immutable, serializable value: the active
 * decisions (one per target), each target's offence history and decision sequence, and the instants
 * of new decisions in the blast-radius window.
 *
 * <p>The state can be rebuilt from the compacted decisions topic with {@link #restore(Collection)}:
 * every published decision carries the offence history and sequence it was issued with, so a
 * restored state produces the same decisions as the lost one.
 *
 * @param active active decision per target
 * @param history offence history and last sequence per target (targets with active decisions or
 *     offences within the look-back window)
 * @param recentNewDecisions instants of NEW decisions counted by the blast-radius cap
 */
public record FirewallState(
    Map<DecisionKey, FirewallDecision> active,
    Map<DecisionKey, TargetHistory> history,
    List<Instant> recentNewDecisions)
    implements Serializable {

  private static final FirewallState EMPTY = new FirewallState(Map.of(), Map.of(), List.of());

  public FirewallState {
    active = Map.copyOf(active);
    history = Map.copyOf(history);
    recentNewDecisions = List.copyOf(recentNewDecisions);
  }

  /** The state of a policy that has never decided anything. */
  public static FirewallState empty() {
    return EMPTY;
  }

  /**
   * Rebuilds the state from the latest decision per target, as read from the compacted decisions
   * topic on restart. Decisions that are not LIFTED become active again exactly as published, so
   * replaying the anomalies that caused them merges into them instead of issuing new blocks, and a
   * tick before their expiry lifts nothing: a restart causes no block/unblock storm. Decisions that
   * expired while the responder was down are lifted (once) by the next {@code tick}.
   *
   * <p>If several decisions of one target are given, the one with the highest sequence wins. NEW
   * decisions count against the blast-radius cap by their issue time.
   *
   * @param latest the latest decision per (scope, target), in any order
   */
  public static FirewallState restore(Collection<FirewallDecision> latest) {
    Map<DecisionKey, FirewallDecision> byKey = new HashMap<>();
    for (FirewallDecision d : latest) {
      byKey.merge(d.key(), d, (a, b) -> b.sequence() >= a.sequence() ? b : a);
    }
    Map<DecisionKey, FirewallDecision> active = new HashMap<>();
    Map<DecisionKey, TargetHistory> history = new HashMap<>();
    List<Instant> recent = new ArrayList<>();
    for (FirewallDecision d : byKey.values()) {
      history.put(
          d.key(), new TargetHistory(d.offenceHistory(), d.sequence(), d.id(), d.anomalyIds()));
      if (d.kind() != DecisionKind.LIFTED) {
        active.put(d.key(), d);
        if (d.kind() == DecisionKind.NEW) {
          recent.add(d.issuedAt());
        }
      }
    }
    recent.sort(Comparator.naturalOrder());
    return new FirewallState(active, history, recent);
  }

  /** Active decisions ordered by scope and target, e.g. for {@code vigil decisions list}. */
  public List<FirewallDecision> activeDecisions() {
    List<FirewallDecision> list = new ArrayList<>(active.values());
    list.sort(Comparator.comparing(FirewallDecision::key, DecisionKey.ORDER));
    return List.copyOf(list);
  }

  /**
   * This state without what no longer matters at {@code now}: offences older than the look-back,
   * targets with neither an active decision nor a counted offence, and cap entries older than the
   * cap window.
   */
  FirewallState pruned(Instant now, Duration lookback, Duration capWindow) {
    Instant offenceCutoff = now.minus(lookback);
    Map<DecisionKey, TargetHistory> h = new HashMap<>();
    for (Map.Entry<DecisionKey, TargetHistory> e : history.entrySet()) {
      List<Instant> kept = new ArrayList<>();
      for (Instant i : e.getValue().offences()) {
        if (i.isAfter(offenceCutoff)) {
          kept.add(i);
        }
      }
      if (!kept.isEmpty() || active.containsKey(e.getKey())) {
        TargetHistory old = e.getValue();
        h.put(
            e.getKey(),
            new TargetHistory(
                kept, old.lastSequence(), old.lastDecisionId(), old.lastAnomalyIds()));
      }
    }
    Instant capCutoff = now.minus(capWindow);
    List<Instant> recent = new ArrayList<>();
    for (Instant i : recentNewDecisions) {
      if (i.isAfter(capCutoff)) {
        recent.add(i);
      }
    }
    return new FirewallState(active, h, recent);
  }
}
