package io.vigil.cli;

import io.vigil.responders.FirewallResponder;
import io.vigil.responders.ResponderSettings;
import io.vigil.responders.RunningComponent;
import io.vigil.responders.ScalingResponder;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil responders firewall|scaling}: one responder in the foreground until Ctrl-C; exits 1
 * when it stops on a fatal error (fenced by another instance, authorization, ...).
 */
@Command(
    name = "responders",
    mixinStandardHelpOptions = true,
    description =
        "Run a responder: the firewall policy (anomalies -> firewall decisions) or the scaling"
            + " policy (load and forecasts -> scaling commands). Keys: responders/README.md.",
    subcommands = {ResponderCommand.Firewall.class, ResponderCommand.Scaling.class})
final class ResponderCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing required subcommand: firewall or scaling");
  }

  /**
   * Runs a started component until Ctrl-C; 1 if it fails, 1 with the problems if it cannot start.
   */
  static int runStarted(
      CommandLine.Model.CommandSpec spec, Callable<RunningComponent> starter, String started)
      throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunningComponent component;
    try {
      component = starter.call();
    } catch (IllegalArgumentException
        | IllegalStateException
        | org.apache.kafka.common.config.ConfigException
        | io.vigil.responders.actuator.ActuationException e) {
      // io.vigil.responders.config.ConfigException lists every problem of the file at once
      err.println(e.getMessage());
      err.flush();
      return 1;
    }
    out.printf("%s running; %s%n", component.name(), started(component, started));
    return Foreground.runUntilStopped(component, out, err);
  }

  private static String started(RunningComponent c, String what) {
    return c.httpPort() < 0
        ? what + "; /health and /metrics disabled"
        : what + "; /health and /metrics on port " + c.httpPort();
  }

  @Command(
      name = "firewall",
      mixinStandardHelpOptions = true,
      description =
          "Run the firewall responder: analytics.anomalies and operator requests ->"
              + " ops.firewall-commands, ops.firewall-decisions, ops.firewall-audit (exactly"
              + " once). One active instance: a second one fences the first.")
  static final class Firewall implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--dry-run",
        description = "Publish decisions with enforced=false: actuators only log them.")
    boolean dryRun;

    @Option(
        names = "--http-port",
        paramLabel = "N",
        description = "/health and /metrics port (default 8091; 0 = free port, -1 = disabled).")
    Integer httpPort;

    Map<String, String> overrides() {
      Map<String, String> overrides = new HashMap<>(options.overrides());
      if (dryRun) {
        overrides.put("vigil.firewall.dry-run", "true");
      }
      if (httpPort != null) {
        overrides.put(ResponderSettings.FIREWALL_HTTP_PORT_CONFIG, httpPort.toString());
      }
      return overrides;
    }

    /** Loads the setup and starts the responder (what {@link #call} runs in the foreground). */
    RunningComponent start() {
      return FirewallResponder.start(
          FirewallResponder.Setup.load(
              Optional.ofNullable(options.configFile), System.getenv(), overrides()));
    }

    @Override
    public Integer call() throws Exception {
      return runStarted(spec, this::start, dryRun ? "dry-run" : "enforcing");
    }
  }

  @Command(
      name = "scaling",
      mixinStandardHelpOptions = true,
      description =
          "Run the scaling responder: telemetry.metrics (or telemetry.requests) and"
              + " analytics.forecasts -> ops.scaling-commands (exactly once). Needs"
              + " vigil.scaling.services.")
  static final class Scaling implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--dry-run",
        description = "Publish every scaling command with mode DRY_RUN: actuators only log them.")
    boolean dryRun;

    @Option(
        names = "--http-port",
        paramLabel = "N",
        description = "/health and /metrics port (default 8092; 0 = free port, -1 = disabled).")
    Integer httpPort;

    Map<String, String> overrides() {
      Map<String, String> overrides = new HashMap<>(options.overrides());
      if (dryRun) {
        overrides.put(ResponderSettings.SCALING_DRY_RUN_CONFIG, "true");
      }
      if (httpPort != null) {
        overrides.put(ResponderSettings.SCALING_HTTP_PORT_CONFIG, httpPort.toString());
      }
      return overrides;
    }

    RunningComponent start() {
      return ScalingResponder.start(
          ScalingResponder.Setup.load(
              Optional.ofNullable(options.configFile), System.getenv(), overrides()));
    }

    @Override
    public Integer call() throws Exception {
      return runStarted(spec, this::start, dryRun ? "dry-run" : "enforcing");
    }
  }
}
