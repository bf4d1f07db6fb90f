package io.vigil.simulator;

import io.vigil.simulator.sink.MemorySink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/** Named instants, a quiet traffic profile and helpers shared by the simulator tests. */
abstract class SimulatorTestBase {

  /** Monday 19:00 UTC: the daily peak of the default profile. */
  static final Instant PEAK = Instant.parse("2026-01-05T19:00:00Z");

  /** Monday 07:00 UTC: the daily trough of the default profile. */
  static final Instant TROUGH = Instant.parse("2026-01-05T07:00:00Z");

  /** Start of most test runs: Monday noon, mid-level traffic. */
  static final Instant NOON = Instant.parse("2026-01-05T12:00:00Z");

  /** 10 user requests/s, no noise and no bursts: small, fast runs with stable rates. */
  static final TrafficProfile QUIET = TrafficProfile.defaults().withBaseRate(10).withNoise(0, 0);

  static Simulator.Builder quiet(long seed, Instant start, Duration duration) {
    return Simulator.builder().seed(seed).start(start).duration(duration).traffic(QUIET);
  }

  static MemorySink run(Simulator simulator) {
    MemorySink sink = new MemorySink();
    simulator.run(sink);
    return sink;
  }

  /** SHA-256 over the string form of every record, in order. */
  static String hash(MemorySink sink) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Object record : sink.all()) {
        digest.update(record.toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether an IPv4 address lies in a CIDR range. */
  static boolean inRange(String ip, String cidr) {
    String[] parts = cidr.split("/");
    int bits = Integer.parseInt(parts[1]);
    long mask = bits == 0 ? 0 : (0xFFFF_FFFFL << (32 - bits)) & 0xFFFF_FFFFL;
    return (toLong(ip) & mask) == (toLong(parts[0]) & mask);
  }

  private static long toLong(String ip) {
    long value = 0;
    for (String octet : ip.split("\\.")) {
      value = (value << 8) | Integer.parseInt(octet);
    }
    return value;
  }
}
