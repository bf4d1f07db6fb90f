package io.vigil.responders.firewall;

import java.util.Objects;

/**
 * An IPv4 or IPv6 network ({@code address/prefixLength}), matched bit by bit with the JDK only. An
 * address of the other family never matches; IPv4-mapped IPv6 addresses count as IPv4 (see {@link
 * IpAddress}).
 */
public final class Cidr {

  private final IpAddress network;
  private final int prefixLength;

  private Cidr(IpAddress network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses {@code address/prefix}; a bare address is a single-host network (/32 or /128).
   *
   * @throws IllegalArgumentException if the text is malformed, the prefix is out of range, or host
   *     bits are set (e.g. {@code 10.0.0.1/8}, which is almost always a typo for 10.0.0.0/8)
   */
  public static Cidr parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    IpAddress address = IpAddress.parse(slash < 0 ? t : t.substring(0, slash));
    int bits = address.bitLength();
    int prefix = bits;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      try {
        prefix = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in '" + text + "'", e);
      }
      if (prefix < 0 || prefix > bits || !p.matches("\\d{1,3}")) {
        throw new IllegalArgumentException(
            "prefix length must be 0.." + bits + " in '" + text + "'");
      }
    }
    IpAddress masked = address.masked(prefix);
    if (!masked.equals(address)) {
      throw new IllegalArgumentException(
          "host bits set in '" + text + "'; did you mean " + masked + "/" + prefix + "?");
    }
    return new Cidr(masked, prefix);
  }

  /** The network containing the address with the given prefix length (host bits cleared). */
  public static Cidr of(IpAddress address, int prefixLength) {
    if (prefixLength < 0 || prefixLength > address.bitLength()) {
      throw new IllegalArgumentException(
          "prefix length must be 0.." + address.bitLength() + ", got " + prefixLength);
    }
    return new Cidr(address.masked(prefixLength), prefixLength);
  }

  /** Whether the address lies in this network. */
  public boolean contains(IpAddress address) {
    if (address.byteLength() != network.byteLength()) {
      return false;
    }
    for (int i = 0; i < prefixLength; i++) {
      if (address.bit(i) != network.bit(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the two networks share at least one address (one contains the other). */
  public boolean overlaps(Cidr other) {
    return other.network.byteLength() == network.byteLength()
        && (contains(other.network) || other.contains(network));
  }

  /** The network address. */
  public IpAddress network() {
    return network;
  }

  /** The prefix length. */
  public int prefixLength() {
    return prefixLength;
  }

  /** Canonical {@code network/prefix}. */
  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr
        && ((Cidr) o).prefixLength == prefixLength
        && ((Cidr) o).network.equals(network);
  }

  @Override
  public int hashCode() {
    return Objects.hash(network, prefixLength);
  }
}
