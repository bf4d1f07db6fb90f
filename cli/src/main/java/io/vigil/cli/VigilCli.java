package io.vigil.cli;

import io.vigil.flink.runner.FlinkRestException;
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
    return new CommandLine(new VigilCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(VigilCli::handle);
  }

  /**
   * Failures of a remote service the user pointed us at (an unreachable or refusing Flink REST API)
   * are answered with their message and exit code 1, without a stack trace; anything else is a bug
   * and keeps picocli's default (stack trace).
   */
  private static int handle(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) throws Exception {
    if (e instanceof FlinkRestException) {
      commandLine
          .getErr()
          .println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      commandLine.getErr().flush();
      return 1;
    }
    throw e;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
