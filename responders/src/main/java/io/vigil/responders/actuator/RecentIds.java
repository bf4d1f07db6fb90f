package io.vigil.responders.actuator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent command ids an actuator handled, bounded: the oldest id is forgotten when the
 * bound is reached. Ids are far apart in time once they drop out, so a repeat of a forgotten id is
 * a replay from an old offset, which the targets' own checks (annotations, idempotent scripts)
 * cover.
 */
final class RecentIds {

  private final Map<String, Boolean> ids;

  RecentIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.ids =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  boolean contains(String id) {
    return ids.containsKey(id);
  }

  void add(String id) {
    ids.put(id, Boolean.TRUE);
  }

  int size() {
    return ids.size();
  }
}
