package io.vigil.responders.actuator;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.ScalingCommand;
import io.vigil.ops.ScalingMode;
import io.vigil.responders.RunningComponent;
import io.vigil.schemas.catalog.TopicCatalog;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log actuator ({@code vigil actuators log}): writes every firewall and scaling command to the
 * log, one line each, and changes nothing. Enforced commands count as {@code applied/logged},
 * dry-run ones (not enforced, mode DRY_RUN) as {@code skipped/not_enforced} — both are logged.
 */
public final class LogActuator {

  /** Actuator name: thread, metrics, health; the consumer group is the prefix + {@code log}. */
  public static final String NAME = "log-actuator";

  private static final Logger COMMANDS = LoggerFactory.getLogger("io.vigil.responders.commands");

  private LogActuator() {}

  /** Starts the log actuator on both command topics. */
  public static RunningComponent start(VigilConfig config, ActuatorOptions options) {
    TopicCatalog catalog = TopicCatalog.from(config);
    var firewall = options.firewallTopic(catalog);
    var scaling = options.scalingTopic(catalog);
    options.ensureTopics(config, List.of(firewall, scaling));
    return Actuator.start(
        options.settings(config, NAME, "log"),
        List.of(
            new Actuator.Route<>(firewall, FirewallCommand::getCommandId, LogActuator::log),
            new Actuator.Route<>(scaling, ScalingCommand::getCommandId, LogActuator::log)),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        () -> {});
  }

  /** Logs a firewall command. */
  static Actuation log(FirewallCommand c) {
    String line = describe(c);
    COMMANDS.info("{}", line);
    return c.getEnforced()
        ? Actuation.applied("logged", line)
        : Actuation.skipped("not_enforced", line);
  }

  /** Logs a scaling command. */
  static Actuation log(ScalingCommand c) {
    String line = describe(c);
    COMMANDS.info("{}", line);
    return c.getMode() == ScalingMode.ENFORCE
        ? Actuation.applied("logged", line)
        : Actuation.skipped("not_enforced", line);
  }

  /** One line describing a firewall command. */
  public static String describe(FirewallCommand c) {
    return "firewall "
        + c.getCommandId()
        + " "
        + c.getKind()
        + " "
        + lower(c.getAction())
        + (c.getRate() == null ? "" : " " + c.getRate() + "/s")
        + " "
        + lower(c.getScope())
        + ":"
        + c.getTarget()
        + (c.getExpiresAt() == null || c.getTtlMs() == null || c.getTtlMs() == 0
            ? ""
            : " until " + c.getExpiresAt())
        + (c.getEnforced() ? "" : " [not enforced]")
        + ": "
        + c.getReason();
  }

  /** One line describing a scaling command. */
  public static String describe(ScalingCommand c) {
    return "scaling "
        + c.getCommandId()
        + " "
        + c.getService()
        + " "
        + c.getCurrentReplicas()
        + " -> "
        + c.getDesiredReplicas()
        + (c.getMode() == ScalingMode.ENFORCE ? "" : " [not enforced]")
        + ": "
        + c.getReason();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
