package io.vigil.streams.state;

import java.time.Instant;

/**
 * Keys of due-time-ordered indexes (saga timers, delayed gateway calls): {@code <due millis, 19
 * digits zero-padded>|<id>}. Serialized as UTF-8 by the String serde, the keys sort by due time in
 * RocksDB (and in-memory stores), so "everything due by now" is one range scan from the start.
 */
public final class DueKeys {

  private static final char SEPARATOR = '|';

  private DueKeys() {}

  /**
   * The key of {@code id} due at {@code dueAt}. The time is rounded <em>up</em> to the millisecond,
   * so an entry is never taken before it is due.
   */
  public static String key(Instant dueAt, String id) {
    long millis = dueAt.toEpochMilli() + (dueAt.getNano() % 1_000_000 == 0 ? 0 : 1);
    return key(millis, id);
  }

  /** The key of {@code id} due at {@code dueMillis}. */
  public static String key(long dueMillis, String id) {
    if (dueMillis < 0) {
      throw new IllegalArgumentException("due time must not be negative: " + dueMillis);
    }
    return pad(dueMillis) + SEPARATOR + id;
  }

  /** Lower bound of every key. */
  public static String first() {
    return pad(0);
  }

  /** Inclusive upper bound of the keys due at or before {@code nowMillis}. */
  public static String dueBy(long nowMillis) {
    // '|' + U+FFFF sorts after "|<any id>" for ids in the Basic Multilingual Plane.
    return pad(Math.max(0, nowMillis)) + SEPARATOR + '\uffff';
  }

  /** The id part of a key. */
  public static String id(String key) {
    return key.substring(key.indexOf(SEPARATOR) + 1);
  }

  /** The due time part of a key, in epoch millis. */
  public static long dueMillis(String key) {
    return Long.parseLong(key.substring(0, key.indexOf(SEPARATOR)));
  }

  private static String pad(long millis) {
    String digits = Long.toString(millis);
    return "0".repeat(19 - digits.length()) + digits;
  }
}
