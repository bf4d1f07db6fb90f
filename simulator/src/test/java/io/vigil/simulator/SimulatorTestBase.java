package io.vigil.simulator;

import io.vigil.simulator.sink.MemorySink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

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

  /** SHA-256 over every record (Avro binary, labels as text), in order. */
  static String hash(MemorySink sink) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Object record : sink.all()) {
        if (record instanceof SpecificRecordBase avro) {
          digest.update(avro.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
          digest.update(binary(avro));
        } else {
          digest.update(record.toString().getBytes(StandardCharsets.UTF_8));
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] binary(SpecificRecordBase record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecordBase>(record.getSchema()).write(record, encoder);
    return out.toByteArray();
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
