package io.vigil.responders.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.Counter;
import io.vigil.devstack.StackEndpoints;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.ScalingCommand;
import io.vigil.responders.RunningComponent;
import io.vigil.responders.actuator.ActuatorOptions;
import io.vigil.responders.actuator.KubernetesActuator;
import io.vigil.responders.firewall.FirewallAction;
import io.vigil.responders.firewall.Scope;
import io.vigil.responders.kafka.DeadLetters;
import io.vigil.schemas.catalog.Topic;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The Kubernetes actuator between the embedded stack and fabric8's mock API server in CRUD mode
 * (plain HTTP: no certificate to generate).
 */
@VigilStack
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesActuatorIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NAMESPACE = "shop";

  /** One mock API server (CRUD) for the class; tests use their own object names. */
  static KubernetesClient client;

  private final List<RunningComponent> started = new ArrayList<>();
  private StackKafka kafka;
  private ActuatorOptions options;
  private Topic<String, FirewallCommand> firewall;
  private Topic<String, ScalingCommand> scaling;
  private String name;

  @BeforeEach
  void setUp(StackEndpoints stack, TestInfo info) {
    kafka = new StackKafka(stack);
    name = TestNames.unique(info);
    options =
        ActuatorOptions.defaults()
            .withTopics(name + ".firewall", name + ".scaling")
            .withGroupIdPrefix(name + "-")
            .withHttpPort(-1);
    firewall =
        io.vigil.responders.kafka.Topics.renamed(
            kafka.catalog().firewallCommands(), name + ".firewall");
    scaling =
        io.vigil.responders.kafka.Topics.renamed(
            kafka.catalog().scalingCommands(), name + ".scaling");
  }

  @AfterEach
  void tearDown() {
    started.forEach(RunningComponent::close);
    kafka.close();
  }

  @Test
  void shouldScaleIsolateAndRestoreOnceWhenCommandsArriveIncludingRepeats() {
    // Given a Deployment with 2 replicas and a running actuator
    client.apps().deployments().inNamespace(NAMESPACE).resource(deployment("checkout", 2)).create();
    RunningComponent actuator = start(options.withGroupIdPrefix(name + "-first-"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    // When the same scaling command arrives twice, and one for a Deployment that does not exist
    ScalingCommand scale = TestCommands.scale("scale-1", "checkout", 2, 5, now, true);
    kafka.produce(scaling, "checkout", scale);
    kafka.produce(scaling, "checkout", scale);
    kafka.produce(scaling, "ghost", TestCommands.scale("scale-2", "ghost", 1, 3, now, true));

    // Then the Deployment is scaled once, with the command recorded on it
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Deployment d = deployment("checkout");
              assertThat(d.getSpec().getReplicas()).isEqualTo(5);
              assertThat(d.getMetadata().getAnnotations())
                  .containsEntry(KubernetesActuator.SCALING_ID, "scale-1");
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(count(actuator, "applied", "scaled")).isEqualTo(1);
              assertThat(count(actuator, "skipped", "duplicate")).isEqualTo(1);
              assertThat(count(actuator, "failed", "rejected")).isEqualTo(1);
            });
    assertThat(kafka.readRaw(scaling.dlq()))
        .singleElement()
        .satisfies(
            r ->
                assertThat(DeadLetters.header(r.headers(), DeadLetters.ERROR_MESSAGE))
                    .contains("Deployment shop/ghost not found"));

    // When a service and an edge are isolated
    FirewallCommand isolate =
        TestCommands.enforce(
            FirewallAction.ISOLATE, Scope.SERVICE, "payments", null, now, Duration.ofHours(1));
    FirewallCommand edge =
        TestCommands.enforce(
            FirewallAction.ISOLATE, Scope.EDGE, "web->ledger", null, now, Duration.ofHours(1));
    kafka.produce(firewall, isolate.getTarget(), isolate);
    kafka.produce(firewall, edge.getTarget(), edge);

    // Then NetworkPolicies deny all traffic of the service, and the caller's traffic to the callee
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              NetworkPolicy svc = policy("vigil-isolate-payments");
              assertThat(svc).isNotNull();
              assertThat(svc.getSpec().getPodSelector().getMatchLabels())
                  .containsEntry("app", "payments");
              assertThat(svc.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
              assertThat(svc.getSpec().getIngress()).isEmpty();
              assertThat(svc.getMetadata().getAnnotations())
                  .containsEntry(KubernetesActuator.COMMAND_ID, isolate.getCommandId());
              NetworkPolicy e = policy("vigil-isolate-web-to-ledger");
              assertThat(e).isNotNull();
              assertThat(e.getSpec().getPodSelector().getMatchLabels())
                  .containsEntry("app", "ledger");
              var from = e.getSpec().getIngress().get(0).getFrom().get(0);
              assertThat(from.getPodSelector().getMatchExpressions().get(0).getOperator())
                  .isEqualTo("NotIn");
              assertThat(from.getPodSelector().getMatchExpressions().get(0).getValues())
                  .containsExactly("web");
            });

    // When the service's isolation is lifted
    FirewallCommand restore = TestCommands.lift(isolate, now.plusSeconds(60));
    kafka.produce(firewall, restore.getTarget(), restore);

    // Then its NetworkPolicy is gone, the edge's stays
    await().atMost(WAIT).untilAsserted(() -> assertThat(policy("vigil-isolate-payments")).isNull());
    assertThat(policy("vigil-isolate-web-to-ledger")).isNotNull();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(count(actuator, "applied", "isolated")).isEqualTo(2);
              assertThat(count(actuator, "applied", "restored")).isEqualTo(1);
            });
    assertThat(actuator.health().up()).isTrue();
  }

  @Test
  void shouldSkipACommandRecordedOnTheDeploymentWhenAFreshActuatorReadsItAgain() {
    // Given a scale applied by a first actuator
    client.apps().deployments().inNamespace(NAMESPACE).resource(deployment("cart", 3)).create();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    kafka.produce(scaling, "cart", TestCommands.scale("cart-1", "cart", 3, 6, now, true));
    RunningComponent first = start(options.withGroupIdPrefix(name + "-first-"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(count(first, "applied", "scaled")).isEqualTo(1));
    // And an operator scaling the Deployment by hand afterwards
    client
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .withName("cart")
        .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(4).endSpec().build());

    // When another actuator (no memory, no offsets) reads the same command again
    RunningComponent second = start(options.withGroupIdPrefix(name + "-second-"));

    // Then the annotation on the Deployment makes it skip: the hand-made change stands
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(count(second, "skipped", "already_applied")).isEqualTo(1));
    assertThat(deployment("cart").getSpec().getReplicas()).isEqualTo(4);
    assertThat(count(second, "applied", "scaled")).isZero();
  }

  @Test
  void shouldDeadLetterUndecodableCommandsAndSkipDryRunOnesWhenTheyArrive() {
    // Given a running actuator
    RunningComponent actuator = start(options);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    // When a command does not decode, and a forecast-only recommendation arrives
    kafka.produceRaw(
        scaling.name(),
        "x".getBytes(StandardCharsets.UTF_8),
        "garbage".getBytes(StandardCharsets.UTF_8));
    kafka.produce(scaling, "cart", TestCommands.scale("dry-1", "cart", 1, 9, now, false));

    // Then the first goes to the DLQ, the second is skipped, and the actuator keeps running
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(count(actuator, "failed", "invalid_record")).isEqualTo(1);
              assertThat(count(actuator, "skipped", "not_enforced")).isEqualTo(1);
            });
    assertThat(kafka.readRaw(scaling.dlq())).hasSize(1);
    assertThat(actuator.health().up()).isTrue();
  }

  private RunningComponent start(ActuatorOptions o) {
    RunningComponent c =
        KubernetesActuator.start(
            kafka.config(),
            o,
            new KubernetesActuator.Options(NAMESPACE, "{service}", "app"),
            client,
            () -> {});
    started.add(c);
    return c;
  }

  private Deployment deployment(String n) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(n).get();
  }

  private NetworkPolicy policy(String n) {
    return client.network().v1().networkPolicies().inNamespace(NAMESPACE).withName(n).get();
  }

  private static Deployment deployment(String n, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(n)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", n)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", n)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(n)
        .withImage("example/" + n + ":1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static double count(RunningComponent c, String result, String reason) {
    Counter counter =
        c.metrics()
            .find("vigil.actuator.commands")
            .tags("result", result, "reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
