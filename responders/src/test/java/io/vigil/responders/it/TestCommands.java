package io.vigil.responders.it;

import io.vigil.ops.FirewallCommand;
import io.vigil.ops.FirewallDecisionOrigin;
import io.vigil.ops.ScalingCommand;
import io.vigil.responders.firewall.DecisionIds;
import io.vigil.responders.firewall.DecisionKind;
import io.vigil.responders.firewall.Evidence;
import io.vigil.responders.firewall.FirewallAction;
import io.vigil.responders.firewall.FirewallDecision;
import io.vigil.responders.firewall.Scope;
import io.vigil.responders.firewall.ThreatClass;
import io.vigil.responders.kafka.FirewallRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Commands as the responders publish them, for actuator tests. */
public final class TestCommands {

  private TestCommands() {}

  /** A NEW enforcing decision on a target, issued at {@code at} for {@code ttl}. */
  public static FirewallCommand enforce(
      FirewallAction action, Scope scope, String target, Double rate, Instant at, Duration ttl) {
    String id = DecisionIds.of(scope, target, action, 1, "anomaly-" + target);
    return FirewallRecords.command(
        new FirewallDecision(
            id,
            DecisionKind.NEW,
            action,
            scope,
            target,
            rate,
            at,
            at.plus(ttl),
            1,
            List.of(at),
            1,
            true,
            null,
            null,
            ThreatClass.DDOS,
            "test " + action + " " + target,
            List.of(new Evidence("anomaly-" + target, ThreatClass.DDOS, 95, 0.9, at))),
        FirewallDecisionOrigin.POLICY,
        null);
  }

  /** An EXTENDED decision replacing {@code previous} with {@code action}. */
  public static FirewallCommand extend(
      FirewallCommand previous, FirewallAction action, Double rate, Instant at, Duration ttl) {
    Scope scope = FirewallRecords.scope(previous.getScope());
    String id = DecisionIds.of(scope, previous.getTarget(), action, 2, "anomaly-2");
    return FirewallRecords.command(
        new FirewallDecision(
            id,
            DecisionKind.EXTENDED,
            action,
            scope,
            previous.getTarget(),
            rate,
            at,
            at.plus(ttl),
            1,
            List.of(at),
            2,
            true,
            previous.getCommandId(),
            FirewallRecords.action(previous.getAction()),
            ThreatClass.DDOS,
            "test escalation",
            List.of()),
        FirewallDecisionOrigin.POLICY,
        null);
  }

  /** The lift (UNBLOCK or RESTORE) of {@code lifted} at {@code at}. */
  public static FirewallCommand lift(FirewallCommand lifted, Instant at) {
    FirewallAction action = FirewallRecords.action(lifted.getAction());
    Scope scope = FirewallRecords.scope(lifted.getScope());
    FirewallAction lifting = action.lifting();
    String id =
        DecisionIds.of(
            scope, lifted.getTarget(), lifting, lifted.getSequence() + 1, lifted.getCommandId());
    return FirewallRecords.command(
        new FirewallDecision(
            id,
            DecisionKind.LIFTED,
            lifting,
            scope,
            lifted.getTarget(),
            null,
            at,
            at,
            1,
            List.of(),
            lifted.getSequence() + 1,
            true,
            lifted.getCommandId(),
            action,
            ThreatClass.DDOS,
            "expired",
            List.of()),
        FirewallDecisionOrigin.POLICY,
        null);
  }

  /** A scaling command. */
  public static ScalingCommand scale(
      String id, String service, int current, int desired, Instant at, boolean enforce) {
    return ScalingCommand.newBuilder()
        .setEventId(id)
        .setOccurredAt(at)
        .setCommandId(id)
        .setService(service)
        .setCurrentReplicas(current)
        .setDesiredReplicas(desired)
        .setReason("test: " + current + " -> " + desired)
        .setMode(enforce ? io.vigil.ops.ScalingMode.ENFORCE : io.vigil.ops.ScalingMode.DRY_RUN)
        .build();
  }
}
