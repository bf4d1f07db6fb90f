package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.VigilConfig;
import io.vigil.devstack.StackEndpoints;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.testkit.VigilStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@VigilStack
class TopicsCreateIT {

  @Test
  void shouldCreateEveryCatalogTopicWithItsPolicyWhenRunTwice(StackEndpoints stack)
      throws Exception {
    // Given the CLI pointed at the stack by flags
    String[] args = {
      "topics", "create", "-b", stack.bootstrapServers(), "-r", stack.schemaRegistryUrl()
    };

    // When topics create runs twice
    Run first = run(args);
    Run second = run(args);

    // Then the first run creates each catalog topic and its DLQ, the second changes nothing
    VigilConfig config =
        VigilConfig.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()));
    List<Topic<?, ?>> catalog = List.copyOf(TopicCatalog.from(config).all());
    assertThat(first.exitCode).isZero();
    assertThat(second.exitCode).isZero();
    assertThat(second.output).contains("0 created, " + 2 * catalog.size() + " already existed");

    try (Admin admin = Admin.create(config.adminProps())) {
      List<String> names =
          catalog.stream().flatMap(t -> java.util.stream.Stream.of(t.name(), t.dlq())).toList();
      Map<String, TopicDescription> described =
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      for (Topic<?, ?> topic : catalog) {
        assertThat(described.get(topic.name()).partitions()).hasSize(topic.partitions());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        Config actual =
            admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        topic
            .configs()
            .forEach(
                (key, value) ->
                    assertThat(actual.get(key).value())
                        .as(topic.name() + " " + key)
                        .isEqualTo(value));
      }
    }
  }

  private record Run(int exitCode, String output) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = VigilCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    int code = cli.execute(args);
    return new Run(code, out.toString());
  }
}
