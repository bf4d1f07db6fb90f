package io.vigil.responders.actuator;

import io.vigil.config.VigilConfig;
import io.vigil.responders.ResponderSettings;
import io.vigil.responders.config.ConfigException;
import io.vigil.responders.kafka.Topics;
import io.vigil.schemas.catalog.TopicCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * What every actuator shares: where commands come from, how repeats and failures are handled, and
 * where /health and /metrics are served.
 *
 * @param groupIdPrefix consumer group prefix; the actuator's name follows
 * @param firewallCommands firewall command topic
 * @param scalingCommands scaling command topic
 * @param dryRun change nothing: log (Kubernetes) or print (nftables) what would be done
 * @param recentIds command ids remembered to skip repeats
 * @param maxAttempts attempts per command on retriable failures
 * @param httpHost bind address of /health and /metrics
 * @param httpPort their port; 0 = free port, -1 = disabled
 * @param createTopics create the command topics and their DLQs when missing
 * @param clock wall clock (nftables timeouts are computed from it)
 */
public record ActuatorOptions(
    String groupIdPrefix,
    String firewallCommands,
    String scalingCommands,
    boolean dryRun,
    int recentIds,
    int maxAttempts,
    String httpHost,
    int httpPort,
    boolean createTopics,
    Clock clock) {

  /** Backoff after the first failed attempt, doubled after each further one. */
  public static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);

  public ActuatorOptions {
    Objects.requireNonNull(groupIdPrefix, "groupIdPrefix");
    Objects.requireNonNull(firewallCommands, "firewallCommands");
    Objects.requireNonNull(scalingCommands, "scalingCommands");
    Objects.requireNonNull(httpHost, "httpHost");
    Objects.requireNonNull(clock, "clock");
  }

  /** The options the settings describe. */
  public static ActuatorOptions from(ResponderSettings s) {
    return new ActuatorOptions(
        s.getString(ResponderSettings.ACTUATORS_GROUP_ID_PREFIX_CONFIG),
        s.getString(ResponderSettings.ACTUATORS_TOPIC_FIREWALL_CONFIG),
        s.getString(ResponderSettings.ACTUATORS_TOPIC_SCALING_CONFIG),
        s.getBoolean(ResponderSettings.ACTUATORS_DRY_RUN_CONFIG),
        s.getInt(ResponderSettings.ACTUATORS_RECENT_IDS_CONFIG),
        s.getInt(ResponderSettings.ACTUATORS_MAX_ATTEMPTS_CONFIG),
        s.getString(ResponderSettings.HTTP_HOST_CONFIG),
        s.getInt(ResponderSettings.ACTUATORS_HTTP_PORT_CONFIG),
        s.getBoolean(ResponderSettings.CREATE_TOPICS_CONFIG),
        Clock.systemUTC());
  }

  /** The documented defaults. */
  public static ActuatorOptions defaults() {
    return from(new ResponderSettings(Map.of()));
  }

  /**
   * Loads and validates the settings of an actuator from one properties file, the environment and
   * the overrides (e.g. {@code vigil.actuators.dry.run=true} for {@code --dry-run}).
   *
   * @throws ConfigException listing every problem at once
   */
  public static ResponderSettings load(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    return ResponderSettings.load(file, env, overrides);
  }

  /** These options with other topics. */
  public ActuatorOptions withTopics(String firewall, String scaling) {
    return new ActuatorOptions(
        groupIdPrefix,
        firewall,
        scaling,
        dryRun,
        recentIds,
        maxAttempts,
        httpHost,
        httpPort,
        createTopics,
        clock);
  }

  /** These options with another group prefix. */
  public ActuatorOptions withGroupIdPrefix(String prefix) {
    return new ActuatorOptions(
        prefix,
        firewallCommands,
        scalingCommands,
        dryRun,
        recentIds,
        maxAttempts,
        httpHost,
        httpPort,
        createTopics,
        clock);
  }

  /** These options in or out of dry-run. */
  public ActuatorOptions withDryRun(boolean d) {
    return new ActuatorOptions(
        groupIdPrefix,
        firewallCommands,
        scalingCommands,
        d,
        recentIds,
        maxAttempts,
        httpHost,
        httpPort,
        createTopics,
        clock);
  }

  /** These options with another HTTP port. */
  public ActuatorOptions withHttpPort(int port) {
    return new ActuatorOptions(
        groupIdPrefix,
        firewallCommands,
        scalingCommands,
        dryRun,
        recentIds,
        maxAttempts,
        httpHost,
        port,
        createTopics,
        clock);
  }

  /** These options with another clock. */
  public ActuatorOptions withClock(Clock c) {
    return new ActuatorOptions(
        groupIdPrefix,
        firewallCommands,
        scalingCommands,
        dryRun,
        recentIds,
        maxAttempts,
        httpHost,
        httpPort,
        createTopics,
        c);
  }

  /** The runtime settings of the actuator {@code name} (group {@code <prefix><groupSuffix>}). */
  Actuator.Settings settings(VigilConfig config, String name, String groupSuffix) {
    Map<String, Object> consumer = new HashMap<>(config.consumerProps(groupIdPrefix + groupSuffix));
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new Actuator.Settings(
        name,
        consumer,
        config.producerProps(),
        recentIds,
        maxAttempts,
        INITIAL_BACKOFF,
        httpHost,
        httpPort);
  }

  /** The catalog's firewall command topic under the configured name. */
  io.vigil.schemas.catalog.Topic<String, io.vigil.ops.FirewallCommand> firewallTopic(
      TopicCatalog catalog) {
    return Topics.renamed(catalog.firewallCommands(), firewallCommands);
  }

  /** The catalog's scaling command topic under the configured name. */
  io.vigil.schemas.catalog.Topic<String, io.vigil.ops.ScalingCommand> scalingTopic(
      TopicCatalog catalog) {
    return Topics.renamed(catalog.scalingCommands(), scalingCommands);
  }

  /** The command topics and their DLQs exist (created when {@link #createTopics()}). */
  void ensureTopics(VigilConfig config, List<io.vigil.schemas.catalog.Topic<?, ?>> topics) {
    Topics.ensure(config.adminProps(), topics, topics, createTopics);
  }
}
