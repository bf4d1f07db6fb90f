package io.vigil.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowListTest {
  private final AllowList allow = AllowList.of(List.of("10.0.0.0/8", "127.0.0.0/8", "::1/128"));

  @Test
  void shouldMatchAddressesAndOverlappingNetworksWhenInsideARange() {
    assertThat(allow.match("10.3.2.1")).contains("10.0.0.0/8");
    assertThat(allow.match("10.200.0.0/16")).contains("10.0.0.0/8");
    assertThat(allow.match("8.0.0.0/6")).contains("10.0.0.0/8"); // wider network covering it
    assertThat(allow.match("127.0.0.1")).contains("127.0.0.0/8");
    assertThat(allow.match("::1")).contains("::1/128");
  }

  @Test
  void shouldNotMatchOtherAddressesNetworksOrNonAddressTargets() {
    assertThat(allow.match("11.0.0.1")).isEmpty();
    assertThat(allow.match("9.255.255.0/24")).isEmpty();
    assertThat(allow.match("2001:db8::1")).isEmpty();
    assertThat(allow.match("user-00042")).isEmpty();
    assertThat(allow.match("recommendations->payment")).isEmpty();
    assertThat(allow.match("catalog")).isEmpty();
  }
}
