package io.vigil.responders.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "192.0.2.1,                          192.0.2.1",
    "0.0.0.0,                            0.0.0.0",
    "255.255.255.255,                    255.255.255.255",
    "::,                                 ::",
    "::1,                                ::1",
    "2001:DB8:0:0:0:0:0:1,               2001:db8::1",
    "2001:db8:0:0:1:0:0:1,               2001:db8::1:0:0:1",
    "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
    "2001:db8::,                         2001:db8::",
    "fe80::1:2:3:4,                      fe80::1:2:3:4",
    "1:2:3:4:5:6:7:8,                    1:2:3:4:5:6:7:8",
    "1:0:3:4:5:6:7:8,                    1:0:3:4:5:6:7:8",
    "::ffff:192.0.2.1,                   192.0.2.1",
    "::ffff:c000:0201,                   192.0.2.1",
    "64:ff9b::192.0.2.33,                64:ff9b::c000:221",
    "[2001:db8::1],                      2001:db8::1",
  })
  void shouldPrintTheCanonicalFormWhenParsingALiteral(String text, String canonical) {
    assertThat(IpAddress.parse(text)).hasToString(canonical);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3.-4",
        "a.b.c.d",
        "example.com",
        "localhost",
        "1::2::3",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "12345::1",
        ":1:2:3:4:5:6:7",
        "g::1",
        "1.2.3.4::",
        "::1.2.3"
      })
  void shouldRejectWhenTheTextIsNotALiteral(String text) {
    assertThat(IpAddress.isLiteral(text)).isFalse();
    assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fe80::1%eth0", "fe80::1%1"})
  void shouldRejectWhenTheAddressHasAZoneId(String text) {
    assertThatThrownBy(() -> IpAddress.parse(text)).hasMessageContaining("zone ids");
  }

  @Property(tries = 300)
  void shouldRoundTripWhenPrintingAndParsingIpv6(@ForAll @Size(16) byte[] bytes) {
    String text = toFullIpv6(bytes);
    IpAddress parsed = IpAddress.parse(text);
    assertThat(IpAddress.parse(parsed.toString())).isEqualTo(parsed);
  }

  @Property(tries = 300)
  void shouldRoundTripWhenPrintingAndParsingIpv4(
      @ForAll @IntRange(max = 255) int a,
      @ForAll @IntRange(max = 255) int b,
      @ForAll @IntRange(max = 255) int c,
      @ForAll @IntRange(max = 255) int d) {
    String text = a + "." + b + "." + c + "." + d;
    assertThat(IpAddress.parse(text)).hasToString(text);
  }

  private static String toFullIpv6(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 16; i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(Integer.toHexString(((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF)));
    }
    return sb.toString();
  }
}
