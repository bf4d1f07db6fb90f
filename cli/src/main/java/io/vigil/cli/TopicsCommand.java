package io.vigil.cli;

import io.vigil.config.VigilConfig;
import io.vigil.schemas.catalog.TopicCatalog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vigil topics ...}: manage the catalog's topics on any cluster. */
@Command(
    name = "topics",
    description = "Manage Vigil's topics.",
    mixinStandardHelpOptions = true,
    subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class})
final class TopicsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil topics create}: every catalog topic and its DLQ, idempotently. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create every catalog topic and its <topic>.dlq with the configured partitions,"
              + " replication factor and cleanup policy. Existing topics are left unchanged.")
  static final class Create implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      VigilConfig config = options.load();
      PrintWriter out = spec.commandLine().getOut();
      try (Admin admin = Admin.create(config.adminProps())) {
        TopicProvisioner.Result result =
            new TopicProvisioner(admin).createAll(TopicCatalog.from(config).all());
        result.created().forEach(t -> out.println("created  " + t));
        result.existing().forEach(t -> out.println("exists   " + t));
        out.printf(
            "%d created, %d already existed on %s%n",
            result.created().size(), result.existing().size(), config.bootstrapServers());
      }
      return 0;
    }
  }

  /** {@code vigil topics list}: the catalog, as this configuration would create it. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Print the topic catalog (name, partitions, configs, value type).")
  static final class ListTopics implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      TopicCatalog.from(options.load())
          .all()
          .forEach(
              t -> out.printf("%-28s partitions=%d %s%n", t.name(), t.partitions(), t.configs()));
      return 0;
    }
  }
}
