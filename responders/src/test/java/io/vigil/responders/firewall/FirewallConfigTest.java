package io.vigil.responders.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.responders.config.ConfigException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FirewallConfigTest {

  @Test
  void shouldUseTheDocumentedDefaultsWhenTheFileIsEmpty() {
    FirewallConfig c = FirewallConfig.defaults();
    assertThat(c.dryRun()).isFalse();
    assertThat(c.maxNewDecisionsPerMinute()).isEqualTo(20);
    assertThat(c.lookback()).isEqualTo(Duration.ofHours(24));
    assertThat(c.mergeMinExtension()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.maxAnomalyAge()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.allowList().cidrs())
        .extracting(Cidr::toString)
        .containsExactly("127.0.0.0/8", "::1/128");
    ClassPolicy ddos = c.classPolicy(ThreatClass.DDOS);
    assertThat(ddos.action()).isEqualTo(FirewallAction.BLOCK);
    assertThat(ddos.scope()).isEqualTo(Scope.IP);
    assertThat(ddos.minScore()).isEqualTo(80);
    assertThat(ddos.minConfidence()).isEqualTo(0.7);
    assertThat(ddos.durations())
        .containsExactly(
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24));
    assertThat(c.classPolicy(ThreatClass.SCRAPING).ratePerSecond()).isEqualTo(5.0);
    assertThat(c.classPolicy(ThreatClass.LATERAL_MOVEMENT).scope()).isEqualTo(Scope.EDGE);
    assertThat(c.classPolicy(ThreatClass.EXFILTRATION).action())
        .isEqualTo(FirewallAction.REVOKE_TOKEN);
  }

  @Test
  void shouldReadAFileWhenItIsValid() throws Exception {
    String file =
        String.join(
            "\n",
            "# firewall policy",
            "vigil.kafka.bootstrap.servers=localhost:9092",
            "vigil.firewall.dry-run=TRUE",
            "vigil.firewall.escalation.durations=PT10M, 2h, 1d",
            "vigil.firewall.allow.cidrs=10.0.0.0/8, fd00::/8",
            "vigil.firewall.allow.principals=svc-backup, svc-batch",
            "vigil.firewall.class.credential_stuffing.action=RATE-LIMIT",
            "vigil.firewall.class.credential_stuffing.rate=0.5",
            "vigil.firewall.class.exfiltration.scope=principal");
    FirewallConfig c = FirewallConfig.load(new StringReader(file));
    assertThat(c.dryRun()).isTrue();
    assertThat(c.classPolicy(ThreatClass.DDOS).durations())
        .containsExactly(Duration.ofMinutes(10), Duration.ofHours(2), Duration.ofDays(1));
    assertThat(c.allowList().principals()).containsExactlyInAnyOrder("svc-backup", "svc-batch");
    assertThat(c.classPolicy(ThreatClass.CREDENTIAL_STUFFING).action())
        .isEqualTo(FirewallAction.RATE_LIMIT);
    assertThat(c.classPolicy(ThreatClass.CREDENTIAL_STUFFING).ratePerSecond()).isEqualTo(0.5);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "dryrun=true | vigil.firewall.dryrun: unknown key (did you mean vigil.firewall.dry-run?)",
        "dry-run=yes | vigil.firewall.dry-run: expected true or false, got 'yes'",
        "max-new-decisions-per-minute=0 | vigil.firewall.max-new-decisions-per-minute: must be"
            + " between 1 and 100000, got 0",
        "escalation.durations=1h,15m | vigil.firewall.escalation.durations: must not decrease"
            + " (repeat offenders never get shorter decisions), got 1h,15m",
        "escalation.durations=15x | vigil.firewall.escalation.durations: expected a duration"
            + " such as 15s, 15m, 4h, 7d or PT15M, got '15x'",
        "escalation.durations= | vigil.firewall.escalation.durations: needs at least one duration",
        "escalation.lookback=0s | vigil.firewall.escalation.lookback: must be between 1s and"
            + " 365d, got 0s",
        "allow.cidrs=10.0.0.1/8 | vigil.firewall.allow.cidrs: host bits set in '10.0.0.1/8';"
            + " did you mean 10.0.0.0/8?",
        "class.ddos.min-score=101 | vigil.firewall.class.ddos.min-score: must be between 0 and"
            + " 100, got 101",
        "class.ddos.min-confidence=1.5 | vigil.firewall.class.ddos.min-confidence: must be"
            + " between 0 and 1, got 1.5",
        "class.ddos.scope=service | vigil.firewall.class.ddos.scope: action block applies to"
            + " scopes [ip, cidr], not service",
        "class.ddos.action=explode | vigil.firewall.class.ddos.action: expected one of [block,"
            + " rate_limit, isolate, revoke_token], got 'explode'",
        "class.ddos.action=unblock | vigil.firewall.class.ddos.action: expected one of [block,"
            + " rate_limit, isolate, revoke_token], got 'unblock'",
        "class.ddos.rate=5 | vigil.firewall.class.ddos.rate: only valid with action rate_limit,"
            + " but the action is block",
        "class.ddos.action=rate_limit | vigil.firewall.class.ddos.rate: required when action is"
            + " rate_limit (requests per second, > 0)",
        "class.scraping.rate=0 | vigil.firewall.class.scraping.rate: must be a positive number of"
            + " requests per second, got 0",
        "class.ddos.cidr-prefix.ipv4=8 | vigil.firewall.class.ddos.cidr-prefix.ipv4: must be"
            + " between 16 and 32, got 8",
        "class.ddoss.action=block | vigil.firewall.class.ddoss.action: unknown threat class"
            + " 'ddoss'; known: ddos, credential_stuffing, scraping, lateral_movement,"
            + " exfiltration",
        "class.none.enabled=true | vigil.firewall.class.none.enabled: class none never produces"
            + " a decision and takes no settings",
        "class.ddos.ttl=1h | vigil.firewall.class.ddos.ttl: unknown class property 'ttl'; known:"
            + " [enabled, action, scope, min-score, min-confidence, durations, rate,"
            + " cidr-prefix.ipv4, cidr-prefix.ipv6]",
      })
  void shouldNameTheKeyWhenAValueIsInvalid(String setting, String problem) {
    assertThatThrownBy(() -> FirewallTestBase.config(setting))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.problems()).containsExactly(problem));
  }

  @Test
  void shouldReportEveryProblemWhenSeveralKeysAreInvalid() {
    assertThatThrownBy(
            () ->
                FirewallTestBase.config(
                    "dry-run=maybe", "class.scraping.min-score=-1", "allow.cidrs=nonsense"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("invalid firewall policy configuration (3 problems):")
        .hasMessageContaining("vigil.firewall.dry-run")
        .hasMessageContaining("vigil.firewall.class.scraping.min-score")
        .hasMessageContaining("vigil.firewall.allow.cidrs");
  }

  @Test
  void shouldIgnoreKeysOfOtherComponentsWhenReading() {
    FirewallConfig c =
        FirewallTestBase.config("vigil.kafka.bootstrap.servers=x:1", "vigil.scaling.services=a");
    assertThat(c.dryRun()).isFalse();
  }

  @Test
  void shouldDocumentEveryGlobalKeyWithAParsableDefault() {
    List<String> names = FirewallConfig.documentation().stream().map(k -> k.name()).toList();
    assertThat(names)
        .contains(
            "vigil.firewall.dry-run",
            "vigil.firewall.max-new-decisions-per-minute",
            "vigil.firewall.escalation.durations",
            "vigil.firewall.class.<class>.min-score");
  }
}
