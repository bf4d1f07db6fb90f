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
import java.util.Objects;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * Everything the firewall policy remembers, as an immutable, serializable value: the active
 * decisions (one per target), each target's offence history and decision sequence, and the instants
 * of new decisions in the blast-radius window. Equality is by those three collections.
 *
 * <p>Cost: the collections are persistent (pcollections), so a policy step derives the next state
 * with O(log n) updates instead of copying every map; and the state keeps lower bounds of its
 * oldest offence and oldest cap entry, so {@link #pruned} scans the targets only when something may
 * have expired. A step costs about the same with ten or ten thousand targets.
 *
 * <p>The state can be rebuilt from the compacted decisions topic with {@link #restore(Collection)}:
 * every published decision carries the offence history and sequence it was issued with, so a
 * restored state produces the same decisions as the lost one.
 */
public final class FirewallState implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final FirewallState EMPTY = new FirewallState(Map.of(), Map.of(), List.of());

  private final PMap<DecisionKey, FirewallDecision> active;
  private final PMap<DecisionKey, TargetHistory> history;
  private final PVector<Instant> recentNewDecisions;
  // Lower bounds (null: none) of every offence instant in history and of every cap entry, and
  // whether history may hold a target with no offence and no active decision: when none of them
  // can have expired, pruned() returns this state without looking at the targets.
  private final Instant oldestOffence;
  private final Instant oldestCapEntry;
  private final boolean mayHoldBareTarget;

  /**
   * @param active active decision per target
   * @param history offence history and last sequence per target (targets with active decisions or
   *     offences within the look-back window)
   * @param recentNewDecisions instants of NEW decisions counted by the blast-radius cap
   */
  public FirewallState(
      Map<DecisionKey, FirewallDecision> active,
      Map<DecisionKey, TargetHistory> history,
      List<Instant> recentNewDecisions) {
    this.active = persistent(active);
    this.history = persistent(history);
    this.recentNewDecisions = TreePVector.from(List.copyOf(recentNewDecisions));
    Instant offence = null;
    boolean bare = false;
    for (Map.Entry<DecisionKey, TargetHistory> e : this.history.entrySet()) {
      offence = earliest(offence, e.getValue().offences());
      bare |= e.getValue().offences().isEmpty() && !this.active.containsKey(e.getKey());
    }
    this.oldestOffence = offence;
    this.oldestCapEntry = earliest(null, this.recentNewDecisions);
    this.mayHoldBareTarget = bare;
  }

  private FirewallState(
      PMap<DecisionKey, FirewallDecision> active,
      PMap<DecisionKey, TargetHistory> history,
      PVector<Instant> recentNewDecisions,
      Instant oldestOffence,
      Instant oldestCapEntry,
      boolean mayHoldBareTarget) {
    this.active = active;
    this.history = history;
    this.recentNewDecisions = recentNewDecisions;
    this.oldestOffence = oldestOffence;
    this.oldestCapEntry = oldestCapEntry;
    this.mayHoldBareTarget = mayHoldBareTarget;
  }

  private static <K, V> PMap<K, V> persistent(Map<K, V> map) {
    if (map instanceof PMap<K, V> persistent) {
      return persistent;
    }
    map.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "key");
          Objects.requireNonNull(v, "value of " + k);
        });
    return HashTreePMap.from(map);
  }

  private static Instant earliest(Instant bound, Collection<Instant> instants) {
    Instant min = bound;
    for (Instant i : instants) {
      if (min == null || i.isBefore(min)) {
        min = i;
      }
    }
    return min;
  }

  /** Active decision per target (unmodifiable). */
  public Map<DecisionKey, FirewallDecision> active() {
    return active;
  }

  /** Offence history and last sequence per target (unmodifiable). */
  public Map<DecisionKey, TargetHistory> history() {
    return history;
  }

  /** Instants of NEW decisions counted by the blast-radius cap (unmodifiable). */
  public List<Instant> recentNewDecisions() {
    return recentNewDecisions;
  }

  /** The state of a policy that has never decided anything. */
  public static FirewallState empty() {
    return EMPTY;
  }

  /** This state with {@code decision} active for its target. */
  FirewallState withActive(FirewallDecision decision) {
    return new FirewallState(
        active.plus(decision.key(), decision),
        history,
        recentNewDecisions,
        oldestOffence,
        oldestCapEntry,
        mayHoldBareTarget);
  }

  /** This state with no active decision for {@code key} and {@code target} as its history. */
  FirewallState lifted(DecisionKey key, TargetHistory target) {
    return new FirewallState(
        active.minus(key),
        history.plus(key, target),
        recentNewDecisions,
        earliest(oldestOffence, target.offences()),
        oldestCapEntry,
        mayHoldBareTarget || target.offences().isEmpty());
  }

  /**
   * This state with {@code decision} active, {@code target} as its history and, if it counts for
   * the cap, its issue instant among the recent new decisions.
   */
  FirewallState published(FirewallDecision decision, TargetHistory target, boolean countsForCap) {
    return new FirewallState(
        active.plus(decision.key(), decision),
        history.plus(decision.key(), target),
        countsForCap ? recentNewDecisions.plus(decision.issuedAt()) : recentNewDecisions,
        earliest(oldestOffence, target.offences()),
        countsForCap ? earliest(oldestCapEntry, List.of(decision.issuedAt())) : oldestCapEntry,
        mayHoldBareTarget);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FirewallState other
        && active.equals(other.active)
        && history.equals(other.history)
        && recentNewDecisions.equals(other.recentNewDecisions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(active, history, recentNewDecisions);
  }

  @Override
  public String toString() {
    return "FirewallState[active="
        + active
        + ", history="
        + history
        + ", recentNewDecisions="
        + recentNewDecisions
        + "]";
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
    Instant capCutoff = now.minus(capWindow);
    if ((oldestOffence == null || oldestOffence.isAfter(offenceCutoff))
        && (oldestCapEntry == null || oldestCapEntry.isAfter(capCutoff))
        && !mayHoldBareTarget) {
      return this; // nothing can have expired: no need to look at the targets
    }
    PMap<DecisionKey, TargetHistory> h = history;
    for (Map.Entry<DecisionKey, TargetHistory> e : history.entrySet()) {
      TargetHistory old = e.getValue();
      if (allAfter(old.offences(), offenceCutoff)) {
        if (old.offences().isEmpty() && !active.containsKey(e.getKey())) {
          h = h.minus(e.getKey());
        }
        continue; // nothing of it expired: kept as is, without a copy
      }
      List<Instant> kept = new ArrayList<>();
      for (Instant i : old.offences()) {
        if (i.isAfter(offenceCutoff)) {
          kept.add(i);
        }
      }
      if (!kept.isEmpty() || active.containsKey(e.getKey())) {
        h =
            h.plus(
                e.getKey(),
                new TargetHistory(
                    kept, old.lastSequence(), old.lastDecisionId(), old.lastAnomalyIds()));
      } else {
        h = h.minus(e.getKey());
      }
    }
    List<Instant> recent = recentNewDecisions;
    if (!allAfter(recentNewDecisions, capCutoff)) {
      List<Instant> kept = new ArrayList<>();
      for (Instant i : recentNewDecisions) {
        if (i.isAfter(capCutoff)) {
          kept.add(i);
        }
      }
      recent = kept;
    }
    return new FirewallState(active, h, recent); // exact bounds again
  }

  private static boolean allAfter(List<Instant> instants, Instant cutoff) {
    for (Instant i : instants) {
      if (!i.isAfter(cutoff)) {
        return false;
      }
    }
    return true;
  }
}
