package io.vigil.cli;

import io.vigil.bench.BenchResult;
import io.vigil.bench.Benchmark;
import io.vigil.bench.Benchmarks;
import io.vigil.config.VigilConfig;
import io.vigil.devstack.EmbeddedStack;
import io.vigil.devstack.StackOptions;
import io.vigil.simulator.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil bench <name>}: runs a benchmark and its reference in the same run, on the embedded
 * stack unless {@code --bootstrap-server} names a cluster; prints a Markdown table and the ratio,
 * writes JSON under {@code target/bench/}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Run a benchmark next to its reference measured in the same run (embedded stack unless"
            + " -b/--bootstrap-server is given). Prints a Markdown table ending in"
            + " `ratio: X (target ≥ Y)` and writes target/bench/<name>.json.")
final class BenchCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "Benchmark; --list shows them.")
  String name;

  @Option(names = "--list", description = "List the benchmarks.")
  boolean list;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      description = "Per measured side. Default: ${DEFAULT-VALUE}.")
  String duration;

  @Option(
      names = "--out",
      defaultValue = "target/bench",
      paramLabel = "DIR",
      description = "JSON output dir.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    if (list || name == null) {
      Benchmarks.all().forEach(b -> stdout.println(b.name()));
      return 0;
    }
    Benchmark benchmark =
        Benchmarks.named(name)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(), "unknown benchmark '" + name + "' (see --list)"));
    BenchResult result;
    if (options.bootstrapServers == null) {
      try (EmbeddedStack stack =
          EmbeddedStack.start(StackOptions.builder().withPostgres(false).build())) {
        VigilConfig config =
            VigilConfig.load(
                Optional.empty(),
                Map.of(),
                Map.of(
                    VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()));
        result = benchmark.run(config, Durations.parse(duration));
      }
    } else {
      result = benchmark.run(options.load(), Durations.parse(duration));
    }
    stdout.print(result.toMarkdown());
    stdout.println("json: " + result.writeJson(out));
    return 0;
  }
}
