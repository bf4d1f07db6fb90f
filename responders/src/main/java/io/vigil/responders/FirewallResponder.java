package io.vigil.responders;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.ops.FirewallCommand;
import io.vigil.responders.config.ConfigException;
import io.vigil.responders.firewall.FirewallConfig;
import io.vigil.responders.firewall.FirewallDecision;
import io.vigil.responders.firewall.FirewallPolicy;
import io.vigil.responders.firewall.FirewallState;
import io.vigil.responders.kafka.CompactedTopicReader;
import io.vigil.responders.kafka.FaultInjection;
import io.vigil.responders.kafka.FirewallHandler;
import io.vigil.responders.kafka.FirewallHandler.FirewallTopics;
import io.vigil.responders.kafka.FirewallRecords;
import io.vigil.responders.kafka.Topics;
import io.vigil.responders.kafka.TransactionalLoop;
import io.vigil.responders.ops.OpsServer;
import io.vigil.schemas.catalog.TopicCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firewall responder ({@code vigil responders firewall}): consumes {@code analytics.anomalies}
 * and operator requests, applies the {@link FirewallPolicy} and publishes {@code
 * ops.firewall-commands}, the compacted {@code ops.firewall-decisions} and {@code
 * ops.firewall-audit}, exactly once (see {@link TransactionalLoop} and {@link FirewallHandler}).
 *
 * <p>Start-up, in this order: check (and create) the topics; fence any previous instance with the
 * same {@code transactional.id}, which aborts its open transaction; read the decisions topic to its
 * end and {@linkplain FirewallPolicy#restore restore} the policy state from the latest decision per
 * target, so active decisions continue, the escalation ladder and the blast-radius window are kept,
 * and replayed anomalies merge into their decisions: a restart causes no block/unblock storm; then
 * consume from the committed offsets.
 */
public final class FirewallResponder {

  /** Component name: thread, metrics and health. */
  public static final String NAME = "firewall-responder";

  private static final Logger LOG = LoggerFactory.getLogger(FirewallResponder.class);
  private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(2);

  private FirewallResponder() {}

  /**
   * Topic names of the firewall responder.
   *
   * @param anomalies input: anomalies
   * @param requests input: operator requests
   * @param commands output: commands
   * @param decisions output and restore source: latest decision per target (compacted)
   * @param audit output: audit records
   */
  public record TopicNames(
      String anomalies, String requests, String commands, String decisions, String audit) {

    /** The catalog names ({@code analytics.anomalies}, {@code ops.firewall-*}). */
    public static TopicNames defaults() {
      return new TopicNames(
          io.vigil.schemas.catalog.TopicNames.ANALYTICS_ANOMALIES,
          io.vigil.schemas.catalog.TopicNames.OPS_FIREWALL_REQUESTS,
          io.vigil.schemas.catalog.TopicNames.OPS_FIREWALL_COMMANDS,
          io.vigil.schemas.catalog.TopicNames.OPS_FIREWALL_DECISIONS,
          io.vigil.schemas.catalog.TopicNames.OPS_FIREWALL_AUDIT);
    }

    /** The typed topics under these names. */
    public FirewallTopics resolve(TopicCatalog catalog) {
      return new FirewallTopics(
          Topics.renamed(catalog.anomalies(), anomalies),
          Topics.renamed(catalog.firewallRequests(), requests),
          Topics.renamed(catalog.firewallCommands(), commands),
          Topics.renamed(catalog.firewallDecisions(), decisions),
          Topics.renamed(catalog.firewallAudit(), audit));
    }
  }

  /**
   * How the responder is wired.
   *
   * @param groupId consumer group (committed offsets)
   * @param transactionalId stable transactional.id: one active instance
   * @param topics topic names
   * @param tickInterval how often expired decisions are lifted
   * @param createTopics create missing topics at start
   * @param httpHost bind address of /health and /metrics
   * @param httpPort their port; 0 = free port, -1 = disabled
   * @param clock wall clock of ticks and staleness
   * @param faults fault injection, {@link FaultInjection#NONE} in production
   */
  public record Options(
      String groupId,
      String transactionalId,
      TopicNames topics,
      Duration tickInterval,
      boolean createTopics,
      String httpHost,
      int httpPort,
      Clock clock,
      FaultInjection faults) {

    public Options {
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(transactionalId, "transactionalId");
      Objects.requireNonNull(topics, "topics");
      Objects.requireNonNull(tickInterval, "tickInterval");
      Objects.requireNonNull(httpHost, "httpHost");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(faults, "faults");
    }

    /** The options the settings describe. */
    public static Options from(ResponderSettings s) {
      return new Options(
          s.getString(ResponderSettings.FIREWALL_GROUP_ID_CONFIG),
          s.getString(ResponderSettings.FIREWALL_TRANSACTIONAL_ID_CONFIG),
          new TopicNames(
              s.getString(ResponderSettings.FIREWALL_TOPIC_ANOMALIES_CONFIG),
              s.getString(ResponderSettings.FIREWALL_TOPIC_REQUESTS_CONFIG),
              s.getString(ResponderSettings.FIREWALL_TOPIC_COMMANDS_CONFIG),
              s.getString(ResponderSettings.FIREWALL_TOPIC_DECISIONS_CONFIG),
              s.getString(ResponderSettings.FIREWALL_TOPIC_AUDIT_CONFIG)),
          Duration.ofMillis(s.getLong(ResponderSettings.FIREWALL_TICK_INTERVAL_MS_CONFIG)),
          s.getBoolean(ResponderSettings.CREATE_TOPICS_CONFIG),
          s.getString(ResponderSettings.HTTP_HOST_CONFIG),
          s.getInt(ResponderSettings.FIREWALL_HTTP_PORT_CONFIG),
          Clock.systemUTC(),
          FaultInjection.NONE);
    }

    /** The documented defaults. */
    public static Options defaults() {
      return from(new ResponderSettings(Map.of()));
    }

    /** These options with other topic names. */
    public Options withTopics(TopicNames names) {
      return new Options(
          groupId,
          transactionalId,
          names,
          tickInterval,
          createTopics,
          httpHost,
          httpPort,
          clock,
          faults);
    }

    /** These options with another group and transactional id. */
    public Options withIds(String group, String transactional) {
      return new Options(
          group,
          transactional,
          topics,
          tickInterval,
          createTopics,
          httpHost,
          httpPort,
          clock,
          faults);
    }

    /** These options with another HTTP port. */
    public Options withHttpPort(int port) {
      return new Options(
          groupId,
          transactionalId,
          topics,
          tickInterval,
          createTopics,
          httpHost,
          port,
          clock,
          faults);
    }

    /** These options with another tick interval. */
    public Options withTickInterval(Duration interval) {
      return new Options(
          groupId,
          transactionalId,
          topics,
          interval,
          createTopics,
          httpHost,
          httpPort,
          clock,
          faults);
    }

    /** These options with another wall clock. */
    public Options withClock(Clock c) {
      return new Options(
          groupId,
          transactionalId,
          topics,
          tickInterval,
          createTopics,
          httpHost,
          httpPort,
          c,
          faults);
    }

    /** These options with a fault injection. */
    public Options withFaults(FaultInjection f) {
      return new Options(
          groupId,
          transactionalId,
          topics,
          tickInterval,
          createTopics,
          httpHost,
          httpPort,
          clock,
          f);
    }
  }

  /**
   * Everything {@link #start} needs, read from one properties file.
   *
   * @param settings Kafka, registry and wiring keys
   * @param policy the firewall policy ({@code vigil.firewall.*})
   * @param options the wiring as options
   */
  public record Setup(ResponderSettings settings, FirewallConfig policy, Options options) {

    /**
     * Loads and validates the file (if any), the environment (wiring keys) and the overrides (e.g.
     * {@code vigil.firewall.dry-run=true} for {@code --dry-run}).
     *
     * @throws ConfigException listing every problem of the wiring and of the policy at once
     * @throws org.apache.kafka.common.config.ConfigException if the file cannot be read
     */
    public static Setup load(
        Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
      Map<String, String> values = ResponderSettings.resolve(file, env, overrides);
      List<String> problems = new ArrayList<>(ResponderSettings.problems(values));
      FirewallConfig policy = null;
      try {
        policy = FirewallConfig.fromProperties(ResponderSettings.properties(values));
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
      if (!problems.isEmpty()) {
        throw new ConfigException("firewall responder", problems);
      }
      ResponderSettings settings = new ResponderSettings(values);
      return new Setup(settings, policy, Options.from(settings));
    }
  }

  /** Starts the responder described by a setup. */
  public static RunningComponent start(Setup setup) {
    return start(setup.settings(), setup.policy(), setup.options());
  }

  /**
   * Starts the responder: topics checked, previous instance fenced, state restored, loop and
   * endpoints running when this returns.
   *
   * @throws IllegalStateException if a topic is missing or misconfigured, or the state cannot be
   *     restored
   */
  public static RunningComponent start(VigilConfig config, FirewallConfig policy, Options options) {
    TopicCatalog catalog = TopicCatalog.from(config);
    FirewallTopics topics = options.topics().resolve(catalog);
    Topics.ensure(
        config.adminProps(),
        topics.all(),
        List.of(topics.anomalies(), topics.requests()),
        options.createTopics());

    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FirewallPolicy firewall = new FirewallPolicy(policy);
    FirewallHandler handler = new FirewallHandler(firewall, topics, options.clock(), meters);
    Map<String, Object> producer = new HashMap<>(config.producerProps());
    producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, options.transactionalId());
    TransactionalLoop loop =
        new TransactionalLoop(
            new TransactionalLoop.Settings(
                NAME,
                producer,
                config.consumerProps(options.groupId()),
                List.of(topics.anomalies().name(), topics.requests().name()),
                options.tickInterval(),
                options.clock(),
                options.faults()),
            handler,
            meters);
    OpsServer server = null;
    try {
      loop.initTransactions();
      handler.restore(restore(config, firewall, topics, meters));
      loop.start();
      server =
          OpsServer.start(
              options.httpHost(),
              options.httpPort(),
              meters,
              () -> LoopComponent.health(NAME, loop, activeDetails(handler)));
      LOG.info(
          "{} started: {} -> {}, {}, {}; {} active decisions{}",
          NAME,
          List.of(topics.anomalies().name(), topics.requests().name()),
          topics.commands().name(),
          topics.decisions().name(),
          topics.audit().name(),
          handler.state().active().size(),
          policy.dryRun() ? " [dry-run]" : "");
      return new LoopComponent(NAME, loop, server, meters, () -> activeDetails(handler));
    } catch (RuntimeException e) {
      loop.close();
      if (server != null) {
        server.close();
      }
      throw e;
    }
  }

  private static Map<String, Object> activeDetails(FirewallHandler handler) {
    return Map.of("activeDecisions", handler.state().active().size());
  }

  private static FirewallState restore(
      VigilConfig config,
      FirewallPolicy policy,
      FirewallTopics topics,
      PrometheusMeterRegistry meters) {
    CompactedTopicReader.Snapshot<FirewallCommand> snapshot =
        CompactedTopicReader.read(config.commonClientProps(), topics.decisions(), RESTORE_TIMEOUT);
    List<FirewallDecision> latest = new ArrayList<>();
    List<String> invalid = new ArrayList<>(snapshot.invalid());
    for (Map.Entry<String, FirewallCommand> e : snapshot.latest().entrySet()) {
      try {
        latest.add(FirewallRecords.decision(e.getValue()));
      } catch (IllegalArgumentException | NullPointerException ex) {
        invalid.add(e.getKey() + ": " + ex.getMessage());
      }
    }
    for (String problem : invalid) {
      LOG.error(
          "{}: decision skipped on restore from {}: {}", NAME, topics.decisions().name(), problem);
    }
    meters.counter("vigil.firewall.restore.skipped").increment(invalid.size());
    FirewallState state = policy.restore(latest);
    LOG.info(
        "{}: restored {} active decisions and {} targets' history from {} ({} records, {} skipped)",
        NAME,
        state.active().size(),
        state.history().size(),
        topics.decisions().name(),
        snapshot.records(),
        invalid.size());
    return state;
  }
}
