package io.vigil.responders;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.responders.config.ConfigException;
import io.vigil.responders.kafka.FaultInjection;
import io.vigil.responders.kafka.ScalingHandler;
import io.vigil.responders.kafka.ScalingHandler.LoadSource;
import io.vigil.responders.kafka.ScalingHandler.ScalingTopics;
import io.vigil.responders.kafka.ScalingHandler.Wiring;
import io.vigil.responders.kafka.Topics;
import io.vigil.responders.kafka.TransactionalLoop;
import io.vigil.responders.ops.OpsServer;
import io.vigil.responders.scaling.ScalingConfig;
import io.vigil.responders.scaling.ScalingPolicy;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scaling responder ({@code vigil responders scaling}): consumes {@code analytics.forecasts}
 * and observed load and replica counts ({@code telemetry.metrics}, or request rates from {@code
 * telemetry.requests}), applies the HPA-like {@link ScalingPolicy} and publishes {@code
 * ops.scaling-commands}, exactly once (see {@link TransactionalLoop} and {@link ScalingHandler}).
 */
public final class ScalingResponder {

  /** Component name: thread, metrics and health. */
  public static final String NAME = "scaling-responder";

  private static final Logger LOG = LoggerFactory.getLogger(ScalingResponder.class);

  private ScalingResponder() {}

  /**
   * Topic names of the scaling responder.
   *
   * @param forecasts input: load forecasts
   * @param metrics input: replica counts and (load source metrics) the load gauge
   * @param requests input with load source requests: access logs
   * @param commands output: scaling commands
   */
  public record TopicNames(String forecasts, String metrics, String requests, String commands) {

    /** The catalog names. */
    public static TopicNames defaults() {
      return new TopicNames(
          io.vigil.schemas.catalog.TopicNames.ANALYTICS_FORECASTS,
          io.vigil.schemas.catalog.TopicNames.TELEMETRY_METRICS,
          io.vigil.schemas.catalog.TopicNames.TELEMETRY_REQUESTS,
          io.vigil.schemas.catalog.TopicNames.OPS_SCALING_COMMANDS);
    }

    /** The typed topics under these names. */
    public ScalingTopics resolve(TopicCatalog catalog) {
      return new ScalingTopics(
          Topics.renamed(catalog.forecasts(), forecasts),
          Topics.renamed(catalog.metrics(), metrics),
          Topics.renamed(catalog.requests(), requests),
          Topics.renamed(catalog.scalingCommands(), commands));
    }
  }

  /**
   * How the responder is wired.
   *
   * @param groupId consumer group (committed offsets)
   * @param transactionalId stable transactional.id: one active instance
   * @param topics topic names
   * @param wiring load source, metric names, load window, dry-run
   * @param tickInterval how often idle request windows are closed
   * @param createTopics create missing topics at start
   * @param httpHost bind address of /health and /metrics
   * @param httpPort their port; 0 = free port, -1 = disabled
   * @param clock wall clock of ticks
   * @param faults fault injection, {@link FaultInjection#NONE} in production
   */
  public record Options(
      String groupId,
      String transactionalId,
      TopicNames topics,
      Wiring wiring,
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
      Objects.requireNonNull(wiring, "wiring");
      Objects.requireNonNull(tickInterval, "tickInterval");
      Objects.requireNonNull(httpHost, "httpHost");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(faults, "faults");
    }

    /** The options the settings describe. */
    public static Options from(ResponderSettings s) {
      return new Options(
          s.getString(ResponderSettings.SCALING_GROUP_ID_CONFIG),
          s.getString(ResponderSettings.SCALING_TRANSACTIONAL_ID_CONFIG),
          new TopicNames(
              s.getString(ResponderSettings.SCALING_TOPIC_FORECASTS_CONFIG),
              s.getString(ResponderSettings.SCALING_TOPIC_METRICS_CONFIG),
              s.getString(ResponderSettings.SCALING_TOPIC_REQUESTS_CONFIG),
              s.getString(ResponderSettings.SCALING_TOPIC_COMMANDS_CONFIG)),
          new Wiring(
              LoadSource.valueOf(
                  s.getString(ResponderSettings.SCALING_LOAD_SOURCE_CONFIG)
                      .toUpperCase(Locale.ROOT)),
              s.getString(ResponderSettings.SCALING_LOAD_METRIC_CONFIG),
              s.getString(ResponderSettings.SCALING_REPLICAS_METRIC_CONFIG),
              s.getString(ResponderSettings.SCALING_FORECAST_METRIC_CONFIG),
              Duration.ofMillis(s.getLong(ResponderSettings.SCALING_LOAD_WINDOW_MS_CONFIG)),
              s.getBoolean(ResponderSettings.SCALING_DRY_RUN_CONFIG)),
          Duration.ofMillis(s.getLong(ResponderSettings.SCALING_TICK_INTERVAL_MS_CONFIG)),
          s.getBoolean(ResponderSettings.CREATE_TOPICS_CONFIG),
          s.getString(ResponderSettings.HTTP_HOST_CONFIG),
          s.getInt(ResponderSettings.SCALING_HTTP_PORT_CONFIG),
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
          wiring,
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
          wiring,
          tickInterval,
          createTopics,
          httpHost,
          httpPort,
          clock,
          faults);
    }

