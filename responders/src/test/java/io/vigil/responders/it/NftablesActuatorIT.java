package io.vigil.responders.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.vigil.devstack.StackEndpoints;
import io.vigil.ops.FirewallCommand;
import io.vigil.responders.RunningComponent;
import io.vigil.responders.actuator.ActuatorOptions;
import io.vigil.responders.actuator.NftablesActuator;
import io.vigil.responders.firewall.FirewallAction;
import io.vigil.responders.firewall.Scope;
import io.vigil.responders.kafka.Topics;
import io.vigil.schemas.catalog.Topic;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The nftables actuator in dry-run on the embedded stack: the scripts it prints, to the byte. */
@VigilStack
class NftablesActuatorIT {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void shouldPrintTheGoldenScriptWhenCommandsArriveInDryRun(StackEndpoints stack, TestInfo info)
      throws Exception {
    // Given a one-partition command topic (one order) and an actuator in dry-run at a fixed time
    String name = TestNames.unique(info);
    try (StackKafka kafka = new StackKafka(stack)) {
      Topic<String, FirewallCommand> topic =
          Topics.renamed(kafka.catalog().firewallCommands(), name + ".firewall").withPartitions(1);
      Topics.ensure(kafka.config().adminProps(), List.of(topic), List.of(topic), true);
      StringBuffer printed = new StringBuffer();
      ActuatorOptions options =
          ActuatorOptions.defaults()
              .withTopics(topic.name(), name + ".scaling")
              .withGroupIdPrefix(name + "-")
              .withHttpPort(-1)
              .withDryRun(true)
              .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
      NftablesActuator.Options nft =
          new NftablesActuator.Options(
                  "vigil", "input", "nft", List.of(1, 5, 10, 50, 100, 500), s -> {})
              .withDryRunOutput(printed::append);

      // When blocks, a rate limit escalated to a block, a network block, an IPv6 rate limit, a
      // lift, and three commands that are not for nftables arrive
      Instant issued = NOW.minusSeconds(30);
      Duration ttl = Duration.ofMinutes(15);
      FirewallCommand block =
          TestCommands.enforce(FirewallAction.BLOCK, Scope.IP, "203.0.113.7", null, issued, ttl);
      FirewallCommand limit =
          TestCommands.enforce(
              FirewallAction.RATE_LIMIT, Scope.IP, "198.51.100.9", 7.0, issued, ttl);
      List<FirewallCommand> commands =
          List.of(
              block,
              limit,
              TestCommands.extend(limit, FirewallAction.BLOCK, null, NOW, Duration.ofHours(1)),
              TestCommands.enforce(
                  FirewallAction.BLOCK, Scope.CIDR, "192.0.2.0/24", null, issued, ttl),
              TestCommands.enforce(
                  FirewallAction.RATE_LIMIT, Scope.IP, "2001:db8::1", 0.5, issued, ttl),
              TestCommands.lift(block, NOW),
              TestCommands.enforce(
                  FirewallAction.ISOLATE, Scope.SERVICE, "payments", null, issued, ttl),
              FirewallCommand.newBuilder(
                      TestCommands.enforce(
                          FirewallAction.BLOCK, Scope.IP, "203.0.113.99", null, issued, ttl))
                  .setEnforced(false)
                  .build(),
              TestCommands.enforce(
                  FirewallAction.BLOCK,
                  Scope.IP,
                  "203.0.113.100",
                  null,
                  NOW.minus(Duration.ofHours(2)),
                  Duration.ofHours(1)));
      RunningComponent actuator = NftablesActuator.start(kafka.config(), options, nft);
      try {
        for (FirewallCommand c : commands) {
          kafka.produce(topic, c.getTarget(), c);
        }

        // Then every command is handled, and the printed scripts are the golden ones
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () ->
                    assertThat(
                            count(actuator, "dry_run")
                                + count(actuator, "not_applicable")
                                + count(actuator, "not_enforced"))
                        .isEqualTo(commands.size()));
        assertThat(count(actuator, "dry_run")).isEqualTo(6);
        assertThat(count(actuator, "not_applicable")).isEqualTo(2);
        assertThat(count(actuator, "not_enforced")).isEqualTo(1);
        assertThat(printed.toString()).isEqualTo(golden("/nftables/dry-run.golden.nft"));
      } finally {
        actuator.close();
      }
    }
  }

  private static double count(RunningComponent c, String reason) {
    Counter counter =
        c.metrics()
            .find("vigil.actuator.commands")
            .tags("result", "skipped", "reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static String golden(String resource) throws IOException {
    try (InputStream in = NftablesActuatorIT.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
