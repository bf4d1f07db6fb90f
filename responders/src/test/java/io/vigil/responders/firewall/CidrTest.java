package io.vigil.responders.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "10.0.0.0/8,        10.255.255.255,     true",
    "10.0.0.0/8,        11.0.0.0,           false",
    "192.168.1.0/24,    192.168.1.77,       true",
    "192.168.1.0/24,    192.168.2.1,        false",
    "192.168.1.128/25,  192.168.1.127,      false",
    "192.168.1.128/25,  192.168.1.200,      true",
    "203.0.113.7,       203.0.113.7,        true",
    "203.0.113.7/32,    203.0.113.8,        false",
    "0.0.0.0/0,         8.8.8.8,            true",
    "0.0.0.0/0,         2001:db8::1,        false",
    "2001:db8::/32,     2001:db8:ffff::1,   true",
    "2001:db8::/32,     2001:db9::1,        false",
    "2001:db8:abcd:12::/64, 2001:db8:abcd:12:1:2:3:4, true",
    "2001:db8:abcd:12::/64, 2001:db8:abcd:13::1,      false",
    "fe80::/10,         febf::1,            true",
    "fe80::/10,         fec0::1,            false",
    "::1/128,           ::1,                true",
    "::/0,              192.0.2.1,          false",
    "10.0.0.0/8,        ::ffff:10.1.2.3,    true",
  })
  void shouldMatchBitByBitWhenCheckingContainment(String cidr, String ip, boolean expected) {
    assertThat(Cidr.parse(cidr).contains(IpAddress.parse(ip))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.1/8    | host bits set in '10.0.0.1/8'; did you mean 10.0.0.0/8?",
        "2001:db8::1/32 | host bits set in '2001:db8::1/32'; did you mean 2001:db8::/32?",
        "10.0.0.0/33   | prefix length must be 0..32 in '10.0.0.0/33'",
        "::/129        | prefix length must be 0..128 in '::/129'",
        "10.0.0.0/x    | bad prefix length in '10.0.0.0/x'",
        "10.0.0.0/-1   | prefix length must be 0..32 in '10.0.0.0/-1'",
        "intranet/8    | not an IP address literal: 'intranet'",
      })
  void shouldRejectWithAClearMessageWhenTheCidrIsMalformed(String text, String message) {
    assertThatThrownBy(() -> Cidr.parse(text)).hasMessage(message);
  }

  @ParameterizedTest(name = "{0} overlaps {1}: {2}")
  @CsvSource({
    "10.0.0.0/8,     10.1.0.0/16,    true",
    "10.1.0.0/16,    10.0.0.0/8,     true",
    "10.1.0.0/16,    10.2.0.0/16,    false",
    "2001:db8::/32,  2001:db8:1::/48, true",
    "10.0.0.0/8,     ::/0,           false",
  })
  void shouldOverlapWhenOneNetworkContainsTheOther(String a, String b, boolean expected) {
    assertThat(Cidr.parse(a).overlaps(Cidr.parse(b))).isEqualTo(expected);
  }

  @Property(tries = 300)
  void shouldContainEveryAddressWhenTheNetworkIsBuiltAroundIt(
      @ForAll @Size(16) byte[] bytes, @ForAll @IntRange(max = 128) int prefix) {
    IpAddress ip = IpAddress.parse(ipv6(bytes));
    Cidr net = Cidr.of(ip, Math.min(prefix, ip.bitLength()));
    assertThat(net.contains(ip)).isTrue();
    assertThat(Cidr.parse(net.toString())).isEqualTo(net);
  }

  private static String ipv6(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 16; i += 2) {
      sb.append(i == 0 ? "" : ":")
          .append(Integer.toHexString(((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF)));
    }
    return sb.toString();
  }
}
