package io.vigil.demo.report;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * IPv4/IPv6 ranges that must never be blocked, and the check of a firewall target against them: an
 * address inside a range, or a network overlapping one.
 */
public final class AllowList {

  private record Range(String text, BigInteger first, BigInteger last, int bits) {}

  private final List<Range> ranges;

  private AllowList(List<Range> ranges) {
    this.ranges = ranges;
  }

  /** Ranges written {@code a.b.c.d/n} or {@code x::/n} (a bare address is a /32 or /128). */
  public static AllowList of(List<String> cidrs) {
    return new AllowList(cidrs.stream().map(AllowList::parse).toList());
  }

  /** The ranges, as given. */
  public List<String> ranges() {
    return ranges.stream().map(Range::text).toList();
  }

  /**
   * The allow-listed range that {@code target} (an address or a network) falls in or overlaps, if
   * any; empty for targets that are no address (principals, services, edges).
   */
  public Optional<String> match(String target) {
    Range t;
    try {
      t = parse(target);
    } catch (IllegalArgumentException notAnAddress) {
      return Optional.empty();
    }
    for (Range r : ranges) {
      if (r.bits == t.bits && r.first.compareTo(t.last) <= 0 && t.first.compareTo(r.last) <= 0) {
        return Optional.of(r.text);
      }
    }
    return Optional.empty();
  }

  private static Range parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    if (host.isEmpty()
        || !(host.contains(".") || host.contains(":"))
        || !host.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("not an IP address or network: " + text);
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address or network: " + text, e);
    }
    int bits = bytes.length * 8;
    int prefix = slash < 0 ? bits : Integer.parseInt(s.substring(slash + 1));
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("bad prefix length: " + text);
    }
    BigInteger value = new BigInteger(1, bytes);
    BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
    BigInteger first = value.andNot(hostMask);
    return new Range(s, first, first.or(hostMask), bits);
  }
}
