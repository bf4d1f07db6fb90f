package io.vigil.responders.firewall;

import java.util.Arrays;
import java.util.Locale;

/**
 * An IPv4 or IPv6 address parsed from a literal with the JDK only and without name resolution
 * ({@code InetAddress.getByName} would do a DNS lookup for anything that is not a literal).
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) are treated as the IPv4 address, so an
 * IPv4 allow-list range also covers them and both spellings name the same decision target. Zone ids
 * ({@code fe80::1%eth0}) are rejected: they are meaningless outside one host.
 */
public final class IpAddress {

  private final byte[] bytes;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Parses an IPv4 dotted-quad or an IPv6 literal (with {@code ::} compression and an optional
   * trailing dotted quad). Leading zeros in IPv4 parts are rejected, as they are read as octal by
   * some tools.
   *
   * @throws IllegalArgumentException if the text is not an IP literal
   */
  public static IpAddress parse(String text) {
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    byte[] b = t.indexOf(':') >= 0 ? parseV6(t, text) : parseV4(t);
    if (b == null) {
      throw new IllegalArgumentException("not an IP address literal: '" + text + "'");
    }
    return new IpAddress(unmap(b));
  }

  /** Whether the text is an IPv4 or IPv6 literal accepted by {@link #parse(String)}. */
  public static boolean isLiteral(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** 4 for IPv4, 16 for IPv6. */
  public int byteLength() {
    return bytes.length;
  }

  /** Number of bits: 32 or 128. */
  public int bitLength() {
    return bytes.length * 8;
  }

  /** Whether this is an IPv4 address (including an unmapped IPv4-mapped IPv6 address). */
  public boolean isIpv4() {
    return bytes.length == 4;
  }

  /** A copy of the address bytes in network order. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The value of bit {@code i}, counting from the most significant bit of the first byte. */
  boolean bit(int i) {
    return (bytes[i / 8] & (0x80 >>> (i % 8))) != 0;
  }

  /** This address with every bit from {@code prefixLength} on cleared. */
  IpAddress masked(int prefixLength) {
    byte[] m = bytes.clone();
    for (int i = 0; i < m.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
      m[i] = (byte) (m[i] & (0xFF << (8 - keep)));
    }
    return new IpAddress(m);
  }

  /** Canonical text: dotted quad, or RFC 5952 for IPv6 (lower case, longest zero run as ::). */
  @Override
  public String toString() {
    if (isIpv4()) {
      return (bytes[0] & 0xFF)
          + "."
          + (bytes[1] & 0xFF)
          + "."
          + (bytes[2] & 0xFF)
          + "."
          + (bytes[3] & 0xFF);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (bestLen < 2) {
      bestStart = -1;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress && Arrays.equals(bytes, ((IpAddress) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  private static byte[] parseV4(String t) {
    String[] parts = t.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return null;
      }
      int v = 0;
      for (int k = 0; k < p.length(); k++) {
        char c = p.charAt(k);
        if (c < '0' || c > '9') {
          return null;
        }
        v = v * 10 + (c - '0');
      }
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  private static byte[] parseV6(String t, String original) {
    if (t.indexOf('%') >= 0) {
      throw new IllegalArgumentException(
          "IPv6 zone ids are not supported in firewall targets: '" + original + "'");
    }
    int dc = t.indexOf("::");
    if (dc >= 0 && t.indexOf("::", dc + 1) >= 0) {
      return null;
    }
    int[] h = dc >= 0 ? groups(t.substring(0, dc), false) : groups(t, true);
    int[] tl = dc >= 0 ? groups(t.substring(dc + 2), true) : new int[0];
    if (h == null || tl == null) {
      return null;
    }
    int total = h.length + tl.length;
    if (dc < 0 ? total != 8 : total > 7) {
      return null;
    }
    int[] all = new int[8];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(tl, 0, all, 8 - tl.length, tl.length);
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) (all[i] >>> 8);
      out[2 * i + 1] = (byte) all[i];
    }
    return out;
  }

  /** Parses colon-separated hex groups; a trailing dotted quad counts as two groups. */
  private static int[] groups(String s, boolean ipv4AllowedAtEnd) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    int n = parts.length;
    boolean v4 = parts[n - 1].contains(".");
    if (v4 && !ipv4AllowedAtEnd) {
      return null;
    }
    int[] out = new int[v4 ? n + 1 : n];
    for (int i = 0; i < n; i++) {
      String p = parts[i];
      if (i == n - 1 && v4) {
        byte[] b = parseV4(p);
        if (b == null) {
          return null;
        }
        out[i] = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        out[i + 1] = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        continue;
      }
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int v = 0;
      for (int k = 0; k < p.length(); k++) {
        int d = Character.digit(p.charAt(k), 16);
        if (d < 0) {
          return null;
        }
        v = (v << 4) | d;
      }
      out[i] = v;
    }
    return out;
  }

  /** Turns an IPv4-mapped IPv6 address (::ffff:a.b.c.d) into the IPv4 address. */
  private static byte[] unmap(byte[] b) {
    if (b.length != 16) {
      return b;
    }
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return b;
      }
    }
    if ((b[10] & 0xFF) != 0xFF || (b[11] & 0xFF) != 0xFF) {
      return b;
    }
    return Arrays.copyOfRange(b, 12, 16);
  }
}
