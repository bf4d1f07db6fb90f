package io.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one {@code vigil} command: every Vigil component and tool is a subcommand. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Vigil: event-driven streaming analytics for microservice platforms.",
    subcommands = {
      StackCommand.class,
      DemoCommand.class,
      StreamsCommand.class,
      IngestCommand.class,
      CdcCommand.class,
      FlinkCommand.class,
      TopicsCommand.class,
      ConfigCommand.class,
      SimulateCommand.class,
      TrainCommand.class,
      ScoreCommand.class,
      ForecastCommand.class,
      EvaluateCommand.class,
      ResponderCommand.class,
      ActuatorCommand.class,
      DecisionsCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class VigilCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A command line wired like {@link #main}, for tests and embedding. */
  public static CommandLine commandLine() {
    return new CommandLine(new VigilCli()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
