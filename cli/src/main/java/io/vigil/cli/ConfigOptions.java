package io.vigil.cli;

import io.vigil.config.VigilConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options shared by every command that talks to a cluster: one properties file, then environment
 * overrides ({@code VIGIL_*}), then these flags.
 */
final class ConfigOptions {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Vigil properties file (see `vigil config` for keys and defaults).")
  Path configFile;

  @Option(
      names = {"-b", "--bootstrap-server"},
      paramLabel = "HOST:PORT[,...]",
      description =
          "Kafka bootstrap servers (overrides " + VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG + ").")
  String bootstrapServers;

  @Option(
      names = {"-r", "--registry"},
      paramLabel = "URL",
      description =
          "Schema Registry URL (overrides " + VigilConfig.SCHEMA_REGISTRY_URL_CONFIG + ").")
  String registryUrl;

  VigilConfig load() {
    return VigilConfig.load(Optional.ofNullable(configFile), System.getenv(), overrides());
  }

  Map<String, String> overrides() {
    Map<String, String> overrides = new HashMap<>();
    if (bootstrapServers != null) {
      overrides.put(VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    if (registryUrl != null) {
      overrides.put(VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
    }
    return overrides;
  }
}
