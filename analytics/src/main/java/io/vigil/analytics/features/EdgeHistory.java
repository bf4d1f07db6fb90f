package io.vigil.analytics.features;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The caller→callee edges an entity has been seen with and when each was first seen, for the {@link
 * Feature#NEW_EDGE} flag. Kept per entity by the caller (e.g. Flink keyed state) and passed to
 * {@link WindowAccumulator#result}.
 *
 * <p>Rule: an edge is new in a window starting at {@code t} when it is not in the history or was
 * first seen less than {@link #YOUTH} before {@code t}. So a new edge stays flagged for the first
 * ten minutes of its life, not only in its first window: a slow lateral movement that calls once
 * every few seconds is flagged in every window of its first minutes, while an edge of the call
 * graph is new only once. The history is bounded: beyond {@code capacity} edges the least recently
 * seen edge is forgotten (and would count as new again), so one entity's state never grows without
 * bound.
 *
 * <p>Use: {@link WindowAccumulator#result} asks {@link #anyNew(Collection, long)} with the window
 * start, then the caller records the window's edges with {@link #recordAll(Collection)}, which
 * stamps edges seen for the first time with that window start.
 */
public final class EdgeHistory implements Serializable {

  private static final long serialVersionUID = 2L;

  /** Default number of edges remembered per entity. */
  public static final int DEFAULT_CAPACITY = 4096;

  /** How long after its first sighting an edge still counts as new. */
  public static final Duration YOUTH = Duration.ofMinutes(10);

  private final int capacity;
  private final LinkedHashMap<String, Long> firstSeen;
  private long judgedAt = Long.MIN_VALUE;

  /** A history remembering {@link #DEFAULT_CAPACITY} edges. */
  public EdgeHistory() {
    this(DEFAULT_CAPACITY);
  }

  /** A history remembering at most {@code capacity} (≥ 1) edges. */
  public EdgeHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
    this.firstSeen = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** Whether {@code edge} was seen before. */
  public boolean contains(String edge) {
    return firstSeen.containsKey(edge);
  }

  /**
   * Whether any of {@code windowEdges} is new in the window starting at {@code windowStartMillis}:
   * absent, or first seen less than {@link #YOUTH} before it. Remembers {@code windowStartMillis}
   * as the time {@link #recordAll} stamps on edges it sees for the first time.
   */
  public boolean anyNew(Collection<String> windowEdges, long windowStartMillis) {
    judgedAt = windowStartMillis;
    long youngAfter = windowStartMillis - YOUTH.toMillis();
    for (String e : windowEdges) {
      Long seen = firstSeen.get(e);
      if (seen == null || seen > youngAfter) {
        return true;
      }
    }
    return false;
  }

  /**
   * Records edges as seen (call after computing the window's features); an edge seen for the first
   * time is stamped with the window start last passed to {@link #anyNew(Collection, long)}.
   */
  public void recordAll(Collection<String> windowEdges) {
    for (String e : windowEdges) {
      Long seen = firstSeen.get(e);
      firstSeen.put(e, seen != null ? seen : judgedAt);
      if (firstSeen.size() > capacity) {
        Map.Entry<String, Long> eldest = firstSeen.entrySet().iterator().next();
        firstSeen.remove(eldest.getKey());
      }
    }
  }

  /** Number of remembered edges. */
  public int size() {
    return firstSeen.size();
  }
}
