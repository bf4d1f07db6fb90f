package io.vigil.responders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.responders.actuator.ActuatorOptions;
import io.vigil.responders.actuator.NftablesActuator;
import io.vigil.responders.config.ConfigException;
import io.vigil.responders.kafka.ScalingHandler.LoadSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One properties file per component, validated at start with every problem named at once. */
class ResponderSettingsTest {

  @TempDir Path dir;

  @Test
  void shouldReportEveryWiringAndPolicyProblemAtOnceWhenTheFirewallFileIsWrong()
      throws IOException {
    // Given a file with a bad value, a typo in a wiring key and a bad policy value
    Path file =
        write(
            "firewall.properties",
            "vigil.responders.firewall.tick.interval.ms=5",
            "vigil.responders.firewall.grup.id=x",
            "vigil.firewall.max-new-decisions-per-minute=0");

    // When it is loaded
    // Then one error lists all three, each naming its key
    assertThatThrownBy(() -> FirewallResponder.Setup.load(Optional.of(file), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .hasSize(3)
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("vigil.responders.firewall.tick.interval.ms:")
                                .contains("at least 100"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("vigil.responders.firewall.grup.id: unknown key")
                                .contains("did you mean vigil.responders.firewall.group.id?"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("vigil.firewall.max-new-decisions-per-minute")))
        .hasMessageContaining("invalid firewall responder configuration (3 problems)");
  }

  @Test
  void shouldBuildOptionsFromTheFileTheEnvironmentAndOverridesWhenValid() throws IOException {
    // Given a file, an environment variable and a command-line override
    Path file =
        write(
            "firewall.properties",
            "vigil.responders.firewall.topic.anomalies=lab.anomalies",
            "vigil.responders.firewall.http.port=0",
            "vigil.firewall.allow.services=billing");

    // When it is loaded
    FirewallResponder.Setup setup =
        FirewallResponder.Setup.load(
            Optional.of(file),
            Map.of("VIGIL_RESPONDERS_FIREWALL_GROUP_ID", "from-env"),
            Map.of("vigil.firewall.dry-run", "true"));

    // Then every source counts, the environment and overrides winning over the file
    assertThat(setup.options().topics().anomalies()).isEqualTo("lab.anomalies");
    assertThat(setup.options().topics().decisions()).isEqualTo("ops.firewall-decisions");
    assertThat(setup.options().groupId()).isEqualTo("from-env");
    assertThat(setup.options().httpPort()).isZero();
    assertThat(setup.options().tickInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(setup.policy().dryRun()).isTrue();
    assertThat(setup.settings().bootstrapServers()).isEqualTo("localhost:9092");
  }

  @Test
  void shouldRequireAManagedServiceWhenTheScalingFileListsNone() {
    assertThatThrownBy(() -> ScalingResponder.Setup.load(Optional.empty(), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vigil.scaling.services: no service to manage");

    ScalingResponder.Setup setup =
        ScalingResponder.Setup.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                "vigil.scaling.services", "checkout",
                "vigil.responders.scaling.load.source", "requests",
                "vigil.responders.scaling.dry.run", "true"));
    assertThat(setup.options().wiring().source()).isEqualTo(LoadSource.REQUESTS);
    assertThat(setup.options().wiring().dryRun()).isTrue();
    assertThat(setup.policy().services()).containsOnlyKeys("checkout");
  }

  @Test
  void shouldRejectBadActuatorValuesWhenLoading() {
    assertThatThrownBy(
            () ->
                ActuatorOptions.load(
                    Optional.empty(),
                    Map.of(),
                    Map.of(
                        "vigil.actuators.nftables.rate.tiers", "5,fast",
                        "vigil.actuators.nftables.hook", "output",
                        "vigil.responders.scaling.load.source", "kafka")))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .hasSize(3)
                    .anySatisfy(p -> assertThat(p).contains("fast"))
                    .anySatisfy(p -> assertThat(p).startsWith("vigil.actuators.nftables.hook"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("vigil.responders.scaling.load.source")));

    ResponderSettings defaults = ActuatorOptions.load(Optional.empty(), Map.of(), Map.of());
    NftablesActuator.Options nft = NftablesActuator.Options.from(defaults);
    assertThat(nft.rateTiers()).containsExactly(1, 5, 10, 50, 100, 500);
    assertThat(nft.hook()).isEqualTo("input");
    assertThat(ActuatorOptions.from(defaults).httpPort()).isEqualTo(8093);
  }

  @Test
  void shouldDocumentEveryWiringKeyWhenAskedForDocumentation() {
    assertThat(ResponderSettings.documentation())
        .contains(ResponderSettings.FIREWALL_TRANSACTIONAL_ID_CONFIG)
        .contains(ResponderSettings.SCALING_LOAD_SOURCE_CONFIG)
        .contains(ResponderSettings.NFT_RATE_TIERS_CONFIG);
  }

  @Test
  void shouldLoadTheExampleFilesWhenTheyShipWithTheModule() {
    FirewallResponder.Setup firewall =
        FirewallResponder.Setup.load(
            Optional.of(Path.of("config/firewall.properties")), Map.of(), Map.of());
    ScalingResponder.Setup scaling =
        ScalingResponder.Setup.load(
            Optional.of(Path.of("config/scaling.properties")), Map.of(), Map.of());
    ResponderSettings actuators =
        ActuatorOptions.load(
            Optional.of(Path.of("config/actuators.properties")), Map.of(), Map.of());

    assertThat(firewall.options().httpPort()).isEqualTo(8091);
    assertThat(scaling.policy().services()).containsOnlyKeys("checkout", "inventory", "payment");
    assertThat(NftablesActuator.Options.from(actuators).table()).isEqualTo("vigil");
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }
}