    /** These options with another wiring of observations. */
    public Options withWiring(Wiring w) {
      return new Options(
          groupId,
          transactionalId,
          topics,
          w,
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
          wiring,
          tickInterval,
          createTopics,
          httpHost,
          port,
          clock,
          faults);
    }
  }

  /**
   * Everything {@link #start} needs, read from one properties file.
   *
   * @param settings Kafka, registry and wiring keys
   * @param policy the scaling policy ({@code vigil.scaling.*})
   * @param options the wiring as options
   */
  public record Setup(ResponderSettings settings, ScalingConfig policy, Options options) {

    /**
     * Loads and validates the file (if any), the environment (wiring keys) and the overrides (e.g.
     * {@code vigil.responders.scaling.dry.run=true} for {@code --dry-run}).
     *
     * @throws ConfigException listing every problem of the wiring and of the policy at once
     */
    public static Setup load(
        Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
      Map<String, String> values = ResponderSettings.resolve(file, env, overrides);
      List<String> problems = new ArrayList<>(ResponderSettings.problems(values));
      ScalingConfig policy = null;
      try {
        policy = ScalingConfig.fromProperties(ResponderSettings.properties(values));
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
      if (policy != null && policy.services().isEmpty()) {
        problems.add(ScalingConfig.SERVICES.name() + ": no service to manage; list at least one");
      }
      if (!problems.isEmpty()) {
        throw new ConfigException("scaling responder", problems);
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
   * Starts the responder: topics checked, previous instance fenced, loop and endpoints running when
   * this returns.
   *
   * @throws IllegalStateException if a topic is missing
   */
  public static RunningComponent start(VigilConfig config, ScalingConfig policy, Options options) {
    TopicCatalog catalog = TopicCatalog.from(config);
    ScalingTopics topics = options.topics().resolve(catalog);
    List<Topic<?, ?>> inputs = new ArrayList<>(List.of(topics.forecasts(), topics.metrics()));
    if (options.wiring().source() == LoadSource.REQUESTS) {
      inputs.add(topics.requests());
    }
    List<Topic<?, ?>> all = new ArrayList<>(inputs);
    all.add(topics.commands());
    Topics.ensure(config.adminProps(), all, inputs, options.createTopics());

    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ScalingHandler handler =
        new ScalingHandler(new ScalingPolicy(policy), topics, options.wiring(), meters);
    Map<String, Object> producer = new HashMap<>(config.producerProps());
    producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, options.transactionalId());
    List<String> inputNames = inputs.stream().map(Topic::name).toList();
    TransactionalLoop loop =
        new TransactionalLoop(
            new TransactionalLoop.Settings(
                NAME,
                producer,
                config.consumerProps(options.groupId()),
                inputNames,
                options.tickInterval(),
                options.clock(),
                options.faults()),
            handler,
            meters);
    OpsServer server = null;
    try {
      loop.initTransactions();
      loop.start();
      server =
          OpsServer.start(
              options.httpHost(),
              options.httpPort(),
              meters,
              () -> LoopComponent.health(NAME, loop, Map.of("services", handler.services())));
      LOG.info(
          "{} started: {} -> {}, managing {}{}",
          NAME,
          inputNames,
          topics.commands().name(),
          policy.services().keySet(),
          options.wiring().dryRun() ? " [dry-run]" : "");
      return new LoopComponent(
          NAME, loop, server, meters, () -> Map.of("services", handler.services()));
    } catch (RuntimeException e) {
      loop.close();
      if (server != null) {
        server.close();
      }
      throw e;
    }
  }
}
