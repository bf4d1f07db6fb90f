package io.vigil.features;

import io.vigil.analytics.features.EdgeHistory;
import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.features.WindowAccumulator;
import io.vigil.features.TelemetryMapping.KeyedObservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The anomaly job's feature windows computed offline: keyed observations, in any order, are cut
 * into tumbling windows of {@code W} ms aligned to the epoch (Flink's {@code
 * TumblingEventTimeWindows} with offset 0) per (entity type, entity) and folded into analytics'
 * {@link WindowAccumulator}; each non-empty window gives one {@link FeatureVector}.
 *
 * <p>As in the job ({@code WindowFeatures.Emit}), the windows of one entity are closed in time
 * order and an entity with edges keeps an {@link EdgeHistory}: the new-edge flag of a window is
 * judged against the edges of that entity's earlier windows. Nothing is late offline: every
 * observation counts.
 */
public final class OfflineWindows {

  private final long windowMillis;
  private final Map<EntityKey, TreeMap<Long, WindowAccumulator>> windows = new HashMap<>();
  private long observations;

  /** Windows of {@code window} length (positive). */
  public OfflineWindows(Duration window) {
    this.windowMillis = window.toMillis();
    if (windowMillis <= 0) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
  }

  /** The features of {@code observations} cut into windows of {@code window}. */
  public static List<FeatureVector> of(Iterable<KeyedObservation> observations, Duration window) {
    OfflineWindows w = new OfflineWindows(window);
    observations.forEach(w::add);
    return w.vectors();
  }

  /** Start of the window of {@code timestampMillis}. */
  public long windowStart(long timestampMillis) {
    return timestampMillis - Math.floorMod(timestampMillis, windowMillis);
  }

  /** Adds one observation. */
  public OfflineWindows add(KeyedObservation o) {
    long start = windowStart(o.observation().timestampMillis());
    windows
        .computeIfAbsent(new EntityKey(o.entityType(), o.entity()), k -> new TreeMap<>())
        .computeIfAbsent(start, s -> new WindowAccumulator())
        .add(o.observation());
    observations++;
    return this;
  }

  /** Observations added. */
  public long observations() {
    return observations;
  }

  /**
   * The feature vector of every non-empty window, ordered by window start, then entity type, then
   * entity (a deterministic order for training).
   */
  public List<FeatureVector> vectors() {
    List<FeatureVector> out = new ArrayList<>();
    for (Map.Entry<EntityKey, TreeMap<Long, WindowAccumulator>> e : windows.entrySet()) {
      EntityKey key = e.getKey();
      EdgeHistory history = null;
      for (Map.Entry<Long, WindowAccumulator> w : e.getValue().entrySet()) {
        WindowAccumulator acc = w.getValue();
        long start = w.getKey();
        long end = start + windowMillis;
        if (acc.edges().isEmpty()) {
          out.add(acc.result(key.type(), key.entity(), start, end, null));
          continue;
        }
        if (history == null) {
          history = new EdgeHistory();
        }
        out.add(acc.result(key.type(), key.entity(), start, end, history));
        history.recordAll(acc.edges());
      }
    }
    out.sort(
        Comparator.comparingLong(FeatureVector::windowStartMillis)
            .thenComparing(FeatureVector::entityType)
            .thenComparing(FeatureVector::entity));
    return out;
  }

  private record EntityKey(EntityType type, String entity) {}
}
