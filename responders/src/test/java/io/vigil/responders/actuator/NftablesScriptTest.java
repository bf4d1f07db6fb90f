package io.vigil.responders.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.ops.FirewallCommand;
import io.vigil.responders.firewall.FirewallAction;
import io.vigil.responders.firewall.Scope;
import io.vigil.responders.it.TestCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nft scripts, line by line. The full dry-run output is pinned by NftablesActuatorIT. */
class NftablesScriptTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final NftablesScript scripts = new NftablesScript("vigil", "input", List.of(5, 1, 50));

  @Test
  void shouldEnforceAtTheHighestTierNotAboveTheRateWhenRateLimiting() {
    assertThat(scripts.tier(7)).isEqualTo(5);
    assertThat(scripts.tier(50)).isEqualTo(50);
    assertThat(scripts.tier(1000)).isEqualTo(50);
    assertThat(scripts.tier(0.5)).isEqualTo(1);
  }

  @Test
  void shouldRewriteTheElementWithTheRemainingTimeWhenBlocking() {
    // Given a block issued 10.5 s ago for 15 minutes
    FirewallCommand c =
        TestCommands.enforce(
            FirewallAction.BLOCK,
            Scope.IP,
            "2001:db8::7",
            null,
            NOW.minusMillis(10_500),
            Duration.ofMinutes(15));

    // When rendered
    String script = scripts.render(c, NOW).orElseThrow();

    // Then the IPv6 address set gets it for the 889.5 s left, rounded up, as add; delete; add
    assertThat(script.lines().skip(1))
        .containsExactly(
            "add element inet vigil vigil_block_ip6 { 2001:db8::7 timeout 890s }",
            "delete element inet vigil vigil_block_ip6 { 2001:db8::7 }",
            "add element inet vigil vigil_block_ip6 { 2001:db8::7 timeout 890s }");
  }

  @Test
  void shouldRenderNothingWhenTheCommandIsNotForTheNetworkLayerOrHasExpired() {
    FirewallCommand isolate =
        TestCommands.enforce(
            FirewallAction.ISOLATE, Scope.SERVICE, "payments", null, NOW, Duration.ofHours(1));
    FirewallCommand revoke =
        TestCommands.enforce(
            FirewallAction.REVOKE_TOKEN, Scope.PRINCIPAL, "tok-1", null, NOW, Duration.ofHours(1));
    FirewallCommand expired =
        TestCommands.enforce(
            FirewallAction.BLOCK,
            Scope.CIDR,
            "192.0.2.0/24",
            null,
            NOW.minus(Duration.ofHours(2)),
            Duration.ofHours(1));

    assertThat(scripts.render(isolate, NOW)).isEmpty();
    assertThat(scripts.render(revoke, NOW)).isEmpty();
    assertThat(scripts.render(expired, NOW)).isEmpty();
  }

  @Test
  void shouldRemoveFromEverySetWhenAnUnblockDoesNotSayWhatItLifts() {
    // Given an UNBLOCK without a previous action (written before the field existed)
    FirewallCommand block =
        TestCommands.enforce(
            FirewallAction.BLOCK, Scope.IP, "203.0.113.7", null, NOW, Duration.ofHours(1));
    FirewallCommand lift =
        FirewallCommand.newBuilder(TestCommands.lift(block, NOW)).setPreviousAction(null).build();

    // When rendered
    String script = scripts.render(lift, NOW).orElseThrow();

    // Then the address leaves the block set and every rate-limit tier, and gets no new timeout
    assertThat(script)
        .contains("delete element inet vigil vigil_block_ip4 { 203.0.113.7 }")
        .contains("delete element inet vigil vigil_rl1_ip4 { 203.0.113.7 }")
        .contains("delete element inet vigil vigil_rl5_ip4 { 203.0.113.7 }")
        .contains("delete element inet vigil vigil_rl50_ip4 { 203.0.113.7 }")
        .doesNotContain("timeout");
  }

  @Test
  void shouldHookTheChainWhereConfiguredWhenBootstrapping() {
    String forward = new NftablesScript("edge", "forward", List.of(10)).bootstrap();

    assertThat(forward)
        .startsWith("# vigil nftables bootstrap")
        .contains("add chain inet edge vigil_forward { type filter hook forward priority -10;")
        .contains("flush chain inet edge vigil_forward")
        .contains(
            "add rule inet edge vigil_forward ip saddr @vigil_rl10_ip4 ct state new meter"
                + " vigil_rl10_ip4_meter { ip saddr limit rate over 10/second } drop");
    assertThatThrownBy(() -> new NftablesScript("t", "output", List.of(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NftablesScript("t", "input", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
