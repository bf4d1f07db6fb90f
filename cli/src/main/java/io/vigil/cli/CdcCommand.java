package io.vigil.cli;

import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.cdc.CdcRelay;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil cdc}: the outbox relay — Debezium on each source database's {@code outbox} table,
 * publishing to {@code <aggregatetype>.events} with offsets in Kafka.
 */
@Command(
    name = "cdc",
    mixinStandardHelpOptions = true,
    description =
        "Run the CDC outbox relay (Debezium embedded, pgoutput, EventRouter) for one or more"
            + " PostgreSQL sources; passwords from VIGIL_CDC_SOURCE_<NAME>_PASSWORD.")
final class CdcCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--source",
      paramLabel = "NAME=JDBC_URL",
      description = "A source database (repeatable); adds to vigil.cdc.sources.")
  Map<String, String> sources = new LinkedHashMap<>();

  @Option(names = "--user", description = "Database user for every --source.")
  String user;

  @Override
  public Integer call() throws Exception {
    Map<String, String> overrides = new HashMap<>(options.overrides());
    if (!sources.isEmpty()) {
      overrides.put(IngestConfig.CDC_SOURCES_CONFIG, String.join(",", sources.keySet()));
      sources.forEach(
          (name, url) -> {
            overrides.put("vigil.cdc.source." + name + ".jdbc.url", url);
            if (user != null) {
              overrides.put("vigil.cdc.source." + name + ".user", user);
            }
          });
    }
    IngestConfig config =
        IngestConfig.load(Optional.ofNullable(options.configFile), System.getenv(), overrides);
    CdcRelay relay = CdcRelay.start(config);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "cdc relay running for sources %s%n", config.getList(IngestConfig.CDC_SOURCES_CONFIG));
    Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "vigil-cdc-shutdown"));
    try {
      relay.failure().get();
      return 0;
    } catch (ExecutionException e) {
      spec.commandLine().getErr().println("vigil cdc: relay failed: " + e.getCause());
      return 1;
    }
  }
}
