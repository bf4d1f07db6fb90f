package io.vigil.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedStackIT {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStackIT.class);
  private static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"io.vigil.test\","
          + "\"fields\":[{\"name\":\"at\",\"type\":\"long\"}]}";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldServeAllPartsAndRestartOnSamePortsAndDataWhenClosed(@TempDir Path dataDir)
      throws Exception {
    // Given: a stack on free ports keeping its data in dataDir
    StackOptions options = StackOptions.builder().dataDir(dataDir).build();
    EmbeddedStack first = EmbeddedStack.start(options);
    int id;
    StackOptions samePorts;
    try {
      LOG.info(
          "Stack started in {} ms: {}", first.totalStartupTime().toMillis(), first.startupTimes());

      // Then: every part answers and its start-up time is recorded
      assertReachable(first);
      assertThat(first.startupTimes())
          .containsOnlyKeys(
              EmbeddedStack.KAFKA, EmbeddedStack.SCHEMA_REGISTRY, EmbeddedStack.POSTGRES);
      assertThat(first.startupTimes().keySet())
          .containsExactly(
              EmbeddedStack.KAFKA, EmbeddedStack.SCHEMA_REGISTRY, EmbeddedStack.POSTGRES);
      assertThat(first.startupTimes().values()).allMatch(d -> d.compareTo(Duration.ZERO) > 0);
      assertThat(first.totalStartupTime()).isLessThan(Duration.ofSeconds(60));
      id = registerSchema(first);
      samePorts =
          StackOptions.builder()
              .dataDir(dataDir)
              .kafkaPort(first.kafka().port())
              .kafkaControllerPort(first.kafka().controllerPort())
              .registryPort(first.schemaRegistry().port())
              .postgresPort(first.postgres().orElseThrow().port())
              .build();
    } finally {
      // When
      first.close();
      first.close();
    }

    // Then: the ports are free again and the data survived
    try (EmbeddedStack second = EmbeddedStack.start(samePorts)) {
      assertReachable(second);
      assertThat(second.bootstrapServers()).isEqualTo(first.bootstrapServers());
      assertThat(second.schemaRegistryUrl()).isEqualTo(first.schemaRegistryUrl());
      assertThat(second.jdbcUrl()).isEqualTo(first.jdbcUrl());
      assertThat(registerSchema(second)).isEqualTo(id);
    }
  }

  @Test
  void shouldStartWithoutPostgresWhenDisabled() {
    // When
    try (EmbeddedStack stack =
        EmbeddedStack.start(StackOptions.builder().withPostgres(false).build())) {
      // Then
      assertThat(stack.postgres()).isEmpty();
      assertThat(stack.startupTimes())
          .containsOnlyKeys(EmbeddedStack.KAFKA, EmbeddedStack.SCHEMA_REGISTRY);
      org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(stack::jdbcUrl);
    }
  }

  private void assertReachable(EmbeddedStack stack) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
    }
    HttpResponse<String> root =
        http.send(
            HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(root.statusCode()).isEqualTo(200);
    try (Connection c =
            DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
    }
  }

  private int registerSchema(EmbeddedStack stack) throws Exception {
    String body =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode()
            .put("schema", SCHEMA)
            .toString();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(stack.schemaRegistryUrl() + "/subjects/ping-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(response.body())
        .get("id")
        .asInt();
  }
}
