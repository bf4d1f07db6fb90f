package io.vigil.cli;

import io.vigil.config.VigilConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil config}: the documented configuration keys, or the effective values. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description =
        "Print every configuration key with its documentation and default, or (--effective) the"
            + " values after the file, VIGIL_* environment variables and flags are applied.")
final class ConfigCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--effective", description = "Print effective values instead of the docs.")
  boolean effective;

  @Override
  public Integer call() {
    if (effective) {
      options.load().values().forEach((k, v) -> spec.commandLine().getOut().println(k + "=" + v));
    } else {
      spec.commandLine().getOut().println(VigilConfig.documentation());
    }
    return 0;
  }
}
