package io.vigil.analytics.features;

import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The caller→callee edges an entity has been seen with, for the {@link Feature#NEW_EDGE} flag. Kept
 * per entity by the caller (e.g. Flink keyed state) and passed to {@link WindowAccumulator#result}.
 *
 * <p>Rule: an edge is new when it is not in the history. The history is bounded: beyond {@code
 * capacity} edges the least recently seen edge is forgotten (and would count as new again), so one
 * entity's state never grows without bound.
 */
public final class EdgeHistory implements Serializable {

  /** Default number of edges remembered per entity. */
  public static final int DEFAULT_CAPACITY = 4096;

  private final int capacity;
  private final LinkedHashMap<String, Boolean> edges;

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
    this.edges = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** Whether {@code edge} was seen before. */
  public boolean contains(String edge) {
    return edges.containsKey(edge);
  }

  /** Whether any of {@code windowEdges} is absent from the history. */
  public boolean anyNew(Collection<String> windowEdges) {
    for (String e : windowEdges) {
      if (!edges.containsKey(e)) {
        return true;
      }
    }
    return false;
  }

  /** Records edges as seen (call after computing the window's features). */
  public void recordAll(Collection<String> windowEdges) {
    for (String e : windowEdges) {
      edges.put(e, Boolean.TRUE);
      if (edges.size() > capacity) {
        Map.Entry<String, Boolean> eldest = edges.entrySet().iterator().next();
        edges.remove(eldest.getKey());
      }
    }
  }

  /** Number of remembered edges. */
  public int size() {
    return edges.size();
  }
}
