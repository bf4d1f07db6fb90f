package io.vigil.responders.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.analytics.Anomaly;
import io.vigil.analytics.EntityType;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.FirewallDecisionKind;
import io.vigil.ops.FirewallDecisionOrigin;
import io.vigil.ops.FirewallScope;
import io.vigil.responders.firewall.AnomalySignal;
import io.vigil.responders.firewall.DecisionKind;
import io.vigil.responders.firewall.Evidence;
import io.vigil.responders.firewall.FirewallAction;
import io.vigil.responders.firewall.FirewallDecision;
import io.vigil.responders.firewall.Scope;
import io.vigil.responders.firewall.ThreatClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Avro mapping keeps everything the policy's restore needs. */
class FirewallRecordsTest {

  private static final Instant T = Instant.parse("2026-03-01T12:00:00.123Z");

  @Test
  void shouldRestoreTheSameDecisionWhenACommandIsReadBack() {
    // Given an escalated decision with its history and evidence
    FirewallDecision d =
        new FirewallDecision(
            "id-2",
            DecisionKind.EXTENDED,
            FirewallAction.BLOCK,
            Scope.IP,
            "203.0.113.7",
            null,
            T,
            T.plus(Duration.ofHours(1)),
            2,
            List.of(T.minus(Duration.ofHours(3)), T.minusSeconds(60)),
            5,
            true,
            "id-1",
            FirewallAction.RATE_LIMIT,
            ThreatClass.DDOS,
            "escalated",
            List.of(
                new Evidence("a1", ThreatClass.SCRAPING, 70, 0.8, T.minusSeconds(61)),
                new Evidence("a2", ThreatClass.DDOS, 95, 0.9, T.minusSeconds(1))));

    // When it is published and read back
    FirewallCommand c = FirewallRecords.command(d, FirewallDecisionOrigin.POLICY, null);
    FirewallDecision back = FirewallRecords.decision(c);

    // Then nothing is lost, and the command carries the fields actuators need
    assertThat(back).isEqualTo(d);
    assertThat(c.getEventId()).isEqualTo("id-2");
    assertThat(c.getTtlMs()).isEqualTo(Duration.ofHours(1).toMillis());
    assertThat(c.getEscalationLevel()).isEqualTo(1);
    assertThat(c.getPreviousAction()).isEqualTo(io.vigil.ops.FirewallAction.RATE_LIMIT);
    assertThat(c.getEvidence().getAnomalyIds()).containsExactly("a1", "a2");
    assertThat(c.getEvidence().getScores()).containsExactly(70.0, 95.0);
  }

  @Test
  void shouldReadACommandWrittenBeforeTheRestoreFieldsExistedAsNewOrLifted() {
    // Given commands as the 0.1.0 schema wrote them: no kind, no per-anomaly evidence
    FirewallCommand block =
        FirewallCommand.newBuilder()
            .setEventId("e1")
            .setOccurredAt(T)
            .setCommandId("c1")
            .setAction(io.vigil.ops.FirewallAction.BLOCK)
            .setScope(FirewallScope.TOKEN)
            .setTarget("tok-1")
            .setRate(null)
            .setTtlMs(60_000L)
            .setReason("old")
            .setEvidence(
                io.vigil.ops.Evidence.newBuilder()
                    .setAnomalyIds(List.of("a1"))
                    .setScores(List.of(80.0))
                    .build())
            .setKind(FirewallDecisionKind.UNKNOWN)
            .build();

    // When they are read
    FirewallCommand revoke =
        FirewallCommand.newBuilder(block)
            .setAction(io.vigil.ops.FirewallAction.REVOKE_TOKEN)
            .build();
    FirewallDecision d = FirewallRecords.decision(revoke);

    // Then an enforcing action is a NEW decision, expiry from the TTL, TOKEN a principal
    assertThat(d.kind()).isEqualTo(DecisionKind.NEW);
    assertThat(d.scope()).isEqualTo(Scope.PRINCIPAL);
    assertThat(d.expiresAt()).isEqualTo(T.plusSeconds(60));
    assertThat(d.evidence()).singleElement().satisfies(e -> assertThat(e.windowEnd()).isEqualTo(T));
    // And a BLOCK cannot target a principal: rejected, not guessed
    assertThatThrownBy(() -> FirewallRecords.decision(block))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not apply to scope PRINCIPAL");
  }

  @Test
  void shouldMapAnAnomalyAndRejectOnesThePolicyCannotTake() {
    Anomaly a =
        Anomaly.newBuilder()
            .setEventId("a1")
            .setOccurredAt(T)
            .setEntityType(EntityType.EDGE)
            .setEntity("web->db")
            .setScore(88)
            .setThreatClass(io.vigil.common.ThreatClass.LATERAL_MOVEMENT)
            .setConfidence(0.85)
            .setModelVersion("m@1")
            .setWindowStart(T.minusSeconds(10))
            .setWindowEnd(T)
            .build();

    AnomalySignal s = FirewallRecords.signal(a);

    assertThat(s)
        .isEqualTo(
            new AnomalySignal(
                "a1",
                io.vigil.responders.firewall.EntityType.EDGE,
                "web->db",
                88,
                ThreatClass.LATERAL_MOVEMENT,
                0.85,
                T));
    assertThatThrownBy(() -> FirewallRecords.signal(Anomaly.newBuilder(a).setScore(-1).build()))
        .hasMessageContaining("score must be within 0..100");
    assertThatThrownBy(
            () -> FirewallRecords.signal(Anomaly.newBuilder(a).setConfidence(1.5).build()))
        .hasMessageContaining("confidence");
    assertThatThrownBy(() -> FirewallRecords.signal(Anomaly.newBuilder(a).setEntity(" ").build()))
        .hasMessageContaining("entity must not be blank");
  }
}
