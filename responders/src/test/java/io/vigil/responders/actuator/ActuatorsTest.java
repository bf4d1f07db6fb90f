package io.vigil.responders.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.ops.FirewallCommand;
import io.vigil.ops.FirewallScope;
import io.vigil.responders.firewall.FirewallAction;
import io.vigil.responders.firewall.Scope;
import io.vigil.responders.it.TestCommands;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Pure parts of the actuators: log lines, outcomes, Kubernetes names, the recent-id bound. */
class ActuatorsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void shouldLogEveryCommandButCountOnlyEnforcedOnesAsAppliedWhenLogging() {
    FirewallCommand block =
        TestCommands.enforce(
            FirewallAction.RATE_LIMIT, Scope.IP, "203.0.113.7", 5.0, NOW, Duration.ofMinutes(15));
    FirewallCommand dry = FirewallCommand.newBuilder(block).setEnforced(false).build();

    Actuation applied = LogActuator.log(block);
    Actuation skipped = LogActuator.log(dry);
    Actuation scale = LogActuator.log(TestCommands.scale("s1", "checkout", 2, 4, NOW, false));

    assertThat(applied.applied()).isTrue();
    assertThat(applied.detail())
        .startsWith("firewall " + block.getCommandId() + " NEW rate_limit 5.0/s ip:203.0.113.7")
        .contains("until 2026-03-01T12:15:00Z");
    assertThat(skipped)
        .extracting(Actuation::applied, Actuation::reason)
        .containsExactly(false, "not_enforced");
    assertThat(skipped.detail()).contains("[not enforced]");
    assertThat(scale.detail()).isEqualTo("scaling s1 checkout 2 -> 4 [not enforced]: test: 2 -> 4");
  }

  @Test
  void shouldNameNetworkPoliciesAsDnsLabelsWhenIsolating() {
    assertThat(KubernetesActuator.policyName(FirewallScope.SERVICE, "Payments_API"))
        .isEqualTo("vigil-isolate-payments-api");
    assertThat(KubernetesActuator.policyName(FirewallScope.EDGE, "web->ledger"))
        .isEqualTo("vigil-isolate-web-to-ledger");
    String longName =
        KubernetesActuator.policyName(
            FirewallScope.EDGE, "a-very-long-service-name-indeed->another-very-long-service-name");
    assertThat(longName).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(longName)
        .isNotEqualTo(
            KubernetesActuator.policyName(
                FirewallScope.EDGE,
                "a-very-long-service-name-indeed->another-very-long-service-name-2"));
  }

  @Test
  void shouldReportTheExitStatusAsARetriableFailureWhenTheNftCommandFails() throws Exception {
    // Given stand-ins for nft: "sort -f -" reads the script to its end and exits 0 as nft would,
    // "false" fails, and one that does not exist
    String script = "add table inet vigil\n";

    // When / Then success passes, a non-zero exit is retriable, a missing executable is not
    NftablesActuator.run("sort", script);
    assertThatThrownBy(() -> NftablesActuator.run("false", script))
        .isInstanceOf(ActuationException.class)
        .hasMessageContaining("false -f - exited with 1")
        .satisfies(e -> assertThat(((ActuationException) e).retriable()).isTrue());
    assertThatThrownBy(() -> NftablesActuator.run("/nonexistent/nft", script))
        .isInstanceOf(ActuationException.class)
        .hasMessageContaining("cannot run /nonexistent/nft")
        .satisfies(e -> assertThat(((ActuationException) e).retriable()).isFalse());
  }

  @Test
  void shouldForgetTheOldestIdWhenTheBoundIsReached() {
    RecentIds ids = new RecentIds(2);
    ids.add("a");
    ids.add("b");
    ids.add("c");
    assertThat(ids.contains("a")).isFalse();
    assertThat(ids.contains("b")).isTrue();
    assertThat(ids.contains("c")).isTrue();
    assertThat(ids.size()).isEqualTo(2);
  }
}
