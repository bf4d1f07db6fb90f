package io.vigil.devstack;

/**
 * Where the parts of a Vigil stack can be reached: Kafka, the schema registry and PostgreSQL.
 * Implemented by the embedded stack and by any other stack (containers, a real cluster), so tests
 * and tools code against the addresses only.
 */
public interface StackEndpoints {

  /** Kafka {@code bootstrap.servers}, e.g. {@code 127.0.0.1:9092}. */
  String bootstrapServers();

  /** Schema registry base URL ({@code schema.registry.url}), e.g. {@code http://127.0.0.1:8081}. */
  String schemaRegistryUrl();

  /**
   * JDBC URL of the PostgreSQL database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres}.
   *
   * @throws IllegalStateException if this stack runs without PostgreSQL
   */
  String jdbcUrl();

  /** PostgreSQL user allowed to create tables, publications and replication slots. */
  String jdbcUser();

  /** Password of {@link #jdbcUser()}. */
  String jdbcPassword();
}
