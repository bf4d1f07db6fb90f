package io.vigil.responders.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Restart behaviour: the state rebuilt from the compacted decisions topic causes no storm. */
class FirewallRestoreTest extends FirewallTestBase {

  /** What a compacted topic keyed by (scope, target) keeps: the latest decision per key. */
  static List<FirewallDecision> compacted(List<FirewallDecision> log) {
    Map<DecisionKey, FirewallDecision> latest = new LinkedHashMap<>();
    for (FirewallDecision d : log) {
      latest.put(d.key(), d);
    }
    return new ArrayList<>(latest.values());
  }

  @Test
  void shouldEmitNoBlockOrUnblockWhenRestoredAndReplayed() {
    // Given a responder that decided on several targets, one extended and one already lifted
    String[] settings = {"merge.min-extension=0s", "max-anomaly-age=1h"};
    Run before = new Run(policy(settings));
    AnomalySignal a1 = ddos(ATTACKER, T0);
    AnomalySignal a2 = scraping(OTHER_ATTACKER, seconds(10));
    AnomalySignal a3 =
        anomaly(
            EntityType.EDGE,
            "orders->inventory",
            ThreatClass.LATERAL_MOVEMENT,
            95,
            0.95,
            seconds(20));
    AnomalySignal a4 = ddos(ATTACKER, minutes(3));
    AnomalySignal a5 =
        anomaly(EntityType.PRINCIPAL, "mallory", ThreatClass.EXFILTRATION, 90, 0.9, minutes(4));
    List<AnomalySignal> inputs = List.of(a1, a2, a3, a4, a5);
    Instant[] times = {T0, seconds(10), seconds(20), minutes(3), minutes(4)};
    for (int i = 0; i < inputs.size(); i++) {
      before.apply(inputs.get(i), times[i]);
    }
    before.tick(seconds(915)); // the scraping rate limit (15 min from 0:10) expires
    assertThat(before.published)
        .extracting(FirewallDecision::kind)
        .containsExactly(
            DecisionKind.NEW,
            DecisionKind.NEW,
            DecisionKind.NEW,
            DecisionKind.EXTENDED,
            DecisionKind.NEW,
            DecisionKind.LIFTED);
    Instant restart = seconds(916);

    // When it restarts from the compacted decisions topic
    FirewallPolicy policy = policy(settings);
    FirewallState restored = policy.restore(compacted(before.published));

    // Then the active decisions are exactly those that were active
    assertThat(restored.activeDecisions()).isEqualTo(before.state.activeDecisions());
    assertThat(restored.active()).hasSize(3);

    // And a tick before any expiry lifts nothing: no unblock storm
    Run after = new Run(policy, restored);
    after.tick(restart);
    assertThat(after.published).isEmpty();

    // And replaying every input (the lifted target's included) issues no block: redeliveries
    for (AnomalySignal a : inputs) {
      after.apply(a, restart);
    }
    assertThat(after.published).isEmpty();
    assertThat(after.audits)
        .extracting(FirewallAudit::outcome)
        .containsOnly(AuditOutcome.DUPLICATE);

    // And every active decision is lifted exactly once when it expires
    after.tick(minutes(24 * 60));
    assertThat(after.published).hasSize(3);
    assertThat(after.published).allMatch(d -> d.kind() == DecisionKind.LIFTED);
    assertThat(after.published).extracting(FirewallDecision::key).doesNotHaveDuplicates();
    after.tick(minutes(25 * 60));
    assertThat(after.published).hasSize(3);
  }

  @Test
  void shouldRecogniseARedeliveryWhenItsDecisionWasAlreadyLifted() {
    Run run = new Run(policy("max-anomaly-age=1h"));
    AnomalySignal a = ddos(ATTACKER, T0);
    run.apply(a, T0);
    run.tick(minutes(15));
    run.apply(a, minutes(20));
    assertThat(run.last.decisions()).isEmpty();
    assertThat(run.audit().outcome()).isEqualTo(AuditOutcome.DUPLICATE);
  }

  @Test
  void shouldKeepEscalatingWhenRestoredFromTheTopic() {
    // Given a first offence that was lifted before the restart
    Run before = new Run(policy());
    before.apply(ddos(ATTACKER, T0), T0);
    before.tick(minutes(15));
    FirewallState restored = policy().restore(compacted(before.published));
    // When the IP offends again after the restart
    Run after = new Run(policy(), restored);
    after.apply(ddos(ATTACKER, minutes(30)), minutes(30));
    // Then it is a second offence, as without the restart
    assertThat(after.only().offence()).isEqualTo(2);
    assertThat(after.only().sequence()).isEqualTo(3);
  }

  @Test
  void shouldLiftOnceWhenADecisionExpiredDuringTheOutage() {
    Run before = new Run(policy());
    before.apply(ddos(ATTACKER, T0), T0);
    FirewallState restored = policy().restore(compacted(before.published));
    Run after = new Run(policy(), restored);
    after.tick(minutes(60));
    after.tick(minutes(61));
    assertThat(after.published)
        .singleElement()
        .satisfies(d -> assertThat(d.action()).isEqualTo(FirewallAction.UNBLOCK));
  }

  @Test
  void shouldUseTheHighestSequenceWhenSeveralDecisionsOfATargetAreGiven() {
    Run before = new Run(policy("merge.min-extension=0s"));
    before.apply(ddos(ATTACKER, T0), T0);
    before.apply(ddos(ATTACKER, minutes(2)), minutes(2));
    FirewallState restored = policy().restore(before.published);
    assertThat(restored.activeDecisions())
        .singleElement()
        .satisfies(d -> assertThat(d.kind()).isEqualTo(DecisionKind.EXTENDED));
  }

  @Test
  void shouldRoundTripTheStateWhenSerialized() throws Exception {
    Run run = new Run(policy());
    run.apply(ddos(ATTACKER, T0), T0);
    run.apply(scraping("2001:db8::1", T0), T0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(run.state);
    }
    Object copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }
    assertThat(copy).isEqualTo(run.state);
  }
}
