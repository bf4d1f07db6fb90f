package io.vigil.responders.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.analytics.Anomaly;
import io.vigil.analytics.EntityType;
import io.vigil.common.ThreatClass;
import io.vigil.ops.FirewallAction;
import io.vigil.ops.FirewallAudit;
import io.vigil.ops.FirewallAuditOutcome;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.FirewallDecisionKind;
import io.vigil.ops.FirewallDecisionOrigin;
import io.vigil.ops.FirewallScope;
import io.vigil.responders.FirewallResponder;
import io.vigil.responders.firewall.FirewallConfig;
import io.vigil.responders.firewall.FirewallPolicy;
import io.vigil.responders.kafka.FirewallHandler.FirewallTopics;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The firewall responder's wiring rules, without Kafka. */
class FirewallHandlerTest extends HandlerTestSupport {

  private final FirewallTopics topics = FirewallResponder.TopicNames.defaults().resolve(catalog);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final FirewallHandler handler =
      new FirewallHandler(new FirewallPolicy(FirewallConfig.defaults()), topics, clock, meters);

  @Test
  void shouldDecideAtTheDetectionTimeWhenTheAnomalyIsFresh() {
    // Given an anomaly detected 30 s ago
    Anomaly a = anomaly("a1", "203.0.113.7", NOW.minusSeconds(30));

    // When it is handled
    Recorder out = handle(a);

    // Then the block is issued at the detection time, to commands and decisions alike
    FirewallCommand c = out.values(topics.commands()).get(0);
    assertThat(c.getOccurredAt()).isEqualTo(NOW.minusSeconds(30));
    assertThat(c.getExpiresAt()).isEqualTo(NOW.minusSeconds(30).plus(Duration.ofMinutes(15)));
    assertThat(c.getOrigin()).isEqualTo(FirewallDecisionOrigin.POLICY);
    assertThat(out.on(topics.decisions()))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.key()).isEqualTo("ip:203.0.113.7");
              assertThat(s.value()).isEqualTo(c);
            });
    assertThat(out.on(topics.commands()).get(0).key()).isEqualTo("203.0.113.7");
  }

  @Test
  void shouldAuditStaleWithoutDecidingWhenTheWindowEndedTooLongAgoByTheWallClock() {
    // Given an anomaly detected an hour ago, replayed after an outage (max age 15m)
    Anomaly a = anomaly("a1", "203.0.113.7", NOW.minus(Duration.ofHours(1)));

    // When it is handled now
    Recorder out = handle(a);

    // Then it is not acted on: one STALE audit
    assertThat(out.values(topics.commands())).isEmpty();
    assertThat(out.values(topics.audit()))
        .extracting(FirewallAudit::getOutcome)
        .containsExactly(FirewallAuditOutcome.STALE);
  }

  @Test
  void shouldPublishTheLiftAndDeleteTheDecisionKeyWhenAnOperatorDecisionExpires() {
    // Given an operator's one-second rate limit
    FirewallCommand request = request(FirewallAction.RATE_LIMIT, "198.51.100.9", 1_000L, 2.0);
    Recorder added = new Recorder();
    handler.begin();
    handler.onRecord(record(topics.requests(), "ip:198.51.100.9", request), added);
    handler.committed();
    assertThat(added.values(topics.audit()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getOutcome()).isEqualTo(FirewallAuditOutcome.MANUAL_ADDED);
              assertThat(a.getRequestId()).isEqualTo(request.getEventId());
            });
    assertThat(added.values(topics.commands()).get(0).getRequestedBy()).isEqualTo("alice");

    // When a tick runs after its expiry
    Recorder out = new Recorder();
    handler.begin();
    handler.onTick(NOW.plusSeconds(2), out);
    handler.committed();

    // Then UNBLOCK goes out, and the target's key is deleted from the decisions topic after it
    assertThat(out.values(topics.commands()))
        .extracting(FirewallCommand::getAction, FirewallCommand::getKind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                FirewallAction.UNBLOCK, FirewallDecisionKind.LIFTED));
    assertThat(out.on(topics.decisions()))
        .extracting(Sent::key)
        .containsExactly("ip:198.51.100.9", "ip:198.51.100.9");
    assertThat(out.on(topics.decisions()).get(1).value()).isNull();
    assertThat(handler.state().history()).isEmpty();
  }

  @Test
  void shouldAnswerRejectedWhenAnOperatorRequestCannotBeTaken() {
    // Given a request naming a malformed address
    FirewallCommand request = request(FirewallAction.BLOCK, "not-an-ip", 60_000L, null);

    // When it is handled
    Recorder out = new Recorder();
    handler.begin();
    handler.onRecord(record(topics.requests(), "ip:not-an-ip", request), out);

    // Then the operator gets a REJECTED answer and nothing is decided
    assertThat(out.values(topics.commands())).isEmpty();
    assertThat(out.values(topics.audit()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getOutcome()).isEqualTo(FirewallAuditOutcome.REJECTED);
              assertThat(a.getRequestId()).isEqualTo(request.getEventId());
              assertThat(a.getMessage()).contains("alice").contains("not-an-ip");
            });
  }

  @Test
  void shouldForgetTheTransactionsDecisionsWhenItAborts() {
    // Given a decision handled in a transaction
    Recorder out = new Recorder();
    handler.begin();
    handler.onRecord(
        record(topics.anomalies(), "203.0.113.7", anomaly("a1", "203.0.113.7", NOW)), out);
    assertThat(out.values(topics.commands())).hasSize(1);

    // When the transaction aborts
    handler.aborted();

    // Then the committed state is unchanged and nothing was counted
    assertThat(handler.state().active()).isEmpty();
    assertThat(meters.find("vigil.firewall.decisions").counter()).isNull();
    // And the retry decides the same again
    Recorder retry = new Recorder();
    handler.begin();
    handler.onRecord(
        record(topics.anomalies(), "203.0.113.7", anomaly("a1", "203.0.113.7", NOW)), retry);
    handler.committed();
    assertThat(retry.values(topics.commands()).get(0).getCommandId())
        .isEqualTo(out.values(topics.commands()).get(0).getCommandId());
    assertThat(handler.state().active()).hasSize(1);
    assertThat(meters.find("vigil.firewall.decisions").counter().count()).isEqualTo(1);
  }

  @Test
  void shouldRejectAsInvalidWhenTheEntityTypeIsUnknown() {
    // Given an anomaly whose entity type this reader does not know
    Anomaly a =
        Anomaly.newBuilder(anomaly("a1", "203.0.113.7", NOW))
            .setEntityType(EntityType.UNKNOWN)
            .build();

    // When / Then it is invalid input, bound for the dead-letter queue
    handler.begin();
    assertThatThrownBy(() -> handler.onRecord(record(topics.anomalies(), "x", a), new Recorder()))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("entityType UNKNOWN");
    assertThatThrownBy(
            () ->
                handler.onRecord(
                    new org.apache.kafka.clients.consumer.ConsumerRecord<>(
                        topics.anomalies().name(), 0, 9L, new byte[0], new byte[] {1, 2, 3}),
                    new Recorder()))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("does not decode");
  }

  private Recorder handle(Anomaly a) {
    Recorder out = new Recorder();
    handler.begin();
    handler.onRecord(record(topics.anomalies(), a.getEntity(), a), out);
    handler.committed();
    return out;
  }

  private static Anomaly anomaly(String id, String ip, Instant at) {
    return Anomaly.newBuilder()
        .setEventId(id)
        .setOccurredAt(at)
        .setEntityType(EntityType.CLIENT_IP)
        .setEntity(ip)
        .setScore(95)
        .setThreatClass(ThreatClass.DDOS)
        .setConfidence(0.9)
        .setModelVersion("test@1")
        .setWindowStart(at.minusSeconds(11))
        .setWindowEnd(at.minusSeconds(1))
        .build();
  }

  private static FirewallCommand request(
      FirewallAction action, String target, Long ttlMs, Double rate) {
    return FirewallCommand.newBuilder()
        .setEventId("request-" + target)
        .setOccurredAt(NOW)
        .setCommandId("request-" + target)
        .setAction(action)
        .setScope(FirewallScope.IP)
        .setTarget(target)
        .setRate(rate)
        .setTtlMs(ttlMs)
        .setReason("operator test")
        .setEvidence(io.vigil.ops.Evidence.newBuilder().build())
        .setEnforced(true)
        .setOrigin(FirewallDecisionOrigin.OPERATOR)
        .setRequestedBy("alice")
        .build();
  }
}
