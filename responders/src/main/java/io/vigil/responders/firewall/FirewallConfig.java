package io.vigil.responders.firewall;

import io.vigil.responders.config.ConfigKey;
import io.vigil.responders.config.ConfigReader;
import io.vigil.responders.config.Durations;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The firewall policy file: a {@link Properties} file whose keys under {@value #PREFIX} are
 * validated at start. Every problem names its key, unknown keys are rejected (with the closest
 * known key suggested), and all problems are reported at once in a {@link
 * io.vigil.responders.config.ConfigException}. Keys outside the prefix are left to other
 * components. {@link #documentation()} lists every key with its default and meaning.
 */
public final class FirewallConfig {

  /** Prefix of every firewall key. */
  public static final String PREFIX = "vigil.firewall.";

  /** Prefix of the per-class keys, followed by {@code <class>.<property>}. */
  public static final String CLASS_PREFIX = PREFIX + "class.";

  public static final ConfigKey DRY_RUN =
      new ConfigKey(
          PREFIX + "dry-run",
          "false",
          "Publish decisions marked enforced=false: actuators only log them. State, merges,"
              + " expiry and the cap behave exactly as when enforcing.");
  public static final ConfigKey MAX_NEW_PER_MINUTE =
      new ConfigKey(
          PREFIX + "max-new-decisions-per-minute",
          "20",
          "Blast-radius cap: at most this many NEW decisions in any rolling minute (1..100000);"
              + " further anomalies get a CAPPED audit record instead. Extensions, lifts and"
              + " operator decisions do not count.");
  public static final ConfigKey ESCALATION_DURATIONS =
      new ConfigKey(
          PREFIX + "escalation.durations",
          "15m,1h,4h,24h",
          "Default escalation ladder: duration of the 1st, 2nd, 3rd... offence of a target within"
              + " the look-back; the last rung repeats. Non-decreasing, each up to 365d.");
  public static final ConfigKey ESCALATION_LOOKBACK =
      new ConfigKey(
          PREFIX + "escalation.lookback",
          "24h",
          "Offences (new decisions) of a target older than this no longer count for escalation.");
  public static final ConfigKey MERGE_MIN_EXTENSION =
      new ConfigKey(
          PREFIX + "merge.min-extension",
          "1m",
          "An anomaly on a target with an active decision publishes an EXTENDED decision only if"
              + " it escalates the action or pushes the expiry out by at least this much;"
              + " otherwise it is absorbed into the evidence (0s: always publish).");
  public static final ConfigKey MAX_ANOMALY_AGE =
      new ConfigKey(
          PREFIX + "max-anomaly-age",
          "15m",
          "Anomalies whose window ended longer ago than this are not acted on (STALE), e.g. a"
              + " backlog replayed after a long outage.");
  public static final ConfigKey ALLOW_CIDRS =
      new ConfigKey(
          PREFIX + "allow.cidrs",
          "127.0.0.0/8,::1/128",
          "Allow-listed IPv4/IPv6 networks (comma-separated CIDRs, host bits clear): no decision"
              + " ever targets an address inside, or a network overlapping, one of them.");
  public static final ConfigKey ALLOW_PRINCIPALS =
      new ConfigKey(
          PREFIX + "allow.principals",
          "",
          "Allow-listed principals or token ids (comma-separated, exact match).");
  public static final ConfigKey ALLOW_SERVICES =
      new ConfigKey(
          PREFIX + "allow.services",
          "",
          "Allow-listed services (comma-separated): never isolated, nor any edge they are on.");

  /** Per-class property: whether the class leads to decisions. */
  public static final String CLASS_ENABLED = "enabled";

  /** Per-class property: the enforcing action. */
  public static final String CLASS_ACTION = "action";

  /** Per-class property: the scope the action targets. */
  public static final String CLASS_SCOPE = "scope";

  /** Per-class property: minimum anomaly score. */
  public static final String CLASS_MIN_SCORE = "min-score";

  /** Per-class property: minimum class confidence. */
  public static final String CLASS_MIN_CONFIDENCE = "min-confidence";

  /** Per-class property: escalation ladder overriding the default one. */
  public static final String CLASS_DURATIONS = "durations";

  /** Per-class property: requests per second for rate limits. */
  public static final String CLASS_RATE = "rate";

  /** Per-class property: network prefix for IPv4 entities under scope cidr. */
  public static final String CLASS_IPV4_PREFIX = "cidr-prefix.ipv4";

  /** Per-class property: network prefix for IPv6 entities under scope cidr. */
  public static final String CLASS_IPV6_PREFIX = "cidr-prefix.ipv6";

  private static final List<String> CLASS_PROPERTIES =
      List.of(
          CLASS_ENABLED,
          CLASS_ACTION,
          CLASS_SCOPE,
          CLASS_MIN_SCORE,
          CLASS_MIN_CONFIDENCE,
          CLASS_DURATIONS,
          CLASS_RATE,
          CLASS_IPV4_PREFIX,
          CLASS_IPV6_PREFIX);

  private static final List<ConfigKey> GLOBAL_KEYS =
      List.of(
          DRY_RUN,
          MAX_NEW_PER_MINUTE,
          ESCALATION_DURATIONS,
          ESCALATION_LOOKBACK,
          MERGE_MIN_EXTENSION,
          MAX_ANOMALY_AGE,
          ALLOW_CIDRS,
          ALLOW_PRINCIPALS,
          ALLOW_SERVICES);

  /** Built-in per-class defaults: action, scope, min score, min confidence, rate. */
  private static final Map<ThreatClass, String[]> CLASS_DEFAULTS = classDefaults();

  private static final Duration MAX_DURATION = Duration.ofDays(365);

  private final boolean dryRun;
  private final int maxNewDecisionsPerMinute;
  private final Duration lookback;
  private final Duration mergeMinExtension;
  private final Duration maxAnomalyAge;
  private final AllowList allowList;
  private final Map<ThreatClass, ClassPolicy> classes;

  /**
   * A configuration from already validated parts; prefer {@link #fromProperties(Properties)}.
   *
   * @param classes a policy for every class except {@link ThreatClass#NONE}
   */
  public FirewallConfig(
      boolean dryRun,
      int maxNewDecisionsPerMinute,
      Duration lookback,
      Duration mergeMinExtension,
      Duration maxAnomalyAge,
      AllowList allowList,
      Map<ThreatClass, ClassPolicy> classes) {
    if (maxNewDecisionsPerMinute < 1) {
      throw new IllegalArgumentException("maxNewDecisionsPerMinute must be at least 1");
    }
    this.dryRun = dryRun;
    this.maxNewDecisionsPerMinute = maxNewDecisionsPerMinute;
    this.lookback = Objects.requireNonNull(lookback, "lookback");
    this.mergeMinExtension = Objects.requireNonNull(mergeMinExtension, "mergeMinExtension");
    this.maxAnomalyAge = Objects.requireNonNull(maxAnomalyAge, "maxAnomalyAge");
    this.allowList = Objects.requireNonNull(allowList, "allowList");
    EnumMap<ThreatClass, ClassPolicy> copy = new EnumMap<>(ThreatClass.class);
    copy.putAll(classes);
    for (ThreatClass c : ThreatClass.values()) {
      if (c != ThreatClass.NONE && !copy.containsKey(c)) {
        throw new IllegalArgumentException("no policy for class " + c);
      }
    }
    copy.remove(ThreatClass.NONE);
    this.classes = Map.copyOf(copy);
  }

  /** The documented defaults. */
  public static FirewallConfig defaults() {
    return fromProperties(new Properties());
  }

  /** Reads and validates a properties file. */
  public static FirewallConfig load(Reader reader) throws IOException {
    Properties p = new Properties();
    p.load(reader);
    return fromProperties(p);
  }

  /**
   * Reads and validates the keys under {@value #PREFIX}.
   *
   * @throws io.vigil.responders.config.ConfigException listing every problem, each naming its key
   */
  public static FirewallConfig fromProperties(Properties properties) {
    ConfigReader r = new ConfigReader(properties, PREFIX);
    boolean dryRun = r.bool(DRY_RUN);
    int maxNew = r.integer(MAX_NEW_PER_MINUTE, 1, 100_000);
    List<Duration> ladder =
        ladder(r, ESCALATION_DURATIONS.name(), ESCALATION_DURATIONS.defaultValue());
    Duration lookback = r.duration(ESCALATION_LOOKBACK, Duration.ofSeconds(1), MAX_DURATION);
    Duration minExtension = r.duration(MERGE_MIN_EXTENSION, Duration.ZERO, MAX_DURATION);
    Duration maxAge = r.duration(MAX_ANOMALY_AGE, Duration.ofSeconds(1), MAX_DURATION);
    AllowList allowList =
        new AllowList(
            cidrs(r),
            new LinkedHashSet<>(r.list(ALLOW_PRINCIPALS)),
            new LinkedHashSet<>(r.list(ALLOW_SERVICES)));

    checkClassKeys(r);
    Map<ThreatClass, ClassPolicy> classes = new EnumMap<>(ThreatClass.class);
    for (ThreatClass c : ThreatClass.values()) {
      if (c != ThreatClass.NONE) {
        classes.put(c, classPolicy(r, c, ladder));
      }
    }
    r.rejectUnknownKeys(knownKeyNames());
    r.throwIfProblems("firewall policy");
    return new FirewallConfig(dryRun, maxNew, lookback, minExtension, maxAge, allowList, classes);
  }

  /**
   * Every key with its default and meaning; per-class keys appear as templates with {@code
   * <class>}, their defaults per class in {@link #classDefaultsDocumentation()}.
   */
  public static List<ConfigKey> documentation() {
    List<ConfigKey> keys = new ArrayList<>(GLOBAL_KEYS);
    String c = CLASS_PREFIX + "<class>.";
    keys.add(
        new ConfigKey(
            c + CLASS_ENABLED,
            "true",
            "Whether the class leads to decisions. <class> is one of ddos, credential_stuffing,"
                + " scraping, lateral_movement, exfiltration; class none never decides."));
    keys.add(
        new ConfigKey(
            c + CLASS_ACTION,
            "per class",
            "block (scope ip or cidr), rate_limit (ip, cidr or principal), isolate (service or"
                + " edge), revoke_token (principal)."));
    keys.add(
        new ConfigKey(
            c + CLASS_SCOPE,
            "per class",
            "ip, cidr, principal, service or edge; the anomaly's entity type must match"
                + " (client_ip for ip/cidr), else the audit says UNMAPPABLE."));
    keys.add(new ConfigKey(c + CLASS_MIN_SCORE, "per class", "Minimum anomaly score, 0..100."));
    keys.add(
        new ConfigKey(c + CLASS_MIN_CONFIDENCE, "per class", "Minimum class confidence, 0..1."));
    keys.add(
        new ConfigKey(
            c + CLASS_DURATIONS,
            ESCALATION_DURATIONS.name(),
            "Escalation ladder for this class, overriding the default one."));
    keys.add(
        new ConfigKey(
            c + CLASS_RATE,
            "per class",
            "Allowed requests per second (> 0); required with action rate_limit, rejected"
                + " otherwise."));
    keys.add(
        new ConfigKey(
            c + CLASS_IPV4_PREFIX,
            "24",
            "Scope cidr: prefix of the IPv4 network blocked around the entity, 16..32 (never"
                + " wider than a /16: blast radius)."));
    keys.add(
        new ConfigKey(
            c + CLASS_IPV6_PREFIX,
            "64",
            "Scope cidr: prefix of the IPv6 network blocked around the entity, 32..128."));
    return List.copyOf(keys);
  }

  /** Built-in class defaults as {@code class -> action, scope, min-score, min-confidence}. */
  public static Map<ThreatClass, List<String>> classDefaultsDocumentation() {
    Map<ThreatClass, List<String>> out = new EnumMap<>(ThreatClass.class);
    CLASS_DEFAULTS.forEach((k, v) -> out.put(k, List.of(v)));
    return Map.copyOf(out);
  }

  /** Whether decisions are published as not enforced. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Blast-radius cap: NEW decisions allowed per rolling minute. */
  public int maxNewDecisionsPerMinute() {
    return maxNewDecisionsPerMinute;
  }

  /** Look-back window for counting offences. */
  public Duration lookback() {
    return lookback;
  }

  /** Minimum expiry extension that makes a merge publish an EXTENDED decision. */
  public Duration mergeMinExtension() {
    return mergeMinExtension;
  }

  /** Oldest anomaly window end still acted on, relative to now. */
  public Duration maxAnomalyAge() {
    return maxAnomalyAge;
  }

  /** The allow-list. */
  public AllowList allowList() {
    return allowList;
  }

  /** The policy of a class other than NONE. */
  public ClassPolicy classPolicy(ThreatClass threatClass) {
    ClassPolicy p = classes.get(threatClass);
    if (p == null) {
      throw new IllegalArgumentException("class " + threatClass + " has no policy");
    }
    return p;
  }

  /** Key of a class property, e.g. {@code vigil.firewall.class.ddos.min-score}. */
  public static String classKey(ThreatClass threatClass, String property) {
    return CLASS_PREFIX + threatClass.configName() + "." + property;
  }

  private static ClassPolicy classPolicy(ConfigReader r, ThreatClass c, List<Duration> ladder) {
    String[] d = CLASS_DEFAULTS.get(c);
    boolean enabled = r.bool(classKey(c, CLASS_ENABLED), "true");
    FirewallAction action =
        r.enumValue(
            classKey(c, CLASS_ACTION),
            d[0],
            FirewallAction.class,
            FirewallAction.BLOCK,
            FirewallAction.RATE_LIMIT,
            FirewallAction.ISOLATE,
            FirewallAction.REVOKE_TOKEN);
    String scopeKey = classKey(c, CLASS_SCOPE);
    Scope scope = r.enumValue(scopeKey, d[1], Scope.class);
    double minScore = r.decimal(classKey(c, CLASS_MIN_SCORE), d[2], 0, 100);
    double minConfidence = r.decimal(classKey(c, CLASS_MIN_CONFIDENCE), d[3], 0, 1);
    String laddersKey = classKey(c, CLASS_DURATIONS);
    List<Duration> classLadder =
        r.isSet(laddersKey) ? ladder(r, laddersKey, ESCALATION_DURATIONS.defaultValue()) : ladder;
    String rateKey = classKey(c, CLASS_RATE);
    Double rate = null;
    if (action == FirewallAction.RATE_LIMIT) {
      if (!r.isSet(rateKey) && d[4].isEmpty()) {
        r.raw(rateKey, "");
        r.problem(rateKey, "required when action is rate_limit (requests per second, > 0)");
        rate = 1.0;
      } else {
        rate =
            r.parse(
                rateKey,
                d[4].isEmpty() ? "1" : d[4],
                v -> {
                  double x = ConfigReader.parseDecimal(v, 0, 1e9);
                  if (x <= 0) {
                    throw new IllegalArgumentException(
                        "must be a positive number of requests per second, got " + v);
                  }
                  return x;
                });
      }
    } else if (r.isSet(rateKey)) {
      r.raw(rateKey, "");
      r.problem(
          rateKey,
          "only valid with action rate_limit, but the action is "
              + action.name().toLowerCase(Locale.ROOT));
    }
    int v4 = r.integer(classKey(c, CLASS_IPV4_PREFIX), "24", 16, 32);
    int v6 = r.integer(classKey(c, CLASS_IPV6_PREFIX), "64", 32, 128);
    if (!action.supports(scope)) {
      r.problem(
          scopeKey,
          "action "
              + action.name().toLowerCase(Locale.ROOT)
              + " applies to scopes "
              + names(action.allowedScopes())
              + ", not "
              + scope.name().toLowerCase(Locale.ROOT));
      scope = action.allowedScopes().iterator().next();
    }
    return new ClassPolicy(
        c, enabled, action, scope, minScore, minConfidence, classLadder, rate, v4, v6);
  }

  private static List<Duration> ladder(ConfigReader r, String key, String defaultValue) {
    return r.parse(
        key,
        defaultValue,
        v -> {
          List<String> parts = ConfigReader.splitList(v);
          if (parts.isEmpty()) {
            throw new IllegalArgumentException("needs at least one duration");
          }
          List<Duration> out = new ArrayList<>();
          for (String p : parts) {
            Duration d = ConfigReader.parseDuration(p, Duration.ofSeconds(1), MAX_DURATION);
            if (!out.isEmpty() && d.compareTo(out.get(out.size() - 1)) < 0) {
              throw new IllegalArgumentException(
                  "must not decrease (repeat offenders never get shorter decisions), got " + v);
            }
            out.add(d);
          }
          return List.copyOf(out);
        });
  }

  private static List<Cidr> cidrs(ConfigReader r) {
    List<Cidr> out = new ArrayList<>();
    for (String s : r.list(ALLOW_CIDRS)) {
      try {
        out.add(Cidr.parse(s));
      } catch (IllegalArgumentException e) {
        r.problem(ALLOW_CIDRS.name(), e.getMessage());
      }
    }
    return out;
  }

  /** Records a problem for per-class keys naming an unknown class or property. */
  private static void checkClassKeys(ConfigReader r) {
    for (String key : r.keys()) {
      if (!key.startsWith(CLASS_PREFIX)) {
        continue;
      }
      String rest = key.substring(CLASS_PREFIX.length());
      int dot = rest.indexOf('.');
      String cls = dot < 0 ? rest : rest.substring(0, dot);
      String prop = dot < 0 ? "" : rest.substring(dot + 1);
      ThreatClass tc = null;
      for (ThreatClass t : ThreatClass.values()) {
        if (t.configName().equals(cls)) {
          tc = t;
        }
      }
      if (tc == ThreatClass.NONE) {
        r.raw(key, "");
        r.problem(key, "class none never produces a decision and takes no settings");
      } else if (tc == null) {
        r.raw(key, "");
        r.problem(
            key,
            "unknown threat class '"
                + cls
                + "'; known: ddos, credential_stuffing, scraping, lateral_movement, exfiltration");
      } else if (!CLASS_PROPERTIES.contains(prop)) {
        r.raw(key, "");
        r.problem(key, "unknown class property '" + prop + "'; known: " + CLASS_PROPERTIES);
      }
    }
  }

  private static List<String> knownKeyNames() {
    List<String> names = new ArrayList<>();
    for (ConfigKey k : GLOBAL_KEYS) {
      names.add(k.name());
    }
    return names;
  }

  private static String names(Set<Scope> scopes) {
    List<String> out = new ArrayList<>();
    for (Scope s : scopes) {
      out.add(s.name().toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }

  private static Map<ThreatClass, String[]> classDefaults() {
    Map<ThreatClass, String[]> m = new EnumMap<>(ThreatClass.class);
    m.put(ThreatClass.DDOS, new String[] {"block", "ip", "80", "0.7", ""});
    m.put(ThreatClass.CREDENTIAL_STUFFING, new String[] {"block", "ip", "70", "0.6", ""});
    m.put(ThreatClass.SCRAPING, new String[] {"rate_limit", "ip", "60", "0.6", "5"});
    m.put(ThreatClass.LATERAL_MOVEMENT, new String[] {"isolate", "edge", "80", "0.8", ""});
    m.put(ThreatClass.EXFILTRATION, new String[] {"revoke_token", "principal", "75", "0.7", ""});
    return m;
  }

  @Override
  public String toString() {
    return "FirewallConfig{dryRun="
        + dryRun
        + ", maxNewDecisionsPerMinute="
        + maxNewDecisionsPerMinute
        + ", lookback="
        + Durations.format(lookback)
        + ", mergeMinExtension="
        + Durations.format(mergeMinExtension)
        + ", maxAnomalyAge="
        + Durations.format(maxAnomalyAge)
        + ", allowList="
        + allowList
        + ", classes="
        + classes
        + "}";
  }
}
