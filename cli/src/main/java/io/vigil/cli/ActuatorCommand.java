package io.vigil.cli;

import io.vigil.responders.ResponderSettings;
import io.vigil.responders.actuator.ActuatorOptions;
import io.vigil.responders.actuator.KubernetesActuator;
import io.vigil.responders.actuator.LogActuator;
import io.vigil.responders.actuator.NftablesActuator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil actuators log|kubernetes|nftables}: one actuator in the foreground until Ctrl-C. */
@Command(
    name = "actuators",
    mixinStandardHelpOptions = true,
    description =
        "Run an actuator on the command topics: log them, apply them through the Kubernetes API,"
            + " or drive nftables on this host. Keys: responders/README.md (vigil.actuators.*).",
    subcommands = {
      ActuatorCommand.Log.class,
      ActuatorCommand.Kubernetes.class,
      ActuatorCommand.Nftables.class
    })
final class ActuatorCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing required subcommand: log, kubernetes or nftables");
  }

  /** The options every actuator takes. */
  static final class Common {
    @Mixin ConfigOptions options;

    @Option(
        names = "--dry-run",
        description =
            "Change nothing: the Kubernetes actuator logs the change it would make, the nftables"
                + " actuator prints its nft scripts.")
    boolean dryRun;

    @Option(
        names = "--http-port",
        paramLabel = "N",
        description = "/health and /metrics port (default 8093; 0 = free port, -1 = disabled).")
    Integer httpPort;

    ResponderSettings load() {
      Map<String, String> overrides = new HashMap<>(options.overrides());
      if (dryRun) {
        overrides.put(ResponderSettings.ACTUATORS_DRY_RUN_CONFIG, "true");
      }
      if (httpPort != null) {
        overrides.put(ResponderSettings.ACTUATORS_HTTP_PORT_CONFIG, httpPort.toString());
      }
      return ActuatorOptions.load(
          Optional.ofNullable(options.configFile), System.getenv(), overrides);
    }

    String mode() {
      return dryRun ? "dry-run" : "applying commands";
    }
  }

  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      description = "Log every firewall and scaling command (logger io.vigil.responders.commands).")
  static final class Log implements Callable<Integer> {
    @Mixin Common common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return ResponderCommand.runStarted(
          spec,
          () -> {
            ResponderSettings s = common.load();
            return LogActuator.start(s, ActuatorOptions.from(s));
          },
          common.mode());
    }
  }

  @Command(
      name = "kubernetes",
      mixinStandardHelpOptions = true,
      description =
          "Scale Deployments and isolate services/edges with NetworkPolicies (in-cluster service"
              + " account, or KUBECONFIG / ~/.kube/config).")
  static final class Kubernetes implements Callable<Integer> {
    @Mixin Common common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return ResponderCommand.runStarted(
          spec,
          () -> {
            ResponderSettings s = common.load();
            return KubernetesActuator.start(
                s, ActuatorOptions.from(s), KubernetesActuator.Options.from(s));
          },
          common.mode());
    }
  }

  @Command(
      name = "nftables",
      mixinStandardHelpOptions = true,
      description =
          "Enforce BLOCK/RATE_LIMIT/UNBLOCK on this host with nftables (table inet vigil); one"
              + " instance per host. --dry-run prints the scripts instead of running nft.")
  static final class Nftables implements Callable<Integer> {
    @Mixin Common common;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return ResponderCommand.runStarted(
          spec,
          () -> {
            ResponderSettings s = common.load();
            NftablesActuator.Options nft =
                NftablesActuator.Options.from(s)
                    .withDryRunOutput(
                        script -> {
                          spec.commandLine().getOut().print(script);
                          spec.commandLine().getOut().flush();
                        });
            return NftablesActuator.start(s, ActuatorOptions.from(s), nft);
          },
          common.mode());
    }
  }
}
