package io.vigil.simulator;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic identifiers (event UUIDs, trace and span ids, token ids) drawn from a seeded
 * stream, so that a seed reproduces every id of a run.
 */
final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final SplittableRandom rng;

  Ids(SplittableRandom rng) {
    this.rng = rng;
  }

  /** A random (version 4, IETF variant) UUID string. */
  String uuid() {
    long msb = (rng.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
    long lsb = (rng.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }

  /** 32 lower-case hex characters, never all zero (W3C trace context). */
  String traceId() {
    char[] out = new char[32];
    hex(nonZero(), out, 0);
    hex(rng.nextLong(), out, 16);
    return new String(out);
  }

  /** 16 lower-case hex characters, never all zero. */
  String spanId() {
    char[] out = new char[16];
    hex(nonZero(), out, 0);
    return new String(out);
  }

  /** {@code prefix} followed by 16 hex characters, e.g. a token id or an order id. */
  String prefixed(String prefix) {
    return prefix + spanId();
  }

  private long nonZero() {
    long value;
    do {
      value = rng.nextLong();
    } while (value == 0);
    return value;
  }

  private static void hex(long value, char[] out, int offset) {
    for (int i = 15; i >= 0; i--) {
      out[offset + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
