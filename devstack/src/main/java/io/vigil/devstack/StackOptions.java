package io.vigil.devstack;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to start an {@link EmbeddedStack}. Ports are 0 (= a free loopback port, the default) or
 * fixed. Without a data directory everything lives in a temporary directory deleted on close; with
 * one, Kafka ({@code <dir>/kafka}, including the registry's topic) and PostgreSQL ({@code
 * <dir>/postgres}) keep their data across restarts.
 *
 * @param dataDir where to keep data, or {@code null} for a temporary directory
 * @param kafkaPort Kafka broker (client) port
 * @param kafkaControllerPort KRaft controller port
 * @param registryPort schema registry HTTP port
 * @param postgresPort PostgreSQL port
 * @param withPostgres whether to start PostgreSQL at all
 * @param registryTopic compacted topic holding the registry's state
 */
public record StackOptions(
    Path dataDir,
    int kafkaPort,
    int kafkaControllerPort,
    int registryPort,
    int postgresPort,
    boolean withPostgres,
    String registryTopic) {

  /** Validates ports and the topic name. */
  public StackOptions {
    checkPort("kafkaPort", kafkaPort);
    checkPort("kafkaControllerPort", kafkaControllerPort);
    checkPort("registryPort", registryPort);
    checkPort("postgresPort", postgresPort);
    if (registryTopic == null || registryTopic.isBlank()) {
      throw new IllegalArgumentException("registryTopic must not be blank");
    }
  }

  /** Free ports, temporary data, with PostgreSQL, registry topic {@code _schemas}. */
  public static StackOptions defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The data directory, if data is kept. */
  public Optional<Path> dataDirIfKept() {
    return Optional.ofNullable(dataDir);
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(name + " must be 0 (free) or 1-65535, was " + port);
    }
  }

  /** Builder for {@link StackOptions}. */
  public static final class Builder {
    private Path dataDir;
    private int kafkaPort;
    private int kafkaControllerPort;
    private int registryPort;
    private int postgresPort;
    private boolean withPostgres = true;
    private String registryTopic = "_schemas";

    private Builder() {}

    /** Keeps data in {@code directory}; {@code null} (default) = temporary. */
    public Builder dataDir(Path directory) {
      this.dataDir = directory;
      return this;
    }

    /** Kafka broker port; 0 = free (default). */
    public Builder kafkaPort(int port) {
      this.kafkaPort = port;
      return this;
    }

    /** KRaft controller port; 0 = free (default). */
    public Builder kafkaControllerPort(int port) {
      this.kafkaControllerPort = port;
      return this;
    }

    /** Schema registry port; 0 = free (default). */
    public Builder registryPort(int port) {
      this.registryPort = port;
      return this;
    }

    /** PostgreSQL port; 0 = free (default). */
    public Builder postgresPort(int port) {
      this.postgresPort = port;
      return this;
    }

    /** Whether to start PostgreSQL (default true). */
    public Builder withPostgres(boolean withPostgres) {
      this.withPostgres = withPostgres;
      return this;
    }

    /** Topic for the registry's state (default {@code _schemas}). */
    public Builder registryTopic(String topic) {
      this.registryTopic = topic;
      return this;
    }

    public StackOptions build() {
      return new StackOptions(
          dataDir,
          kafkaPort,
          kafkaControllerPort,
          registryPort,
          postgresPort,
          withPostgres,
          registryTopic);
    }
  }
}
