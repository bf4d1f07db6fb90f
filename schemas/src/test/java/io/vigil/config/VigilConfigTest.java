package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilConfigTest {

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path file = dir.resolve("vigil.properties");
    Files.writeString(file, content);
    return file;
  }

  @Test
  void shouldPointAtLocalhostWhenNothingIsConfigured() {
    // When
    VigilConfig config = VigilConfig.load(Optional.empty(), Map.of(), Map.of());

    // Then
    assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
    assertThat(config.schemaRegistryUserInfo()).isEmpty();
    assertThat(config.partitions()).isEqualTo(3);
    assertThat(config.replicationFactor()).isEqualTo((short) 1);
  }

  @Test
  void shouldReadFileWhenGiven() throws IOException {
    // Given
    Path file = file("vigil.kafka.bootstrap.servers=kafka:9092\nvigil.topic.partitions=12\n");

    // When
    VigilConfig config = VigilConfig.load(Optional.of(file), Map.of(), Map.of());

    // Then
    assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(config.partitions()).isEqualTo(12);
  }

  @Test
  void shouldLetEnvBeatFileAndOverridesBeatEnvWhenKeysCollide() throws IOException {
    // Given
    Path file = file("vigil.kafka.bootstrap.servers=file:9092\nvigil.topic.partitions=12\n");
    Map<String, String> env =
        Map.of(
            "VIGIL_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
            "VIGIL_TOPIC_PARTITIONS", "6",
            "VIGIL_SCHEMA_REGISTRY_URL", "http://env:8081");
    Map<String, String> overrides = Map.of("vigil.topic.partitions", "1");

    // When
    VigilConfig config = VigilConfig.load(Optional.of(file), env, overrides);

    // Then
    assertThat(config.bootstrapServers()).isEqualTo("env:9092");
    assertThat(config.schemaRegistryUrl()).isEqualTo("http://env:8081");
    assertThat(config.partitions()).isEqualTo(1);
  }

  @Test
  void shouldMapKeyToEnvNameWhenDotsAndDashesAreUsed() {
    assertThat(VigilConfig.envName("vigil.kafka.bootstrap.servers"))
        .isEqualTo("VIGIL_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(VigilConfig.envName("vigil.some-key.x")).isEqualTo("VIGIL_SOME_KEY_X");
  }

  @Test
  void shouldNameKeyWhenValueIsInvalid() {
    assertThatThrownBy(
            () ->
                VigilConfig.load(
                    Optional.empty(), Map.of("VIGIL_TOPIC_PARTITIONS", "many"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vigil.topic.partitions");
    assertThatThrownBy(
            () ->
                VigilConfig.load(
                    Optional.empty(), Map.of(), Map.of("vigil.topic.replication.factor", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vigil.topic.replication.factor");
  }

  @Test
  void shouldNameFileWhenItDoesNotExist() {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(() -> VigilConfig.load(Optional.of(missing), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void shouldDeriveClientPropsWhenAskedForProducerConsumerAndAdmin() {
    // Given
    VigilConfig config =
        new VigilConfig(
            Map.of(
                "vigil.kafka.bootstrap.servers", "k:9092",
                "vigil.kafka.client.security.protocol", "SASL_SSL"));

    // When / Then
    assertThat(config.producerProps())
        .containsEntry("bootstrap.servers", "k:9092")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("security.protocol", "SASL_SSL");
    assertThat(config.consumerProps("g1"))
        .containsEntry("group.id", "g1")
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("security.protocol", "SASL_SSL");
    assertThat(config.adminProps()).containsEntry("bootstrap.servers", "k:9092");
  }

  @Test
  void shouldCarryRegistryCredentialsWhenUserInfoIsSet() {
    // Given
    VigilConfig config =
        VigilConfig.load(
            Optional.empty(),
            Map.of("VIGIL_SCHEMA_REGISTRY_USER_INFO", "alice:pw"),
            Map.of("vigil.schema.registry.url", "https://sr:8081"));

    // When
    Map<String, Object> serde = config.serdeConfig();

    // Then
    assertThat(serde)
        .containsEntry("schema.registry.url", "https://sr:8081")
        .containsEntry("basic.auth.credentials.source", "USER_INFO")
        .containsEntry("basic.auth.user.info", "alice:pw")
        .containsEntry("auto.register.schemas", true);
  }

  @Test
  void shouldNotLeakPasswordWhenPrinted() {
    VigilConfig config = new VigilConfig(Map.of("vigil.schema.registry.user.info", "alice:secret"));

    assertThat(config.values().get("vigil.schema.registry.user.info")).hasToString("[hidden]");
  }

  @Test
  void shouldDocumentEveryKeyWithDefaultWhenRenderingDocumentation() {
    // When
    String doc = VigilConfig.documentation();

    // Then
    assertThat(doc)
        .contains("vigil.kafka.bootstrap.servers")
        .contains("localhost:9092")
        .contains("vigil.schema.registry.url")
        .contains("http://localhost:8081")
        .contains("vigil.schema.registry.user.info")
        .contains("vigil.topic.partitions")
        .contains("vigil.topic.replication.factor");
  }
}
