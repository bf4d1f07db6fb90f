package io.vigil.cli;

import io.vigil.config.VigilConfig;
import io.vigil.streams.app.OrderSagaConfig;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil config}: the documented configuration keys, or the effective values. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description =
        "Print every configuration key of a component with its documentation and default, or"
            + " (--effective) the values after the file, VIGIL_* environment variables and flags"
            + " are applied.")
final class ConfigCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--effective", description = "Print effective values instead of the docs.")
  boolean effective;

  @Option(
      names = "--component",
      defaultValue = "core",
      description = "Whose keys: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Component component;

  /** Components with configuration keys of their own (each includes the core keys). */
  enum Component {
    core(VigilConfig::configDef),
    streams(OrderSagaConfig::configDef),
    ingest(io.vigil.ingest.IngestConfig::configDef);

    private final Supplier<ConfigDef> definition;

    Component(Supplier<ConfigDef> definition) {
      this.definition = definition;
    }
  }

  @Override
  public Integer call() {
    ConfigDef definition = component.definition.get();
    if (effective) {
      AbstractConfig config =
          new AbstractConfig(
              definition,
              VigilConfig.resolve(
                  definition,
                  Optional.ofNullable(options.configFile),
                  System.getenv(),
                  options.overrides()),
              false);
      config.values().forEach((k, v) -> spec.commandLine().getOut().println(k + "=" + v));
    } else {
      spec.commandLine().getOut().println(definition.toRst());
    }
    return 0;
  }
}
