package io.vigil.responders;

import io.vigil.config.VigilConfig;
import io.vigil.schemas.catalog.TopicNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The wiring of the responders and actuators: Vigil's shared keys (Kafka, registry, topic creation)
 * plus the keys below, each defined once with its documentation and default in {@link
 * #configDef()}. The policies' own keys ({@code vigil.firewall.*}, {@code vigil.scaling.*}) live in
 * the same properties file and are validated by their policy configurations.
 *
 * <p>Loading ({@link #load}) validates every key and reports <em>all</em> problems at once: values
 * of the wrong type or out of range, and unknown keys under {@value #RESPONDERS_PREFIX} or {@value
 * #ACTUATORS_PREFIX} (typos), each naming its key.
 */
public final class ResponderSettings extends VigilConfig {

  /** Prefix of the responders' wiring keys. */
  public static final String RESPONDERS_PREFIX = "vigil.responders.";

  /** Prefix of the actuators' wiring keys. */
  public static final String ACTUATORS_PREFIX = "vigil.actuators.";

  public static final String CREATE_TOPICS_CONFIG = RESPONDERS_PREFIX + "create.topics";
  public static final String HTTP_HOST_CONFIG = RESPONDERS_PREFIX + "http.host";

  public static final String FIREWALL_GROUP_ID_CONFIG = RESPONDERS_PREFIX + "firewall.group.id";
  public static final String FIREWALL_TRANSACTIONAL_ID_CONFIG =
      RESPONDERS_PREFIX + "firewall.transactional.id";
  public static final String FIREWALL_TICK_INTERVAL_MS_CONFIG =
      RESPONDERS_PREFIX + "firewall.tick.interval.ms";
  public static final String FIREWALL_HTTP_PORT_CONFIG = RESPONDERS_PREFIX + "firewall.http.port";
  public static final String FIREWALL_TOPIC_ANOMALIES_CONFIG =
      RESPONDERS_PREFIX + "firewall.topic.anomalies";
  public static final String FIREWALL_TOPIC_REQUESTS_CONFIG =
      RESPONDERS_PREFIX + "firewall.topic.requests";
  public static final String FIREWALL_TOPIC_COMMANDS_CONFIG =
      RESPONDERS_PREFIX + "firewall.topic.commands";
  public static final String FIREWALL_TOPIC_DECISIONS_CONFIG =
      RESPONDERS_PREFIX + "firewall.topic.decisions";
  public static final String FIREWALL_TOPIC_AUDIT_CONFIG =
      RESPONDERS_PREFIX + "firewall.topic.audit";

  public static final String SCALING_GROUP_ID_CONFIG = RESPONDERS_PREFIX + "scaling.group.id";
  public static final String SCALING_TRANSACTIONAL_ID_CONFIG =
      RESPONDERS_PREFIX + "scaling.transactional.id";
  public static final String SCALING_TICK_INTERVAL_MS_CONFIG =
      RESPONDERS_PREFIX + "scaling.tick.interval.ms";
  public static final String SCALING_HTTP_PORT_CONFIG = RESPONDERS_PREFIX + "scaling.http.port";
  public static final String SCALING_DRY_RUN_CONFIG = RESPONDERS_PREFIX + "scaling.dry.run";
  public static final String SCALING_LOAD_SOURCE_CONFIG = RESPONDERS_PREFIX + "scaling.load.source";
  public static final String SCALING_LOAD_METRIC_CONFIG = RESPONDERS_PREFIX + "scaling.load.metric";
  public static final String SCALING_REPLICAS_METRIC_CONFIG =
      RESPONDERS_PREFIX + "scaling.replicas.metric";
  public static final String SCALING_FORECAST_METRIC_CONFIG =
      RESPONDERS_PREFIX + "scaling.forecast.metric";
  public static final String SCALING_LOAD_WINDOW_MS_CONFIG =
      RESPONDERS_PREFIX + "scaling.load.window.ms";
  public static final String SCALING_TOPIC_FORECASTS_CONFIG =
      RESPONDERS_PREFIX + "scaling.topic.forecasts";
  public static final String SCALING_TOPIC_METRICS_CONFIG =
      RESPONDERS_PREFIX + "scaling.topic.metrics";
  public static final String SCALING_TOPIC_REQUESTS_CONFIG =
      RESPONDERS_PREFIX + "scaling.topic.requests";
  public static final String SCALING_TOPIC_COMMANDS_CONFIG =
      RESPONDERS_PREFIX + "scaling.topic.commands";

  public static final String ACTUATORS_GROUP_ID_PREFIX_CONFIG =
      ACTUATORS_PREFIX + "group.id.prefix";
  public static final String ACTUATORS_HTTP_PORT_CONFIG = ACTUATORS_PREFIX + "http.port";
  public static final String ACTUATORS_DRY_RUN_CONFIG = ACTUATORS_PREFIX + "dry.run";
  public static final String ACTUATORS_RECENT_IDS_CONFIG = ACTUATORS_PREFIX + "recent.ids";
  public static final String ACTUATORS_MAX_ATTEMPTS_CONFIG = ACTUATORS_PREFIX + "max.attempts";
  public static final String ACTUATORS_TOPIC_FIREWALL_CONFIG =
      ACTUATORS_PREFIX + "topic.firewall.commands";
  public static final String ACTUATORS_TOPIC_SCALING_CONFIG =
      ACTUATORS_PREFIX + "topic.scaling.commands";
  public static final String K8S_NAMESPACE_CONFIG = ACTUATORS_PREFIX + "kubernetes.namespace";
  public static final String K8S_DEPLOYMENT_NAME_CONFIG =
      ACTUATORS_PREFIX + "kubernetes.deployment.name";
  public static final String K8S_SERVICE_LABEL_CONFIG =
      ACTUATORS_PREFIX + "kubernetes.service.label";
  public static final String NFT_TABLE_CONFIG = ACTUATORS_PREFIX + "nftables.table";
  public static final String NFT_COMMAND_CONFIG = ACTUATORS_PREFIX + "nftables.command";
  public static final String NFT_RATE_TIERS_CONFIG = ACTUATORS_PREFIX + "nftables.rate.tiers";
  public static final String NFT_HOOK_CONFIG = ACTUATORS_PREFIX + "nftables.hook";

  /** {@value #SCALING_LOAD_SOURCE_CONFIG}: load gauge on telemetry.metrics. */
  public static final String LOAD_SOURCE_METRICS = "metrics";

  /** {@value #SCALING_LOAD_SOURCE_CONFIG}: request rate counted on telemetry.requests. */
  public static final String LOAD_SOURCE_REQUESTS = "requests";

  /** Parses and validates the values; prefer {@link #load}, which reports every problem. */
  public ResponderSettings(Map<?, ?> values) {
    super(configDef(), values);
  }

  /**
   * Loads the file (if any), the environment and the overrides, and validates them.
   *
   * @throws io.vigil.responders.config.ConfigException listing every problem, each naming its key
   */
  public static ResponderSettings load(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    return validated(resolve(file, env, overrides));
  }

  /**
   * The merged raw values: every key of the file (policy keys included), the environment variables
   * of the wiring keys, then the overrides.
   */
  public static Map<String, String> resolve(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    return VigilConfig.resolve(configDef(), file, env, overrides);
  }

  /**
   * Validates raw values and builds the settings.
   *
   * @throws io.vigil.responders.config.ConfigException listing every problem, each naming its key
   */
  public static ResponderSettings validated(Map<String, String> values) {
    List<String> problems = problems(values);
    if (!problems.isEmpty()) {
      throw new io.vigil.responders.config.ConfigException("responder wiring", problems);
    }
    return new ResponderSettings(values);
  }

  /** Every problem of the raw values: invalid values and unknown wiring keys. */
  public static List<String> problems(Map<String, String> values) {
    ConfigDef def = configDef();
    List<String> problems = new ArrayList<>();
    for (ConfigValue v : def.validate(values)) {
      for (String message : v.errorMessages()) {
        problems.add(v.name() + ": " + message);
      }
    }
    Set<String> known = def.names();
    for (String key : new TreeSet<>(values.keySet())) {
      boolean wiring = key.startsWith(RESPONDERS_PREFIX) || key.startsWith(ACTUATORS_PREFIX);
      if (wiring && !known.contains(key)) {
        problems.add(key + ": unknown key" + suggestion(key, known));
      }
    }
    return problems;
  }

  /** The raw values as properties, for the policy configurations read from the same file. */
  public static Properties properties(Map<String, String> values) {
    Properties p = new Properties();
    p.putAll(values);
    return p;
  }

  /** Vigil's shared keys plus the responders' and actuators' wiring keys. */
  public static ConfigDef configDef() {
    return VigilConfig.configDef()
        .define(
            CREATE_TOPICS_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.LOW,
            "Create missing input, output and dead-letter topics at start (with"
                + " vigil.topic.partitions and vigil.topic.replication.factor; the decisions topic"
                + " compacted).")
        .define(
            HTTP_HOST_CONFIG,
            Type.STRING,
            "127.0.0.1",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Address the /health and /metrics endpoints bind to; 0.0.0.0 to accept other hosts"
                + " (containers).")
        .define(
            FIREWALL_GROUP_ID_CONFIG,
            Type.STRING,
            "vigil-firewall-responder",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Consumer group of the firewall responder; its committed offsets are part of each"
                + " transaction.")
        .define(
            FIREWALL_TRANSACTIONAL_ID_CONFIG,
            Type.STRING,
            "vigil-firewall-responder",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "transactional.id of the firewall responder. Keep it stable: a restarted or second"
                + " instance with the same id fences the previous one (one active instance).")
        .define(
            FIREWALL_TICK_INTERVAL_MS_CONFIG,
            Type.LONG,
            5_000L,
            Range.between(100, 600_000),
            Importance.MEDIUM,
            "How often (wall clock) expired decisions are lifted with UNBLOCK/RESTORE.")
        .define(
            FIREWALL_HTTP_PORT_CONFIG,
            Type.INT,
            8091,
            Range.between(-1, 65_535),
            Importance.MEDIUM,
            "Port of the firewall responder's /health and /metrics; 0 picks a free port, -1"
                + " disables the endpoints.")
        .define(
            FIREWALL_TOPIC_ANOMALIES_CONFIG,
            Type.STRING,
            TopicNames.ANALYTICS_ANOMALIES,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Input: scored anomalies.")
        .define(
            FIREWALL_TOPIC_REQUESTS_CONFIG,
            Type.STRING,
            TopicNames.OPS_FIREWALL_REQUESTS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Input: operator requests (vigil decisions add and delete).")
        .define(
            FIREWALL_TOPIC_COMMANDS_CONFIG,
            Type.STRING,
            TopicNames.OPS_FIREWALL_COMMANDS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Output: firewall commands for the actuators.")
        .define(
            FIREWALL_TOPIC_DECISIONS_CONFIG,
            Type.STRING,
            TopicNames.OPS_FIREWALL_DECISIONS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Output and restore source: the latest decision per target (must be compacted).")
        .define(
            FIREWALL_TOPIC_AUDIT_CONFIG,
            Type.STRING,
            TopicNames.OPS_FIREWALL_AUDIT,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Output: audit records (vetoes, caps, merges, expiry, operator requests).")
        .define(
            SCALING_GROUP_ID_CONFIG,
            Type.STRING,
            "vigil-scaling-responder",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Consumer group of the scaling responder.")
        .define(
            SCALING_TRANSACTIONAL_ID_CONFIG,
            Type.STRING,
            "vigil-scaling-responder",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "transactional.id of the scaling responder; stable, one active instance.")
        .define(
            SCALING_TICK_INTERVAL_MS_CONFIG,
            Type.LONG,
            5_000L,
            Range.between(100, 600_000),
            Importance.LOW,
            "How often (wall clock) request-rate windows that saw no later request are closed"
                + " (load source requests).")
        .define(
            SCALING_HTTP_PORT_CONFIG,
            Type.INT,
            8092,
            Range.between(-1, 65_535),
            Importance.MEDIUM,
            "Port of the scaling responder's /health and /metrics; 0 picks a free port, -1"
                + " disables the endpoints.")
        .define(
            SCALING_DRY_RUN_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.HIGH,
            "Publish every scaling command with mode DRY_RUN: actuators only log them.")
        .define(
            SCALING_LOAD_SOURCE_CONFIG,
            Type.STRING,
            LOAD_SOURCE_METRICS,
            ValidString.in(LOAD_SOURCE_METRICS, LOAD_SOURCE_REQUESTS),
            Importance.HIGH,
            "Observed load: 'metrics' = the load gauge on telemetry.metrics (per-instance points"
                + " summed), 'requests' = requests per second counted on telemetry.requests in"
                + " tumbling windows. Replica counts always come from telemetry.metrics.")
        .define(
            SCALING_LOAD_METRIC_CONFIG,
            Type.STRING,
            "http.server.request.rate",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "MetricPoint name of the load gauge (same unit as target-per-replica, e.g."
                + " requests/s); points with a serviceInstance are per instance and summed.")
        .define(
            SCALING_REPLICAS_METRIC_CONFIG,
            Type.STRING,
            "k8s.deployment.desired_pods",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "MetricPoint name of the workload's replica count (OpenTelemetry k8s semantic"
                + " conventions; from the spec, not from counting pods).")
        .define(
            SCALING_FORECAST_METRIC_CONFIG,
            Type.STRING,
            "request_rate",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "LoadForecast metric used; forecasts of other metrics are ignored.")
        .define(
            SCALING_LOAD_WINDOW_MS_CONFIG,
            Type.LONG,
            15_000L,
            Range.between(1_000, 3_600_000),
            Importance.LOW,
            "Request-rate window (load source requests), and how long a per-instance load point"
                + " counts in the sum (load source metrics).")
        .define(
            SCALING_TOPIC_FORECASTS_CONFIG,
            Type.STRING,
            TopicNames.ANALYTICS_FORECASTS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Input: load forecasts.")
        .define(
            SCALING_TOPIC_METRICS_CONFIG,
            Type.STRING,
            TopicNames.TELEMETRY_METRICS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Input: metric points (load gauge and replica counts).")
        .define(
            SCALING_TOPIC_REQUESTS_CONFIG,
            Type.STRING,
            TopicNames.TELEMETRY_REQUESTS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Input (load source requests): access logs.")
        .define(
            SCALING_TOPIC_COMMANDS_CONFIG,
            Type.STRING,
            TopicNames.OPS_SCALING_COMMANDS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Output: scaling commands for the actuators.")
        .define(
            ACTUATORS_GROUP_ID_PREFIX_CONFIG,
            Type.STRING,
            "vigil-actuator-",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Consumer group of an actuator: this prefix + log, kubernetes or nftables.")
        .define(
            ACTUATORS_HTTP_PORT_CONFIG,
            Type.INT,
            8093,
            Range.between(-1, 65_535),
            Importance.MEDIUM,
            "Port of an actuator's /health and /metrics; 0 picks a free port, -1 disables them.")
        .define(
            ACTUATORS_DRY_RUN_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.HIGH,
            "Actuators change nothing: the Kubernetes actuator logs the change it would make, the"
                + " nftables actuator prints its nft script.")
        .define(
            ACTUATORS_RECENT_IDS_CONFIG,
            Type.INT,
            10_000,
            Range.between(1, 10_000_000),
            Importance.LOW,
            "Command ids an actuator remembers to skip repeats (in memory; offsets are committed"
                + " after each command).")
        .define(
            ACTUATORS_MAX_ATTEMPTS_CONFIG,
            Type.INT,
            3,
            Range.between(1, 20),
            Importance.LOW,
            "Attempts per command on a transient failure (API server, nft), with exponential"
                + " backoff from 200 ms; then the command goes to <topic>.dlq.")
        .define(
            ACTUATORS_TOPIC_FIREWALL_CONFIG,
            Type.STRING,
            TopicNames.OPS_FIREWALL_COMMANDS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Input: firewall commands.")
        .define(
            ACTUATORS_TOPIC_SCALING_CONFIG,
            Type.STRING,
            TopicNames.OPS_SCALING_COMMANDS,
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "Input: scaling commands.")
        .define(
            K8S_NAMESPACE_CONFIG,
            Type.STRING,
            "default",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Namespace of the Deployments scaled and the NetworkPolicies created.")
        .define(
            K8S_DEPLOYMENT_NAME_CONFIG,
            Type.STRING,
            "{service}",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Deployment scaled for a service; {service} is replaced by the service name.")
        .define(
            K8S_SERVICE_LABEL_CONFIG,
            Type.STRING,
            "app",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Pod label whose value is the service name, used by the NetworkPolicies' selectors.")
        .define(
            NFT_TABLE_CONFIG,
            Type.STRING,
            "vigil",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "nftables table (family inet) holding Vigil's sets and chain.")
        .define(
            NFT_COMMAND_CONFIG,
            Type.STRING,
            "nft",
            new ConfigDef.NonEmptyString(),
            Importance.LOW,
            "nft executable, run as 'nft -f -' with the script on standard input.")
        .define(
            NFT_HOOK_CONFIG,
            Type.STRING,
            "input",
            ValidString.in("input", "forward"),
            Importance.MEDIUM,
            "Netfilter hook of Vigil's chain: input (traffic to this host) or forward (traffic"
                + " routed through it, e.g. to containers).")
        .define(
            NFT_RATE_TIERS_CONFIG,
            Type.LIST,
            "1,5,10,50,100,500",
            ResponderSettings::checkRateTiers,
            Importance.LOW,
            "Rate-limit tiers (new connections per second per source), one set and rule each;"
                + " a RATE_LIMIT is enforced at the highest tier not above its rate (the lowest"
                + " tier when its rate is below every tier).");
  }

  /** The documented keys and defaults as reStructuredText. */
  public static String documentation() {
    return configDef().toRst();
  }

  private static void checkRateTiers(String name, Object value) {
    @SuppressWarnings("unchecked")
    List<String> tiers = (List<String>) value;
    if (tiers == null || tiers.isEmpty()) {
      throw new org.apache.kafka.common.config.ConfigException(name, value, "at least one tier");
    }
    for (String t : tiers) {
      int n;
      try {
        n = Integer.parseInt(t.trim());
      } catch (NumberFormatException e) {
        throw new org.apache.kafka.common.config.ConfigException(
            name, value, "tiers are whole numbers of connections per second, got '" + t + "'");
      }
      if (n < 1) {
        throw new org.apache.kafka.common.config.ConfigException(
            name, value, "tiers must be at least 1, got " + n);
      }
    }
  }

  private static String suggestion(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(key, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
