package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vigil.config.VigilConfig;
import io.vigil.ingest.IngestConfig;
import io.vigil.responders.FirewallResponder;
import io.vigil.responders.ScalingResponder;
import io.vigil.streams.app.OrderSagaConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * Keeps {@code compose/docker-compose.yml} honest without a Docker engine: every Vigil service runs
 * a command this CLI accepts, with a config file that exists and that the component's own loader
 * validates, and waits for what it needs. (CI also runs {@code docker-compose config -q}.)
 */
class ComposeFileTest {

  private static final Path COMPOSE_DIR = Path.of("..", "compose");
  private static final String VIGIL_IMAGE_PREFIX = "vigil:";
  private static final String CONFIG_MOUNT = "/etc/vigil/";

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    try (Reader reader = Files.newBufferedReader(COMPOSE_DIR.resolve("docker-compose.yml"))) {
      Map<String, Object> root = new Yaml().load(reader); // resolves anchors and << merges
      return (Map<String, Map<String, Object>>) root.get("services");
    }
  }

  /** Every `vigil ...` invocation in the file, by service: its command or its script's lines. */
  static Stream<List<String>> vigilInvocations() throws IOException {
    List<List<String>> invocations = new ArrayList<>();
    for (Map<String, Object> service : services().values()) {
      if (!String.valueOf(service.get("image")).startsWith(VIGIL_IMAGE_PREFIX)) {
        continue;
      }
      Object command = service.get("command");
      if (service.containsKey("entrypoint")) {
        // a shell script: one `vigil ...` per line
        String script = String.join("\n", asStrings(command));
        for (String line : script.split("\n")) {
          String trimmed = line.trim();
          if (trimmed.startsWith("vigil ")) {
            List<String> words = new ArrayList<>(Arrays.asList(trimmed.split("\\s+")));
            words.remove(0);
            invocations.add(words);
          }
        }
      } else {
        invocations.add(asStrings(command));
      }
    }
    return invocations.stream();
  }

  @SuppressWarnings("unchecked")
  private static List<String> asStrings(Object value) {
    if (value instanceof List<?> list) {
      return (List<String>) list;
    }
    return List.of(String.valueOf(value));
  }

  @Test
  void coversEveryVigilServiceOfTheDeployment() throws IOException {
    assertThat(services())
        .containsKeys(
            "kafka-1",
            "kafka-2",
            "kafka-3",
            "schema-registry",
            "postgres",
            "jobmanager",
            "taskmanager-1",
            "taskmanager-2",
            "vigil-init",
            "gateway",
            "cdc",
            "streams-1",
            "streams-2",
            "firewall-responder",
            "scaling-responder");
    List<String> commands = vigilInvocations().map(args -> args.get(0)).toList();
    assertThat(commands)
        .contains("topics", "train", "flink", "ingest", "cdc", "streams", "responders");
    assertThat(vigilInvocations().filter(args -> args.get(0).equals("streams"))).hasSize(2);
  }

  @ParameterizedTest
  @MethodSource("vigilInvocations")
  void everyVigilCommandParsesAndItsConfigFileLoads(List<String> args) {
    CommandLine cli = new CommandLine(new VigilCli());
    assertThatCode(() -> cli.parseArgs(args.toArray(String[]::new)))
        .describedAs("vigil %s", String.join(" ", args))
        .doesNotThrowAnyException();

    Optional<Path> config = configFile(args);
    config.ifPresent(file -> assertThat(file).describedAs("vigil %s", args).isRegularFile());
    Map<String, String> noEnv = Map.of();
    Map<String, String> none = new LinkedHashMap<>();
    assertThatCode(
            () -> {
              switch (args.get(0) + (args.size() > 1 ? " " + args.get(1) : "")) {
                case "ingest -c", "cdc -c" -> IngestConfig.load(config, noEnv, none);
                case "streams -c" -> OrderSagaConfig.load(config, noEnv, none);
                case "responders firewall" -> FirewallResponder.Setup.load(config, noEnv, none);
                case "responders scaling" -> ScalingResponder.Setup.load(config, noEnv, none);
                default -> VigilConfig.load(config, noEnv, none);
              }
            })
        .describedAs("config of vigil %s", String.join(" ", args))
        .doesNotThrowAnyException();
  }

  @Test
  void everyVigilServiceWaitsForKafkaTheRegistryAndTheInitJob() throws IOException {
    for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
      Map<String, Object> definition = service.getValue();
      if (!String.valueOf(definition.get("image")).startsWith(VIGIL_IMAGE_PREFIX)
          || service.getKey().equals("vigil-init")) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Map<String, String>> dependsOn =
          (Map<String, Map<String, String>>) definition.get("depends_on");
      assertThat(dependsOn).describedAs(service.getKey()).isNotNull();
      assertThat(dependsOn.get("vigil-init"))
          .describedAs(service.getKey())
          .containsEntry("condition", "service_completed_successfully");
      for (String infra : List.of("kafka-1", "kafka-2", "kafka-3", "schema-registry")) {
        assertThat(dependsOn.get(infra))
            .describedAs(service.getKey() + " on " + infra)
            .containsEntry("condition", "service_healthy");
      }
    }
  }

  @Test
  void mountedHostFilesExist() throws IOException {
    for (Map<String, Object> definition : services().values()) {
      Object volumes = definition.get("volumes");
      if (volumes == null) {
        continue;
      }
      for (String volume : asStrings(volumes)) {
        String source = volume.split(":")[0];
        if (source.startsWith(".")) {
          assertThat(COMPOSE_DIR.resolve(source)).describedAs(volume).exists();
        }
      }
    }
  }

  private static Optional<Path> configFile(List<String> args) {
    for (int i = 0; i < args.size() - 1; i++) {
      if (args.get(i).equals("-c") || args.get(i).equals("--config")) {
        String file = args.get(i + 1);
        assertThat(file).startsWith(CONFIG_MOUNT);
        return Optional.of(
            COMPOSE_DIR.resolve("config").resolve(file.substring(CONFIG_MOUNT.length())));
      }
    }
    return Optional.empty();
  }
}
