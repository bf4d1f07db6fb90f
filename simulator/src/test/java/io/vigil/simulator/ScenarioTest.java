package io.vigil.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.ThreatClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {

  @Test
  void shouldScriptEveryClassOnceWithOneSlowVariantAndASurgeWhenDemo() {
    Scenario demo = Scenario.demo();

    assertThat(demo.name()).isEqualTo("demo");
    assertThat(demo.attacks())
        .extracting(AttackSpec::threatClass)
        .containsExactlyInAnyOrder(
            ThreatClass.DDOS,
            ThreatClass.CREDENTIAL_STUFFING,
            ThreatClass.SCRAPING,
            ThreatClass.LATERAL_MOVEMENT,
            ThreatClass.EXFILTRATION);
    assertThat(demo.attacks()).filteredOn(a -> a.variant() == Variant.SLOW_AND_LOW).hasSize(1);
    assertThat(demo.surges()).hasSize(1);
    // sized for a 90-second demo with 25 s of normal traffic first
    assertThat(demo.attacks())
        .allSatisfy(
            a -> {
              assertThat(a.offset()).isGreaterThanOrEqualTo(Duration.ofSeconds(25));
              assertThat(a.endOffset()).isLessThanOrEqualTo(Duration.ofSeconds(85));
            });
    assertThat(demo.surges().get(0).offset().plus(demo.surges().get(0).duration()))
        .isLessThanOrEqualTo(Duration.ofSeconds(85));
  }

  @Test
  void shouldReadBackItsOwnJsonWhenRendered() {
    Scenario scenario =
        new Scenario(
            "mixed",
            "all options",
            List.of(
                AttackSpec.of(
                        "flood",
                        ThreatClass.DDOS,
                        Variant.SLOW_AND_LOW,
                        Duration.ofSeconds(90),
                        Duration.ofMillis(1_500))
                    .withTarget("catalog")
                    .withSources(12)
                    .withRate(0.5)),
            List.of(
                new LoadSurge("surge", "search", Duration.ofMinutes(2), Duration.ofHours(1), 2.5)),
            Optional.of(RandomAttacks.defaults()));

    assertThat(Scenario.parse(scenario.toJson(), "rendered")).isEqualTo(scenario);
  }

  @Test
  void shouldLoadFileWithCommentsAndLenientSpellingsWhenValid(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.json");
    Files.writeString(
        file,
        """
        // a comment
        {"name": "s", "attacks": [
          {"name": "a", "class": "Credential-Stuffing", "variant": "slow-and-low",
           "start": "PT1M", "duration": "1m30s"},
        ]}
        """);

    Scenario scenario = Scenario.load(file);

    assertThat(scenario.attacks())
        .containsExactly(
            AttackSpec.of(
                "a",
                ThreatClass.CREDENTIAL_STUFFING,
                Variant.SLOW_AND_LOW,
                Duration.ofMinutes(1),
                Duration.ofSeconds(90)));
    assertThat(scenario.surges()).isEmpty();
    assertThat(scenario.random()).isEmpty();
  }

  @Test
  void shouldNameTheEntryWhenScenarioIsInvalid() {
    assertThatThrownBy(
            () ->
                Scenario.parse(
                    """
                    {"attacks": [{"name": "x", "class": "ddos", "start": "1s", "duration": "1s",
                                  "tagret": "GET /search"}]}""",
                    "typo.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("typo.json")
        .hasMessageContaining("attacks[0]")
        .hasMessageContaining("unknown key 'tagret'");
    assertThatThrownBy(
            () ->
                Scenario.parse(
                    """
                    {"attacks": [{"name": "x", "class": "phishing", "start": "1s",
                                  "duration": "1s"}]}""",
                    "class.json"))
        .hasMessageContaining("attacks[0] (x)")
        .hasMessageContaining("unknown class 'phishing'");
    assertThatThrownBy(
            () ->
                Scenario.parse(
                    """
                    {"surges": [{"name": "s", "service": "catalog", "start": "soon",
                                 "duration": "1m", "factor": 2}]}""",
                    "surge.json"))
        .hasMessageContaining("surges[0] (s)")
        .hasMessageContaining("not a duration: 'soon'");
    assertThatThrownBy(() -> Scenario.parse("{\"attacks\": [", "broken.json"))
        .hasMessageContaining("broken.json: not valid JSON");
    assertThatThrownBy(
            () ->
                Scenario.parse(
                    """
                    {"attacks": [
                      {"name": "x", "class": "ddos", "start": "1s", "duration": "1s"},
                      {"name": "x", "class": "scraping", "start": "1s", "duration": "1s"}]}""",
                    "dup.json"))
        .hasMessageContaining("duplicate attack or surge name 'x'");
  }

  @Test
  void shouldKeepSurgesWhenAttacksAreDropped() {
    Scenario demo = Scenario.demo();

    Scenario quiet = demo.withoutAttacks();

    assertThat(quiet.attacks()).isEmpty();
    assertThat(quiet.surges()).isEqualTo(demo.surges());
  }

  @Test
  void shouldParseHumanAndIsoDurationsWhenGiven() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.format(Duration.ofSeconds(3_725).plusMillis(5))).isEqualTo("1h2m5s5ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThatThrownBy(() -> Durations.parse("5 minutes"))
        .hasMessageContaining("not a duration: '5 minutes'");
    assertThatThrownBy(() -> Durations.parse("")).isInstanceOf(IllegalArgumentException.class);
  }
}
