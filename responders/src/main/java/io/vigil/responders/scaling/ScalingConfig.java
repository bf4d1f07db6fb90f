package io.vigil.responders.scaling;

import io.vigil.responders.config.ConfigKey;
import io.vigil.responders.config.ConfigReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The scaling policy file: a {@link Properties} file whose keys under {@value #PREFIX} are
 * validated at start. Only services listed in {@code vigil.scaling.services} are managed; each
 * setting comes from {@code vigil.scaling.service.<service>.<property>}, else {@code
 * vigil.scaling.default.<property>}, else the built-in default (the Kubernetes HPA defaults where
 * the HPA has one). Every problem names its key, unknown keys and per-service keys of unlisted
 * services are rejected, and all problems are reported at once.
 */
public final class ScalingConfig {

  /** Prefix of every scaling key. */
  public static final String PREFIX = "vigil.scaling.";

  /** Prefix of the defaults for every service. */
  public static final String DEFAULT_PREFIX = PREFIX + "default.";

  /** Prefix of the per-service settings, followed by {@code <service>.<property>}. */
  public static final String SERVICE_PREFIX = PREFIX + "service.";

  public static final ConfigKey SERVICES =
      new ConfigKey(
          PREFIX + "services",
          "",
          "Managed services (comma-separated). Observations of other services are ignored.");
  public static final ConfigKey DECISION_ID_BUCKET =
      new ConfigKey(
          PREFIX + "decision-id-bucket",
          "1m",
          "Time bucket in decision ids (service + bucket + desired): a re-run within the bucket"
              + " re-issues the same id.");

  /** Per-service properties with their built-in defaults and meaning. */
  public static final List<ConfigKey> SERVICE_PROPERTIES =
      List.of(
          new ConfigKey("min-replicas", "1", "Lower bound of replicas, >= 1."),
          new ConfigKey("max-replicas", "10", "Upper bound of replicas, >= min-replicas."),
          new ConfigKey(
              "target-per-replica",
              "100",
              "Load one replica should carry, in the unit of the observed load (e.g. requests/s"
                  + " or CPU millicores), > 0."),
          new ConfigKey(
              "mode",
              "predictive",
              "reactive, predictive (max of observed and forecast: scales out ahead of load,"
                  + " never in on a forecast alone) or forecast_only (acts reactively, publishes"
                  + " what the forecast would change as non-actionable recommendations)."),
          new ConfigKey(
              "cooldown",
              "30s",
              "Minimum time between two actionable decisions (replica counts lag the actuator)."),
          new ConfigKey(
              "scale-up.tolerance",
              "0.1",
              "No scale-up while observed/target is within 1 + tolerance, [0, 1)."),
          new ConfigKey(
              "scale-up.stabilization-window",
              "0s",
              "Scale up to the lowest recommendation of this window, 0s..1h."),
          new ConfigKey(
              "scale-up.policies",
              "percent:100:15s,pods:4:15s",
              "Scale-up rate policies type:value:period (pods or percent, period 1s..30m,"
                  + " percent up to 1000)."),
          new ConfigKey("scale-up.select-policy", "max", "max, min or disabled."),
          new ConfigKey(
              "scale-down.tolerance",
              "0.1",
              "No scale-down while observed/target is within 1 - tolerance, [0, 1)."),
          new ConfigKey(
              "scale-down.stabilization-window",
              "5m",
              "Scale down to the highest recommendation of this window, 0s..1h."),
          new ConfigKey(
              "scale-down.policies",
              "percent:100:15s",
              "Scale-down rate policies type:value:period (percent up to 100)."),
          new ConfigKey("scale-down.select-policy", "max", "max, min or disabled."),
          new ConfigKey(
              "forecast.bound",
              "upper80",
              "Forecast value provisioned for: mean, upper80, upper95."),
          new ConfigKey(
              "forecast.lead-time",
              "2m",
              "Provision now for the forecast at now + lead time (replica start-up), 0s..1h."),
          new ConfigKey(
              "forecast.max-age",
              "15m",
              "Forecasts generated longer ago are stale: reactive only, and the decision says so."));

  private static final Duration MAX_ID_BUCKET = Duration.ofHours(1);

  private final Map<String, ServiceScalingConfig> services;
  private final Duration decisionIdBucket;

  /** A configuration from validated parts; prefer {@link #fromProperties(Properties)}. */
  public ScalingConfig(Map<String, ServiceScalingConfig> services, Duration decisionIdBucket) {
    this.services = Map.copyOf(services);
    this.decisionIdBucket = Objects.requireNonNull(decisionIdBucket, "decisionIdBucket");
    if (decisionIdBucket.toMillis() < 1) {
      throw new IllegalArgumentException("decision id bucket must be at least 1ms");
    }
  }

  /** Reads and validates a properties file. */
  public static ScalingConfig load(Reader reader) throws IOException {
    Properties p = new Properties();
    p.load(reader);
    return fromProperties(p);
  }

  /**
   * Reads and validates the keys under {@value #PREFIX}.
   *
   * @throws io.vigil.responders.config.ConfigException listing every problem, each naming its key
   */
  public static ScalingConfig fromProperties(Properties properties) {
    ConfigReader r = new ConfigReader(properties, PREFIX);
    Set<String> names = new LinkedHashSet<>(r.list(SERVICES));
    Duration bucket = r.duration(DECISION_ID_BUCKET, Duration.ofSeconds(1), MAX_ID_BUCKET);
    checkServiceKeys(r, names);
    for (ConfigKey p : SERVICE_PROPERTIES) {
      r.raw(DEFAULT_PREFIX + p.name(), p.defaultValue()); // validated through each service
    }
    Map<String, ServiceScalingConfig> services = new LinkedHashMap<>();
    for (String name : names) {
      ServiceScalingConfig c = service(r, name);
      if (c != null) {
        services.put(name, c);
      }
    }
    if (names.isEmpty()) {
      service(r, "<default>"); // validate defaults even when no service is listed yet
    }
    List<String> known = new ArrayList<>(List.of(SERVICES.name(), DECISION_ID_BUCKET.name()));
    for (ConfigKey p : SERVICE_PROPERTIES) {
      known.add(DEFAULT_PREFIX + p.name());
    }
    r.rejectUnknownKeys(known);
    r.throwIfProblems("scaling policy");
    return new ScalingConfig(services, bucket);
  }

  /** Every key with its default and meaning; per-service keys as templates. */
  public static List<ConfigKey> documentation() {
    List<ConfigKey> keys = new ArrayList<>(List.of(SERVICES, DECISION_ID_BUCKET));
    for (ConfigKey p : SERVICE_PROPERTIES) {
      keys.add(
          new ConfigKey(
              DEFAULT_PREFIX + p.name(),
              p.defaultValue(),
              p.doc()
                  + " Override per service with "
                  + SERVICE_PREFIX
                  + "<service>."
                  + p.name()
                  + "."));
    }
    return List.copyOf(keys);
  }

  /** The settings of a managed service. */
  public Optional<ServiceScalingConfig> service(String service) {
    return Optional.ofNullable(services.get(service));
  }

  /** All managed services. */
  public Map<String, ServiceScalingConfig> services() {
    return services;
  }

  /** Time bucket used in decision ids. */
  public Duration decisionIdBucket() {
    return decisionIdBucket;
  }

  private static ServiceScalingConfig service(ConfigReader r, String name) {
    Resolver v = new Resolver(r, name);
    int min = r.integer(v.key("min-replicas"), v.def("min-replicas"), 1, 100_000);
    int max = r.integer(v.key("max-replicas"), v.def("max-replicas"), 1, 100_000);
    if (min > max) {
      r.problem(
          v.key("min-replicas"),
          "min-replicas "
              + min
              + " exceeds max-replicas "
              + max
              + " ("
              + v.key("max-replicas")
              + ")");
      max = min;
    }
    double target =
        r.parse(
            v.key("target-per-replica"),
            v.def("target-per-replica"),
            s -> {
              double d = ConfigReader.parseDecimal(s, 0, 1e15);
              if (d <= 0) {
                throw new IllegalArgumentException("must be > 0, got " + s);
              }
              return d;
            });
    ScalingMode mode = r.enumValue(v.key("mode"), v.def("mode"), ScalingMode.class);
    Duration cooldown =
        r.duration(v.key("cooldown"), v.def("cooldown"), Duration.ZERO, Duration.ofHours(24));
    ScalingRules up = rules(r, v, "scale-up", 1000);
    ScalingRules down = rules(r, v, "scale-down", 100);
    ForecastBound bound =
        r.enumValue(v.key("forecast.bound"), v.def("forecast.bound"), ForecastBound.class);
    Duration lead =
        r.duration(
            v.key("forecast.lead-time"),
            v.def("forecast.lead-time"),
            Duration.ZERO,
            Duration.ofHours(1));
    Duration maxAge =
        r.duration(
            v.key("forecast.max-age"),
            v.def("forecast.max-age"),
            Duration.ofSeconds(1),
            Duration.ofDays(7));
    try {
      return new ServiceScalingConfig(
          name, min, max, target, up, down, cooldown, mode, bound, lead, maxAge);
    } catch (IllegalArgumentException e) {
      r.problem(SERVICE_PREFIX + name, e.getMessage());
      return null;
    }
  }

  private static ScalingRules rules(ConfigReader r, Resolver v, String dir, int maxPercent) {
    double tolerance =
        r.parse(
            v.key(dir + ".tolerance"),
            v.def(dir + ".tolerance"),
            s -> {
              double d = ConfigReader.parseDecimal(s, 0, 1);
              if (d >= 1) {
                throw new IllegalArgumentException("must be >= 0 and < 1, got " + s);
              }
              return d;
            });
    Duration window =
        r.duration(
            v.key(dir + ".stabilization-window"),
            v.def(dir + ".stabilization-window"),
            Duration.ZERO,
            ScalingRules.MAX_WINDOW);
    SelectPolicy select =
        r.enumValue(
            v.key(dir + ".select-policy"), v.def(dir + ".select-policy"), SelectPolicy.class);
    List<RatePolicy> policies =
        r.parse(
            v.key(dir + ".policies"),
            v.def(dir + ".policies"),
            s -> {
              List<RatePolicy> out = new ArrayList<>();
              for (String part : ConfigReader.splitList(s)) {
                RatePolicy p = RatePolicy.parse(part);
                if (p.type() == RatePolicy.Type.PERCENT && p.value() > maxPercent) {
                  throw new IllegalArgumentException(
                      "percent must be within 1.." + maxPercent + ", got '" + part + "'");
                }
                out.add(p);
              }
              return List.copyOf(out);
            });
    if (policies.isEmpty() && select != SelectPolicy.DISABLED) {
      r.problem(
          v.key(dir + ".policies"),
          "at least one policy is needed unless " + v.key(dir + ".select-policy") + "=disabled");
      select = SelectPolicy.DISABLED;
    }
    return new ScalingRules(window, tolerance, policies, select);
  }

  /** Records problems for per-service keys of unlisted services or unknown properties. */
  private static void checkServiceKeys(ConfigReader r, Set<String> names) {
    List<String> props = new ArrayList<>();
    for (ConfigKey p : SERVICE_PROPERTIES) {
      props.add(p.name());
    }
    props.sort(Comparator.comparingInt(String::length).reversed());
    for (String key : r.keys()) {
      if (!key.startsWith(SERVICE_PREFIX)) {
        continue;
      }
      String rest = key.substring(SERVICE_PREFIX.length());
      String service = null;
      for (String p : props) {
        if (rest.endsWith("." + p) && rest.length() > p.length() + 1) {
          service = rest.substring(0, rest.length() - p.length() - 1);
          break;
        }
      }
      if (service == null) {
        r.raw(key, "");
        r.problem(key, "unknown per-service property; known: " + propsInOrder());
      } else if (!names.contains(service)) {
        r.raw(key, "");
        r.problem(
            key, "service '" + service + "' is not listed in " + SERVICES.name() + " " + names);
      }
    }
  }

  private static List<String> propsInOrder() {
    List<String> out = new ArrayList<>();
    for (ConfigKey p : SERVICE_PROPERTIES) {
      out.add(p.name());
    }
    return out;
  }

  /** Resolves a property's key and default for a service: per-service, then default. */
  private static final class Resolver {
    private final ConfigReader r;
    private final String service;

    Resolver(ConfigReader r, String service) {
      this.r = r;
      this.service = service;
    }

    /** The key the value comes from: the per-service key if set, else the default key. */
    String key(String property) {
      String own = SERVICE_PREFIX + service + "." + property;
      return r.isSet(own) ? own : DEFAULT_PREFIX + property;
    }

    /** The default when the key is not set: the built-in default. */
    String def(String property) {
      for (ConfigKey p : SERVICE_PROPERTIES) {
        if (p.name().equals(property)) {
          return p.defaultValue();
        }
      }
      throw new IllegalStateException("unknown property " + property);
    }
  }
}
