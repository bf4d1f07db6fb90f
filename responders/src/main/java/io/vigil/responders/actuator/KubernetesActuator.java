package io.vigil.responders.actuator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.ops.FirewallAction;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.FirewallScope;
import io.vigil.ops.ScalingCommand;
import io.vigil.ops.ScalingMode;
import io.vigil.responders.ResponderSettings;
import io.vigil.responders.RunningComponent;
import io.vigil.schemas.catalog.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes actuator ({@code vigil actuators kubernetes}), with the fabric8 client:
 *
 * <ul>
 *   <li><b>ScalingCommand</b> (mode ENFORCE): sets the replicas of the service's Deployment ({@code
 *       vigil.actuators.kubernetes.deployment.name}, {@code {service}} by default) and, in the same
 *       API write, records the command id and time in annotations {@value #SCALING_ID} and {@value
 *       #SCALING_AT}. A command already recorded there is skipped ({@code already_applied}), and so
 *       is one older than the recorded one ({@code stale}: a replay must not undo a newer scale).
 *   <li><b>ISOLATE</b> of a service: a NetworkPolicy {@code vigil-isolate-<service>} selecting the
 *       service's pods ({@code <label>=<service>}) with no ingress or egress rule — all their
 *       traffic is denied. Of an edge {@code caller->callee}: a NetworkPolicy {@code
 *       vigil-isolate-<caller>-to-<callee>} on the callee's pods allowing ingress only from pods
 *       (any namespace) not labelled {@code <label>=<caller>}. NetworkPolicies only allow, so this
 *       cuts the caller off only if no other policy on the callee admits it (a CNI with deny rules,
 *       such as Cilium or Calico, is needed otherwise). The command id is recorded in annotation
 *       {@value #COMMAND_ID}; an EXTENDED isolation updates the annotations of the existing policy.
 *   <li><b>RESTORE</b> of an isolation: deletes that NetworkPolicy ({@code absent} if it is gone).
 *   <li>Everything else (BLOCK, RATE_LIMIT, UNBLOCK, REVOKE_TOKEN and its RESTORE) is for other
 *       actuators: skipped as {@code not_applicable}. Commands not enforced are skipped as {@code
 *       not_enforced}; in dry-run the change is logged and skipped as {@code dry_run}.
 * </ul>
 *
 * Kubernetes has no TTL: an isolation lasts until the responder's RESTORE; its expiry is recorded
 * in annotation {@value #EXPIRES_AT} for operators. API errors 409, 429, 5xx and connection
 * failures are retried; other errors (e.g. a missing Deployment) fail the command at once.
 */
public final class KubernetesActuator {

  /** Actuator name: thread, metrics, health; the consumer group is the prefix + kubernetes. */
  public static final String NAME = "kubernetes-actuator";

  /** Annotation: id of the last scaling command applied to a Deployment. */
  public static final String SCALING_ID = "vigil.io/scaling-command-id";

  /** Annotation: time of that command. */
  public static final String SCALING_AT = "vigil.io/scaling-command-at";

  /** Annotation: id of the firewall command that created or extended a NetworkPolicy. */
  public static final String COMMAND_ID = "vigil.io/command-id";

  /** Annotation: when the isolation is due to be lifted. */
  public static final String EXPIRES_AT = "vigil.io/expires-at";

  /** Label on every NetworkPolicy Vigil manages. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesActuator.class);
  private static final int MAX_NAME = 63;

  /**
   * Kubernetes settings.
   *
   * @param namespace namespace of the Deployments and NetworkPolicies
   * @param deploymentName Deployment of a service; {@code {service}} is replaced
   * @param serviceLabel pod label whose value is the service name
   */
  public record Options(String namespace, String deploymentName, String serviceLabel) {

    public Options {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(deploymentName, "deploymentName");
      Objects.requireNonNull(serviceLabel, "serviceLabel");
    }

    /** The options the settings describe. */
    public static Options from(ResponderSettings s) {
      return new Options(
          s.getString(ResponderSettings.K8S_NAMESPACE_CONFIG),
          s.getString(ResponderSettings.K8S_DEPLOYMENT_NAME_CONFIG),
          s.getString(ResponderSettings.K8S_SERVICE_LABEL_CONFIG));
    }
  }

  private final KubernetesClient client;
  private final Options k8s;
  private final boolean dryRun;

  /** An actuator acting through the client (not closed by it). */
  public KubernetesActuator(KubernetesClient client, Options k8s, boolean dryRun) {
    this.client = Objects.requireNonNull(client, "client");
    this.k8s = Objects.requireNonNull(k8s, "k8s");
    this.dryRun = dryRun;
  }

  /**
   * Starts the actuator with a client configured the usual way (in-cluster service account, or
   * {@code KUBECONFIG} / {@code ~/.kube/config}); the client is closed with the actuator.
   */
  public static RunningComponent start(VigilConfig config, ActuatorOptions options, Options k8s) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    try {
      return start(config, options, k8s, client, client);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * Starts the actuator on both command topics with the given client.
   *
   * @param resources closed when the actuator stops (the client, if the actuator owns it)
   */
  public static RunningComponent start(
      VigilConfig config,
      ActuatorOptions options,
      Options k8s,
      KubernetesClient client,
      AutoCloseable resources) {
    TopicCatalog catalog = TopicCatalog.from(config);
    var firewall = options.firewallTopic(catalog);
    var scaling = options.scalingTopic(catalog);
    options.ensureTopics(config, List.of(firewall, scaling));
    KubernetesActuator actuator = new KubernetesActuator(client, k8s, options.dryRun());
    return Actuator.start(
        options.settings(config, NAME, "kubernetes"),
        List.of(
            new Actuator.Route<>(scaling, ScalingCommand::getCommandId, actuator::scale),
            new Actuator.Route<>(firewall, FirewallCommand::getCommandId, actuator::isolate)),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        resources);
  }

  /** Applies a scaling command to the service's Deployment. */
  public Actuation scale(ScalingCommand c) throws ActuationException {
    if (c.getMode() != ScalingMode.ENFORCE) {
      return Actuation.skipped("not_enforced", "mode " + c.getMode());
    }
    String name = k8s.deploymentName().replace("{service}", c.getService());
    RollableScalableResource<Deployment> resource =
        client.apps().deployments().inNamespace(k8s.namespace()).withName(name);
    try {
      Deployment current = resource.get();
      if (current == null) {
        throw new ActuationException(
            "Deployment " + k8s.namespace() + "/" + name + " not found", false, null);
      }
      Map<String, String> annotations = current.getMetadata().getAnnotations();
      String appliedId = annotations == null ? null : annotations.get(SCALING_ID);
      String appliedAt = annotations == null ? null : annotations.get(SCALING_AT);
      if (c.getCommandId().equals(appliedId)) {
        return Actuation.skipped("already_applied", "recorded on " + name);
      }
      if (appliedAt != null && Instant.parse(appliedAt).isAfter(c.getOccurredAt())) {
        return Actuation.skipped(
            "stale", "a newer command (" + appliedAt + ") was applied to " + name);
      }
      String change =
          name
              + " replicas "
              + current.getSpec().getReplicas()
              + " -> "
              + c.getDesiredReplicas()
              + ": "
              + c.getReason();
      if (dryRun) {
        LOG.info("[dry-run] would scale {}", change);
        return Actuation.skipped("dry_run", change);
      }
      resource.edit(
          d ->
              new DeploymentBuilder(d)
                  .editMetadata()
                  .addToAnnotations(SCALING_ID, c.getCommandId())
                  .addToAnnotations(SCALING_AT, c.getOccurredAt().toString())
                  .endMetadata()
                  .editSpec()
                  .withReplicas(c.getDesiredReplicas())
                  .endSpec()
                  .build());
      return Actuation.applied("scaled", change);
    } catch (KubernetesClientException e) {
      throw failure("scale " + k8s.namespace() + "/" + name, e);
    }
  }

  /** Applies the isolation part of a firewall command. */
  public Actuation isolate(FirewallCommand c) throws ActuationException {
    FirewallScope scope = c.getScope();
    boolean isolation =
        c.getAction() == FirewallAction.ISOLATE
            || (c.getAction() == FirewallAction.RESTORE
                && c.getPreviousAction() == FirewallAction.ISOLATE);
    if (!isolation || (scope != FirewallScope.SERVICE && scope != FirewallScope.EDGE)) {
      return Actuation.skipped(
          "not_applicable",
          c.getAction() + " " + scope + ":" + c.getTarget() + " is not an isolation");
    }
    if (!c.getEnforced()) {
      return Actuation.skipped("not_enforced", "dry-run decision of the firewall policy");
    }
    String name = policyName(scope, c.getTarget());
    Resource<NetworkPolicy> resource =
        client.network().v1().networkPolicies().inNamespace(k8s.namespace()).withName(name);
    try {
      NetworkPolicy existing = resource.get();
      if (c.getAction() == FirewallAction.RESTORE) {
        if (existing == null) {
          return Actuation.skipped("absent", "NetworkPolicy " + name + " already gone");
        }
        if (dryRun) {
          LOG.info("[dry-run] would delete NetworkPolicy {}/{}", k8s.namespace(), name);
          return Actuation.skipped("dry_run", "delete " + name);
        }
        resource.delete();
        return Actuation.applied("restored", "deleted NetworkPolicy " + name);
      }
      if (existing != null) {
        Map<String, String> annotations = existing.getMetadata().getAnnotations();
        if (annotations != null && c.getCommandId().equals(annotations.get(COMMAND_ID))) {
          return Actuation.skipped("already_applied", "recorded on " + name);
        }
        if (dryRun) {
          LOG.info("[dry-run] would extend NetworkPolicy {}/{}", k8s.namespace(), name);
          return Actuation.skipped("dry_run", "extend " + name);
        }
        resource.edit(
            np ->
                new NetworkPolicyBuilder(np)
                    .editMetadata()
                    .addToAnnotations(COMMAND_ID, c.getCommandId())
                    .addToAnnotations(EXPIRES_AT, String.valueOf(c.getExpiresAt()))
                    .endMetadata()
                    .build());
        return Actuation.applied(
            "extended", "NetworkPolicy " + name + " until " + c.getExpiresAt());
      }
      NetworkPolicy policy = networkPolicy(name, scope, c);
      if (dryRun) {
        LOG.info("[dry-run] would create NetworkPolicy {}", policy);
        return Actuation.skipped("dry_run", "create " + name);
      }
      client
          .network()
          .v1()
          .networkPolicies()
          .inNamespace(k8s.namespace())
          .resource(policy)
          .create();
      return Actuation.applied("isolated", "created NetworkPolicy " + name + ": " + c.getReason());
    } catch (KubernetesClientException e) {
      throw failure(c.getAction() + " " + k8s.namespace() + "/" + name, e);
    }
  }

  /** Name of the NetworkPolicy isolating a service or an edge: a DNS label of at most 63. */
  public static String policyName(FirewallScope scope, String target) {
    String raw;
    if (scope == FirewallScope.EDGE) {
      int i = target.indexOf("->");
      raw = target.substring(0, i) + "-to-" + target.substring(i + 2);
    } else {
      raw = target;
    }
    String name = "vigil-isolate-" + dnsLabel(raw);
    if (name.length() > MAX_NAME) {
      String hash =
          UUID.nameUUIDFromBytes(target.getBytes(StandardCharsets.UTF_8))
              .toString()
              .substring(0, 8);
      name = name.substring(0, MAX_NAME - hash.length() - 1).replaceAll("-+$", "") + "-" + hash;
    }
    return name;
  }

  private NetworkPolicy networkPolicy(String name, FirewallScope scope, FirewallCommand c) {
    String label = k8s.serviceLabel();
    var builder =
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(k8s.namespace())
            .addToLabels(MANAGED_BY, "vigil")
            .addToAnnotations(COMMAND_ID, c.getCommandId())
            .addToAnnotations(EXPIRES_AT, String.valueOf(c.getExpiresAt()))
            .endMetadata();
    if (scope == FirewallScope.SERVICE) {
      return builder
          .withNewSpec()
          .withNewPodSelector()
          .addToMatchLabels(label, c.getTarget())
          .endPodSelector()
          .withPolicyTypes("Ingress", "Egress")
          .endSpec()
          .build();
    }
    int i = c.getTarget().indexOf("->");
    String caller = c.getTarget().substring(0, i);
    String callee = c.getTarget().substring(i + 2);
    return builder
        .withNewSpec()
        .withNewPodSelector()
        .addToMatchLabels(label, callee)
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .addNewFrom()
        .withNewNamespaceSelector()
        .endNamespaceSelector()
        .withNewPodSelector()
        .addNewMatchExpression()
        .withKey(label)
        .withOperator("NotIn")
        .withValues(caller)
        .endMatchExpression()
        .endPodSelector()
        .endFrom()
        .endIngress()
        .endSpec()
        .build();
  }

  private static ActuationException failure(String what, KubernetesClientException e) {
    int code = e.getCode();
    boolean retriable = code == 0 || code == 409 || code == 429 || code >= 500;
    return new ActuationException(
        what + " failed (HTTP " + code + "): " + e.getMessage(), retriable, e);
  }

  private static String dnsLabel(String s) {
    String lower = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    return lower.replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
  }
}
