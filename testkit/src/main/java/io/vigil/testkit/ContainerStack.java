package io.vigil.testkit;

import io.vigil.devstack.StackEndpoints;
import io.vigil.devstack.registry.SchemaRegistryServer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same stack as {@link io.vigil.devstack.EmbeddedStack}, with Kafka and PostgreSQL in
 * containers (official {@code apache/kafka} and {@code postgres} images) and the registry
 * in-process on top of the containerised broker. Selected with {@code -Dvigil.it.containers=true}.
 */
final class ContainerStack implements StackEndpoints, AutoCloseable {
  static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
  static final String POSTGRES_IMAGE = "postgres:16-alpine";

  private final KafkaContainer kafka;
  private final PostgreSQLContainer postgres;
  private final SchemaRegistryServer registry;

  private ContainerStack(
      KafkaContainer kafka, PostgreSQLContainer postgres, SchemaRegistryServer registry) {
    this.kafka = kafka;
    this.postgres = postgres;
    this.registry = registry;
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      // Testcontainers throws rather than answering false on some broken set-ups: no engine.
      return false;
    }
  }

  static ContainerStack start() {
    KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
    PostgreSQLContainer postgres =
        new PostgreSQLContainer(POSTGRES_IMAGE)
            .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=10");
    kafka.start();
    postgres.start();
    SchemaRegistryServer registry =
        SchemaRegistryServer.start(kafka.getBootstrapServers(), 0, "_schemas");
    return new ContainerStack(kafka, postgres, registry);
  }

  @Override
  public String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String schemaRegistryUrl() {
    return registry.url();
  }

  @Override
  public String jdbcUrl() {
    return postgres.getJdbcUrl();
  }

  @Override
  public String jdbcUser() {
    return postgres.getUsername();
  }

  @Override
  public String jdbcPassword() {
    return postgres.getPassword();
  }

  @Override
  public void close() {
    registry.close();
    postgres.stop();
    kafka.stop();
  }
}
