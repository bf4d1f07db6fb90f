package io.vigil.cli;

import io.vigil.config.VigilConfig;
import io.vigil.devstack.EmbeddedStack;
import io.vigil.devstack.StackOptions;
import io.vigil.schemas.catalog.TopicCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil stack}: the embedded development stack — a real KRaft Kafka broker, the Schema
 * Registry and PostgreSQL with logical replication — on loopback, until Ctrl-C.
 */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description =
        "Start the embedded stack (Kafka broker, Schema Registry, PostgreSQL) on loopback, create"
            + " the catalog topics and run until Ctrl-C. Ports default to free ones.")
final class StackCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin StackPorts ports;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Keep broker and database data here (default: a temp dir removed on stop).")
  Path dataDir;

  @Option(names = "--no-postgres", description = "Do not start PostgreSQL.")
  boolean noPostgres;

  @Option(names = "--no-topics", description = "Do not create the catalog topics.")
  boolean noTopics;

  @Option(
      names = "--properties-out",
      paramLabel = "FILE",
      description = "Write the endpoints as a Vigil properties file (usable with --config).")
  Path propertiesOut;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    StackOptions options =
        StackOptions.builder()
            .dataDir(dataDir)
            .kafkaPort(ports.kafka)
            .registryPort(ports.registry)
            .postgresPort(ports.postgres)
            .withPostgres(!noPostgres)
            .build();
    EmbeddedStack stack = EmbeddedStack.start(options);

    Map<String, String> endpoints = endpoints(stack);
    VigilConfig config = VigilConfig.load(Optional.empty(), Map.of(), endpoints);
    String topicsLine = "";
    if (!noTopics) {
      try (Admin admin = Admin.create(config.adminProps())) {
        TopicProvisioner.Result result =
            new TopicProvisioner(admin).createAll(TopicCatalog.from(config).all());
        topicsLine =
            String.format(
                "topics     %d created, %d existed (vigil topics list)%n",
                result.created().size(), result.existing().size());
      }
    }
    if (propertiesOut != null) {
      writeProperties(propertiesOut, endpoints);
    }

    Duration ready = Duration.ofNanos(System.nanoTime() - started);
    out.printf("Vigil stack ready in %.1f s%n", ready.toMillis() / 1000.0);
    stack
        .startupTimes()
        .forEach(
            (part, d) -> out.printf("  %-16s started in %.1f s%n", part, d.toMillis() / 1000.0));
    out.printf("kafka      %s%n", stack.bootstrapServers());
    out.printf("registry   %s%n", stack.schemaRegistryUrl());
    if (!noPostgres) {
      out.printf(
          "postgres   %s (user %s, password %s)%n",
          stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
    }
    out.print(topicsLine);
    out.println("Use it from another shell:");
    endpoints.forEach(
        (key, value) -> out.printf("  export %s=%s%n", VigilConfig.envName(key), value));
    Foreground.runUntilStopped("stack", stack, out);
    return 0;
  }

  private static Map<String, String> endpoints(EmbeddedStack stack) {
    return Map.of(
        VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
        VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl());
  }

  private static void writeProperties(Path file, Map<String, String> endpoints) throws IOException {
    StringBuilder body = new StringBuilder("# written by `vigil stack`\n");
    endpoints.forEach((k, v) -> body.append(k).append('=').append(v).append('\n'));
    Files.writeString(file, body.toString());
  }
}
