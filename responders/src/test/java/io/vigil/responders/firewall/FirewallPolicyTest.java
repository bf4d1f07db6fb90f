package io.vigil.responders.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class FirewallPolicyTest extends FirewallTestBase {

  @Nested
  @DisplayName("escalation ladder")
  class Escalation {

    @ParameterizedTest(name = "offence {0} lasts {1}")
    @CsvSource({"1, PT15M", "2, PT1H", "3, PT4H", "4, PT24H", "5, PT24H", "6, PT24H"})
    void shouldUseTheLadderRungWhenTheTargetReoffends(int offence, Duration expectedTtl) {
      // Given a look-back long enough to count every offence of the script
      Run run = new Run(policy("escalation.lookback=30d"));
      Instant now = T0;
      FirewallDecision decision = null;
      // When the same IP offends again each time its previous decision has expired
      for (int i = 1; i <= offence; i++) {
        run.apply(ddos(ATTACKER, now), now);
        decision = run.only();
        now = decision.expiresAt();
        run.tick(now);
        now = now.plusSeconds(30);
      }
      // Then the n-th decision is NEW, counts as offence n and lasts the n-th rung
      assertThat(decision.kind()).isEqualTo(DecisionKind.NEW);
      assertThat(decision.offence()).isEqualTo(offence);
      assertThat(decision.escalationLevel()).isEqualTo(offence - 1);
      assertThat(decision.ttl()).isEqualTo(expectedTtl);
      assertThat(decision.reason()).contains("offence " + offence);
    }

    @ParameterizedTest(name = "second offence {0} after the first: offence {1}, ttl {2}")
    @CsvSource({"PT23H, 2, PT1H", "PT24H, 1, PT15M", "PT25H, 1, PT15M"})
    void shouldNotCountOffencesWhenTheyAreOutsideTheLookback(
        Duration gap, int expectedOffence, Duration expectedTtl) {
      // Given a first offence at T0 and the default 24 h look-back
      Run run = new Run(policy());
      run.apply(ddos(ATTACKER, T0), T0);
      run.tick(minutes(15));
      // When the IP offends again after the gap
      Instant later = T0.plus(gap);
      run.apply(ddos(ATTACKER, later), later);
      // Then only offences within the look-back count
      assertThat(run.only().offence()).isEqualTo(expectedOffence);
      assertThat(run.only().ttl()).isEqualTo(expectedTtl);
    }

    @Test
    void shouldUseTheClassLadderWhenTheClassOverridesIt() {
      Run run = new Run(policy("class.ddos.durations=1h,1d"));
      run.apply(ddos(ATTACKER, T0), T0);
      assertThat(run.only().ttl()).isEqualTo(Duration.ofHours(1));
      run.tick(minutes(60));
      run.apply(ddos(ATTACKER, minutes(61)), minutes(61));
      assertThat(run.only().ttl()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void shouldKeepTheOffenceHistoryInEveryDecisionWhenIssued() {
      Run run = new Run(policy());
      run.apply(ddos(ATTACKER, T0), T0);
      run.tick(minutes(15));
      run.apply(ddos(ATTACKER, minutes(20)), minutes(20));
      assertThat(run.only().offenceHistory()).containsExactly(T0, minutes(20));
    }
  }

  @Nested
  @DisplayName("allow-list")
  class AllowListVeto {

    static Stream<Arguments> vetoedTargets() {
      return Stream.of(
          Arguments.of(
              EntityType.CLIENT_IP,
              "10.20.30.40",
              ThreatClass.DDOS,
              "vigil.firewall.allow.cidrs: 10.0.0.0/8"),
          Arguments.of(
              EntityType.CLIENT_IP,
              "2001:db8:42::17",
              ThreatClass.DDOS,
              "vigil.firewall.allow.cidrs: 2001:db8::/32"),
          Arguments.of(
              EntityType.CLIENT_IP,
              "::ffff:10.0.0.9",
              ThreatClass.SCRAPING,
              "vigil.firewall.allow.cidrs: 10.0.0.0/8"),
          Arguments.of(
              EntityType.CLIENT_IP,
              "127.0.0.1",
              ThreatClass.CREDENTIAL_STUFFING,
              "vigil.firewall.allow.cidrs: 127.0.0.0/8"),
          Arguments.of(
              EntityType.PRINCIPAL,
              "svc-backup",
              ThreatClass.EXFILTRATION,
              "vigil.firewall.allow.principals: svc-backup"),
          Arguments.of(
              EntityType.EDGE,
              "orders->payments",
              ThreatClass.LATERAL_MOVEMENT,
              "vigil.firewall.allow.services: payments"),
          Arguments.of(
              EntityType.EDGE,
              "payments->ledger",
              ThreatClass.LATERAL_MOVEMENT,
              "vigil.firewall.allow.services: payments"));
    }

    @ParameterizedTest(name = "{1} ({2}) vetoed by {3}")
    @MethodSource("vetoedTargets")
    void shouldVetoAndAuditTheRuleWhenTheTargetIsAllowListed(
        EntityType type, String entity, ThreatClass threatClass, String rule) {
      // Given an allow-list of IPv4 and IPv6 ranges, a principal and a service
      Run run =
          new Run(
              policy(
                  "allow.cidrs=127.0.0.0/8, 10.0.0.0/8, 2001:db8::/32",
                  "allow.principals=svc-backup",
                  "allow.services=payments"));
      // When an anomaly that would otherwise decide targets them
      run.apply(anomaly(type, entity, threatClass, 99, 0.99, T0), T0);
      // Then there is no decision and the audit record names the vetoing rule
      assertThat(run.last.decisions()).isEmpty();
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.VETOED);
      assertThat(run.audit().rule()).isEqualTo(rule);
      assertThat(run.audit().message()).contains("allow-listed");
      assertThat(run.state.active()).isEmpty();
    }

    @Test
    void shouldVetoIsolationWhenTheServiceIsAllowListed() {
      Run run = new Run(policy("allow.services=payments", "class.lateral_movement.scope=service"));
      run.apply(
          anomaly(EntityType.SERVICE, "payments", ThreatClass.LATERAL_MOVEMENT, 99, 0.99, T0), T0);
      assertThat(run.last.decisions()).isEmpty();
      assertThat(run.audit().rule()).isEqualTo("vigil.firewall.allow.services: payments");
    }

    @Test
    void shouldVetoANetworkBlockWhenItOverlapsAnAllowedRange() {
      // 192.0.2.0/24 around the attacker contains the allow-listed 192.0.2.10/32
      Run run = new Run(policy("allow.cidrs=192.0.2.10/32", "class.ddos.scope=cidr"));
      run.apply(ddos("192.0.2.99", T0), T0);
      assertThat(run.last.decisions()).isEmpty();
      assertThat(run.audit().rule()).isEqualTo("vigil.firewall.allow.cidrs: 192.0.2.10/32");
    }

    @Test
    void shouldDecideWhenTheIpIsOutsideEveryAllowedRange() {
      Run run = new Run(policy("allow.cidrs=10.0.0.0/8, 2001:db8::/32"));
      run.apply(ddos("11.0.0.1", T0), T0);
      assertThat(run.only().target()).isEqualTo("11.0.0.1");
      run.apply(ddos("2001:db9::1", T0), T0);
      assertThat(run.only().target()).isEqualTo("2001:db9::1");
    }

    @Test
    void shouldLiftAnActiveDecisionWhenItsTargetIsAllowListedLater() {
      // Given a block issued under an old policy
      Run before = new Run(policy());
      before.apply(ddos(ATTACKER, T0), T0);
      FirewallDecision block = before.only();
      // When the allow-list now covers the target
      Run after = new Run(policy("allow.cidrs=203.0.113.0/24"), before.state);
      after.tick(minutes(1));
      // Then the block is lifted at once, saying why
      assertThat(after.only().action()).isEqualTo(FirewallAction.UNBLOCK);
      assertThat(after.only().supersedes()).isEqualTo(block.id());
      assertThat(after.audit().outcome()).isEqualTo(AuditOutcome.LIFTED_ALLOW_LISTED);
      assertThat(after.audit().rule()).isEqualTo("vigil.firewall.allow.cidrs: 203.0.113.0/24");
    }
  }

  @Nested
  @DisplayName("blast-radius cap")
  class BlastRadius {

    @Test
    void shouldCapTheNewDecisionWhenTheMinuteQuotaIsUsed() {
      // Given a cap of 3 new decisions per rolling minute, used up within 20 s
      Run run = new Run(policy("max-new-decisions-per-minute=3"));
      run.apply(ddos("198.51.100.1", seconds(0)), seconds(0));
      run.apply(ddos("198.51.100.2", seconds(10)), seconds(10));
      run.apply(ddos("198.51.100.3", seconds(20)), seconds(20));
      // When a fourth target offends within the same minute
      run.apply(ddos("198.51.100.4", seconds(30)), seconds(30));
      // Then no decision: a CAPPED audit record naming the cap
      assertThat(run.last.decisions()).isEmpty();
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.CAPPED);
      assertThat(run.audit().rule()).isEqualTo("vigil.firewall.max-new-decisions-per-minute=3");
      assertThat(run.audit().key()).isEqualTo(new DecisionKey(Scope.IP, "198.51.100.4"));
      assertThat(run.state.active()).hasSize(3);
    }

    @Test
    void shouldAllowANewDecisionWhenTheMinuteHasPassed() {
      Run run = new Run(policy("max-new-decisions-per-minute=3"));
      run.apply(ddos("198.51.100.1", seconds(0)), seconds(0));
      run.apply(ddos("198.51.100.2", seconds(10)), seconds(10));
      run.apply(ddos("198.51.100.3", seconds(20)), seconds(20));
      run.apply(ddos("198.51.100.4", seconds(59)), seconds(59));
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.CAPPED);
      // The first decision (t=0) leaves the rolling minute after t=60
      run.apply(ddos("198.51.100.4", seconds(61)), seconds(61));
      assertThat(run.only().kind()).isEqualTo(DecisionKind.NEW);
      assertThat(run.only().target()).isEqualTo("198.51.100.4");
    }

    @Test
    void shouldNotCountMergesAgainstTheCapWhenTargetsAreAlreadyDecided() {
      // Given the quota used up by two targets
      Run run = new Run(policy("max-new-decisions-per-minute=2", "merge.min-extension=0s"));
      run.apply(ddos("198.51.100.1", seconds(0)), seconds(0));
      run.apply(scraping("198.51.100.2", seconds(1)), seconds(1));
      // When both targets offend again within the minute
      run.apply(ddos("198.51.100.1", seconds(10)), seconds(10));
      FirewallDecision extended = run.only();
      run.apply(ddos("198.51.100.2", seconds(11)), seconds(11));
      FirewallDecision escalated = run.only();
      // Then they merge (extend / escalate), and are not capped
      assertThat(extended.kind()).isEqualTo(DecisionKind.EXTENDED);
      assertThat(escalated.kind()).isEqualTo(DecisionKind.EXTENDED);
      assertThat(escalated.action()).isEqualTo(FirewallAction.BLOCK);
      assertThat(run.audits).extracting(FirewallAudit::outcome).doesNotContain(AuditOutcome.CAPPED);
      // And a third target is still capped: merges used no quota, but the quota is spent
      run.apply(ddos("198.51.100.3", seconds(12)), seconds(12));
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.CAPPED);
    }
  }

  @Nested
  @DisplayName("thresholds")
  class Thresholds {

    @ParameterizedTest(name = "{0} score {1} confidence {2} -> {3}")
    @CsvSource({
      "DDOS,                80,   0.70, DECIDED",
      "DDOS,                79.9, 0.99, BELOW_THRESHOLD",
      "DDOS,                99,   0.69, BELOW_THRESHOLD",
      "CREDENTIAL_STUFFING, 70,   0.60, DECIDED",
      "CREDENTIAL_STUFFING, 69,   0.90, BELOW_THRESHOLD",
      "SCRAPING,            60,   0.60, DECIDED",
      "SCRAPING,            60,   0.59, BELOW_THRESHOLD",
    })
    void shouldDecideOnlyWhenScoreAndConfidenceReachTheClassMinimums(
        ThreatClass threatClass, double score, double confidence, AuditOutcome expected) {
      Run run = new Run(policy());
      run.apply(anomaly(EntityType.CLIENT_IP, ATTACKER, threatClass, score, confidence, T0), T0);
      assertThat(run.audit().outcome()).isEqualTo(expected);
      assertThat(run.last.decisions()).hasSize(expected == AuditOutcome.DECIDED ? 1 : 0);
    }

    @Test
    void shouldNameTheThresholdKeyWhenBelowIt() {
      Run run = new Run(policy("class.exfiltration.min-confidence=0.9"));
      run.apply(
          anomaly(EntityType.PRINCIPAL, "mallory", ThreatClass.EXFILTRATION, 99, 0.8, T0), T0);
      assertThat(run.audit().rule())
          .isEqualTo("vigil.firewall.class.exfiltration.min-confidence=0.90");
      assertThat(run.audit().message()).isEqualTo("confidence 0.80 below 0.90");
    }

    @ParameterizedTest
    @EnumSource(EntityType.class)
    void shouldNeverDecideWhenTheClassIsNone(EntityType type) {
      Run run = new Run(policy());
      String entity =
          type == EntityType.CLIENT_IP ? ATTACKER : type == EntityType.EDGE ? "a->b" : "x";
      run.apply(anomaly(type, entity, ThreatClass.NONE, 100, 1.0, T0), T0);
      assertThat(run.last.decisions()).isEmpty();
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.NO_THREAT);
    }

    @Test
    void shouldNotDecideWhenTheClassIsDisabled() {
      Run run = new Run(policy("class.scraping.enabled=false"));
      run.apply(scraping(ATTACKER, T0), T0);
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.CLASS_DISABLED);
      assertThat(run.audit().rule()).isEqualTo("vigil.firewall.class.scraping.enabled=false");
    }

    @Test
    void shouldNotDecideWhenTheAnomalyIsStale() {
      Run run = new Run(policy("max-anomaly-age=10m"));
      run.apply(ddos(ATTACKER, T0), minutes(11));
      assertThat(run.last.decisions()).isEmpty();
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.STALE);
    }

    @Test
    void shouldNotDecideWhenTheEntityDoesNotFitTheScope() {
      // ddos blocks IPs; a ddos anomaly on a service entity cannot become an IP block
      Run run = new Run(policy());
      run.apply(anomaly(EntityType.SERVICE, "checkout", ThreatClass.DDOS, 99, 0.99, T0), T0);
      assertThat(run.last.decisions()).isEmpty();
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.UNMAPPABLE);
      assertThat(run.audit().message())
          .isEqualTo("scope ip needs a client_ip entity, got service 'checkout'");
    }
  }

  @Nested
  @DisplayName("actions and scopes")
  class ActionsAndScopes {

    static Stream<Arguments> classes() {
      return Stream.of(
          Arguments.of(
              ThreatClass.DDOS,
              EntityType.CLIENT_IP,
              "2001:DB8:0:0::1",
              FirewallAction.BLOCK,
              Scope.IP,
              "2001:db8::1",
              FirewallAction.UNBLOCK),
          Arguments.of(
              ThreatClass.CREDENTIAL_STUFFING,
              EntityType.CLIENT_IP,
              "::ffff:192.0.2.1",
              FirewallAction.BLOCK,
              Scope.IP,
              "192.0.2.1",
              FirewallAction.UNBLOCK),
          Arguments.of(
              ThreatClass.SCRAPING,
              EntityType.CLIENT_IP,
              ATTACKER,
              FirewallAction.RATE_LIMIT,
              Scope.IP,
              ATTACKER,
              FirewallAction.UNBLOCK),
          Arguments.of(
              ThreatClass.LATERAL_MOVEMENT,
              EntityType.EDGE,
              " orders -> inventory ",
              FirewallAction.ISOLATE,
              Scope.EDGE,
              "orders->inventory",
              FirewallAction.RESTORE),
          Arguments.of(
              ThreatClass.EXFILTRATION,
              EntityType.PRINCIPAL,
              "token-42",
              FirewallAction.REVOKE_TOKEN,
              Scope.PRINCIPAL,
              "token-42",
              FirewallAction.RESTORE));
    }

    @ParameterizedTest(name = "{0} on {2} -> {3} {4}:{5}, lifted by {6}")
    @MethodSource("classes")
    void shouldMapEachClassToItsActionAndLiftWhenItExpires(
        ThreatClass threatClass,
        EntityType type,
        String entity,
        FirewallAction action,
        Scope scope,
        String target,
        FirewallAction lifting) {
      Run run = new Run(policy());
      run.apply(anomaly(type, entity, threatClass, 99, 0.99, T0), T0);
      FirewallDecision d = run.only();
      assertThat(d.action()).isEqualTo(action);
      assertThat(d.key()).isEqualTo(new DecisionKey(scope, target));
      assertThat(d.threatClass()).isEqualTo(threatClass);
      assertThat(d.evidence()).extracting(Evidence::score).containsExactly(99.0);

      run.tick(d.expiresAt());
      assertThat(run.only().action()).isEqualTo(lifting);
      assertThat(run.only().previousAction()).isEqualTo(action);
    }

    @Test
    void shouldCarryTheRateWhenRateLimiting() {
      Run run = new Run(policy("class.scraping.rate=2.5"));
      run.apply(scraping(ATTACKER, T0), T0);
      assertThat(run.only().ratePerSecond()).isEqualTo(2.5);
      assertThat(run.only().reason()).contains("rate_limit to 2.50/s ip:" + ATTACKER);
    }

    @ParameterizedTest(name = "{0} with prefixes /{1} and /{2} -> {3}")
    @CsvSource({
      "203.0.113.77,    24, 64, 203.0.113.0/24",
      "203.0.113.77,    30, 64, 203.0.113.76/30",
      "2001:db8:1:2::9, 24, 64, 2001:db8:1:2::/64",
      "2001:db8:1:2::9, 24, 48, 2001:db8:1::/48",
    })
    void shouldBlockTheEnclosingNetworkWhenTheScopeIsCidr(
        String ip, int v4, int v6, String expected) {
      Run run =
          new Run(
              policy(
                  "class.ddos.scope=cidr",
                  "class.ddos.cidr-prefix.ipv4=" + v4,
                  "class.ddos.cidr-prefix.ipv6=" + v6));
      run.apply(ddos(ip, T0), T0);
      assertThat(run.only().key()).isEqualTo(new DecisionKey(Scope.CIDR, expected));
    }
  }

  @Nested
  @DisplayName("merge")
  class Merge {

    @Test
    void shouldExtendTheActiveDecisionWhenTheSameTargetOffendsAgain() {
      // Given a 15 min block at T0
      Run run = new Run(policy());
      AnomalySignal first = ddos(ATTACKER, T0);
      run.apply(first, T0);
      FirewallDecision block = run.only();
      // When the IP is anomalous again 5 minutes later
      AnomalySignal second = ddos(ATTACKER, minutes(5));
      run.apply(second, minutes(5));
      // Then one active decision, extended to now + 15 min, with both anomalies as evidence
      FirewallDecision extended = run.only();
      assertThat(extended.kind()).isEqualTo(DecisionKind.EXTENDED);
      assertThat(extended.supersedes()).isEqualTo(block.id());
      assertThat(extended.previousAction()).isEqualTo(FirewallAction.BLOCK);
      assertThat(extended.expiresAt()).isEqualTo(minutes(20));
      assertThat(extended.offence()).isEqualTo(1);
      assertThat(extended.sequence()).isEqualTo(block.sequence() + 1);
      assertThat(extended.anomalyIds()).containsExactly(first.anomalyId(), second.anomalyId());
      assertThat(extended.scores()).containsExactly(95.0, 95.0);
      assertThat(run.state.active()).containsOnlyKeys(block.key());
      assertThat(run.state.active().get(block.key())).isEqualTo(extended);
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.EXTENDED);
    }

    @Test
    void shouldAbsorbTheAnomalyWhenTheExtensionIsBelowTheMinimum() {
      // Given a block at T0 and the default 1 min minimum extension
      Run run = new Run(policy());
      run.apply(ddos(ATTACKER, T0), T0);
      FirewallDecision block = run.only();
      // When the IP is anomalous again 30 s later (expiry would move by 30 s)
      AnomalySignal again = ddos(ATTACKER, seconds(30));
      run.apply(again, seconds(30));
      // Then nothing is published, but the evidence is kept
      assertThat(run.last.decisions()).isEmpty();
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.ABSORBED);
      FirewallDecision active = run.state.active().get(block.key());
      assertThat(active.id()).isEqualTo(block.id());
      assertThat(active.expiresAt()).isEqualTo(block.expiresAt());
      assertThat(active.anomalyIds()).endsWith(again.anomalyId());
      // And the next extension of at least a minute publishes it with all the evidence
      run.apply(ddos(ATTACKER, seconds(90)), seconds(90));
      assertThat(run.only().anomalyIds()).hasSize(3);
    }

    @Test
    void shouldEscalateTheActionWhenAStrongerClassHitsTheTarget() {
      // Given a rate limit for scraping
      Run run = new Run(policy());
      run.apply(scraping(ATTACKER, T0), T0);
      FirewallDecision limit = run.only();
      // When the same IP is classified ddos
      run.apply(ddos(ATTACKER, seconds(10)), seconds(10));
      // Then the decision is replaced by a block on the same target, which undoes the limit
      FirewallDecision block = run.only();
      assertThat(block.kind()).isEqualTo(DecisionKind.EXTENDED);
      assertThat(block.action()).isEqualTo(FirewallAction.BLOCK);
      assertThat(block.ratePerSecond()).isNull();
      assertThat(block.previousAction()).isEqualTo(FirewallAction.RATE_LIMIT);
      assertThat(block.supersedes()).isEqualTo(limit.id());
      assertThat(block.threatClass()).isEqualTo(ThreatClass.DDOS);
      assertThat(run.state.active()).hasSize(1);
    }

    @Test
    void shouldKeepTheStrongerActionWhenAWeakerClassHitsTheTarget() {
      Run run = new Run(policy("merge.min-extension=0s"));
      run.apply(ddos(ATTACKER, T0), T0);
      run.apply(scraping(ATTACKER, minutes(2)), minutes(2));
      assertThat(run.only().action()).isEqualTo(FirewallAction.BLOCK);
      assertThat(run.only().threatClass()).isEqualTo(ThreatClass.DDOS);
    }

    @Test
    void shouldNeverShortenTheDecisionWhenMerging() {
      // A 15 min block is not shortened by a scraping anomaly whose rung is only 1 min
      Run run = new Run(policy("class.scraping.durations=1m", "merge.min-extension=0s"));
      run.apply(ddos(ATTACKER, T0), T0);
      FirewallDecision block = run.only();
      run.apply(scraping(ATTACKER, minutes(1)), minutes(1));
      assertThat(run.last.decisions()).isEmpty();
      assertThat(run.state.active().get(block.key()).expiresAt()).isEqualTo(block.expiresAt());
    }

    @Test
    void shouldIgnoreTheAnomalyWhenItIsRedelivered() {
      Run run = new Run(policy("merge.min-extension=0s"));
      AnomalySignal a = ddos(ATTACKER, T0);
      run.apply(a, T0);
      run.apply(a, minutes(3));
      assertThat(run.last.decisions()).isEmpty();
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.DUPLICATE);
    }

    @Test
    void shouldKeepTheMostRecentEvidenceWhenItExceedsTheLimit() {
      Run run = new Run(policy("merge.min-extension=0s"));
      AnomalySignal last = null;
      for (int i = 0; i < FirewallDecision.MAX_EVIDENCE + 5; i++) {
        last = ddos(ATTACKER, seconds(i));
        run.apply(last, seconds(i));
      }
      FirewallDecision active = run.state.activeDecisions().get(0);
      assertThat(active.evidence()).hasSize(FirewallDecision.MAX_EVIDENCE);
      assertThat(active.anomalyIds()).endsWith(last.anomalyId());
    }

    @Test
    void shouldLiftAndDecideAnewWhenTheActiveDecisionExpiredWithoutATick() {
      Run run = new Run(policy());
      run.apply(ddos(ATTACKER, T0), T0);
      FirewallDecision block = run.only();
      run.apply(ddos(ATTACKER, minutes(16)), minutes(16));
      assertThat(run.last.decisions())
          .extracting(FirewallDecision::kind, FirewallDecision::action)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(DecisionKind.LIFTED, FirewallAction.UNBLOCK),
              org.assertj.core.groups.Tuple.tuple(DecisionKind.NEW, FirewallAction.BLOCK));
      assertThat(run.last.decisions().get(0).supersedes()).isEqualTo(block.id());
      assertThat(run.last.decisions().get(1).offence()).isEqualTo(2);
      assertThat(run.last.audits())
          .extracting(FirewallAudit::outcome)
          .containsExactly(AuditOutcome.EXPIRED, AuditOutcome.DECIDED);
    }
  }

  @Nested
  @DisplayName("expiry")
  class Expiry {

    @Test
    void shouldLiftExactlyOnceWhenTheTtlHasPassed() {
      Run run = new Run(policy());
      run.apply(ddos(ATTACKER, T0), T0);
      FirewallDecision block = run.only();

      run.tick(minutes(14));
      assertThat(run.last.decisions()).isEmpty();

      run.tick(minutes(15));
      FirewallDecision unblock = run.only();
      assertThat(unblock.kind()).isEqualTo(DecisionKind.LIFTED);
      assertThat(unblock.action()).isEqualTo(FirewallAction.UNBLOCK);
      assertThat(unblock.key()).isEqualTo(block.key());
      assertThat(unblock.supersedes()).isEqualTo(block.id());
      assertThat(unblock.ttl()).isZero();
      assertThat(unblock.reason()).contains("expired at " + block.expiresAt());
      assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.EXPIRED);
      assertThat(run.state.active()).isEmpty();

      run.tick(minutes(15));
      run.tick(minutes(60));
      assertThat(run.published).filteredOn(d -> d.kind() == DecisionKind.LIFTED).hasSize(1);
    }

    @Test
    void shouldLiftInExpiryOrderWhenSeveralExpireInOneTick() {
      Run run = new Run(policy());
      run.apply(scraping(OTHER_ATTACKER, T0), T0);
      run.apply(ddos(ATTACKER, minutes(-5)), minutes(-5));
      run.tick(minutes(30));
      assertThat(run.last.decisions())
          .extracting(FirewallDecision::target)
          .containsExactly(ATTACKER, OTHER_ATTACKER);
    }

    @Test
    void shouldForgetTheTargetWhenItsOffencesLeaveTheLookback() {
      Run run = new Run(policy());
      run.apply(ddos(ATTACKER, T0), T0);
      run.tick(minutes(15));
      assertThat(run.state.history()).hasSize(1);
      run.tick(T0.plus(Duration.ofHours(25)));
      assertThat(run.state.history()).isEmpty();
      assertThat(run.state.recentNewDecisions()).isEmpty();
    }
  }

  @Nested
  @DisplayName("dry-run")
  class DryRun {

    @Test
    void shouldMarkEveryDecisionNotEnforcedWhenDryRun() {
      Run run = new Run(policy("dry-run=true", "merge.min-extension=0s"));
      run.apply(ddos(ATTACKER, T0), T0);
      run.apply(ddos(ATTACKER, minutes(5)), minutes(5));
      run.tick(minutes(60));
      assertThat(run.published)
          .extracting(FirewallDecision::kind)
          .containsExactly(DecisionKind.NEW, DecisionKind.EXTENDED, DecisionKind.LIFTED);
      assertThat(run.published).allSatisfy(d -> assertThat(d.enforced()).isFalse());
      assertThat(run.published.get(0).reason()).endsWith("[dry-run]");
    }

    @Test
    void shouldEnforceWhenNotDryRun() {
      Run run = new Run(policy());
      run.apply(ddos(ATTACKER, T0), T0);
      assertThat(run.only().enforced()).isTrue();
    }
  }

  @Nested
  @DisplayName("deterministic ids")
  class Ids {

    @Test
    void shouldIssueTheSameIdsWhenTheSameInputsAreReplayed() {
      AnomalySignal a = ddos(ATTACKER, T0);
      AnomalySignal b = ddos(ATTACKER, minutes(5));
      Run one = new Run(policy());
      Run two = new Run(policy());
      for (Run run : new Run[] {one, two}) {
        run.apply(a, T0);
        run.apply(b, minutes(5));
        run.tick(minutes(30));
      }
      assertThat(one.published).hasSize(3);
      assertThat(one.published)
          .extracting(FirewallDecision::id)
          .containsExactlyElementsOf(two.published.stream().map(FirewallDecision::id).toList());
      assertThat(one.published).extracting(FirewallDecision::id).doesNotHaveDuplicates();
      assertThat(UUID.fromString(one.published.get(0).id()).version()).isEqualTo(3);
      assertThat(one.published.get(0).id())
          .isEqualTo(DecisionIds.of(Scope.IP, ATTACKER, FirewallAction.BLOCK, 1, a.anomalyId()));
    }

    @Test
    void shouldIssueDifferentIdsWhenTheCauseDiffers() {
      Run one = new Run(policy());
      Run two = new Run(policy());
      one.apply(ddos(ATTACKER, T0), T0);
      two.apply(ddos(ATTACKER, T0), T0);
      assertThat(one.only().id()).isNotEqualTo(two.only().id());
    }
  }

  @Nested
  @DisplayName("operator decisions")
  class Operator {

    @Test
    void shouldAddAndDeleteADecisionWhenTheOperatorAsks() {
      FirewallPolicy policy = policy();
      FirewallResult added =
          policy.add(
              FirewallState.empty(),
              new ManualDecision(
                  Scope.CIDR,
                  "198.51.100.0/24",
                  FirewallAction.BLOCK,
                  null,
                  Duration.ofHours(2),
                  "abuse report 1234"),
              T0);
      FirewallDecision d = added.decisions().get(0);
      assertThat(d.kind()).isEqualTo(DecisionKind.NEW);
      assertThat(d.offence()).isZero();
      assertThat(d.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
      assertThat(d.reason()).contains("abuse report 1234");
      assertThat(added.audits().get(0).outcome()).isEqualTo(AuditOutcome.MANUAL_ADDED);

      FirewallResult deleted =
          policy.delete(
              added.state(), Scope.CIDR, "198.51.100.0/24", "false positive", minutes(10));
      assertThat(deleted.decisions())
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.action()).isEqualTo(FirewallAction.UNBLOCK);
                assertThat(l.supersedes()).isEqualTo(d.id());
              });
      assertThat(deleted.state().active()).isEmpty();

      FirewallResult again =
          policy.delete(deleted.state(), Scope.CIDR, "198.51.100.0/24", "again", minutes(11));
      assertThat(again.decisions()).isEmpty();
      assertThat(again.audits().get(0).outcome()).isEqualTo(AuditOutcome.NOT_FOUND);
    }

    @Test
    void shouldVetoTheOperatorDecisionWhenTheTargetIsAllowListed() {
      FirewallResult r =
          policy()
              .add(
                  FirewallState.empty(),
                  new ManualDecision(
                      Scope.IP,
                      "127.0.0.1",
                      FirewallAction.BLOCK,
                      null,
                      Duration.ofHours(1),
                      "oops"),
                  T0);
      assertThat(r.decisions()).isEmpty();
      assertThat(r.audits().get(0).rule()).isEqualTo("vigil.firewall.allow.cidrs: 127.0.0.0/8");
    }

    @Test
    void shouldReplaceTheActiveDecisionWhenTheOperatorAddsOneOnTheSameTarget() {
      Run run = new Run(policy());
      run.apply(scraping(ATTACKER, T0), T0);
      FirewallDecision limit = run.only();
      run.record(
          run.policy.add(
              run.state,
              new ManualDecision(
                  Scope.IP,
                  ATTACKER,
                  FirewallAction.BLOCK,
                  null,
                  Duration.ofDays(1),
                  "confirmed attacker"),
              minutes(1)));
      assertThat(run.only().kind()).isEqualTo(DecisionKind.EXTENDED);
      assertThat(run.only().supersedes()).isEqualTo(limit.id());
      assertThat(run.state.active()).hasSize(1);
    }
  }
}
