package io.vigil.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) running inside this
 * JVM, for development and integration tests.
 *
 * <p>Both listeners bind to 127.0.0.1 only: the broker listener on {@link #port()} and the
 * controller listener on {@link #controllerPort()}, each a free port unless fixed through the
 * {@link Builder}. Internal topics use replication factor 1 and {@code min.isr} 1, so consumer
 * groups, transactions (exactly-once) and share groups work on the single node. Data lives in the
 * given directory (kept after {@link #close()}, so a later broker on the same directory sees the
 * same topics) or in a temporary directory that {@link #close()} deletes.
 *
 * <p>{@link #start()} returns once an {@link Admin} client can describe the cluster.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *   producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final int port;
  private final int controllerPort;
  private final Path dataDirectory;
  private final boolean deleteOnClose;
  private final Duration startupTime;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(
      KafkaRaftServer server,
      int port,
      int controllerPort,
      Path dataDirectory,
      boolean deleteOnClose,
      Duration startupTime) {
    this.server = server;
    this.port = port;
    this.controllerPort = controllerPort;
    this.dataDirectory = dataDirectory;
    this.deleteOnClose = deleteOnClose;
    this.startupTime = startupTime;
  }

  /** Starts a broker on free loopback ports with a temporary data directory. */
  public static EmbeddedKafka start() {
    return builder().start();
  }

  /** Returns a builder for a broker with fixed ports, a kept data directory or extra settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** Bootstrap servers for clients, {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Port of the PLAINTEXT broker listener on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** Port of the KRaft controller listener on 127.0.0.1 (not for clients). */
  public int controllerPort() {
    return controllerPort;
  }

  /** Directory holding the broker's log and metadata directories. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Wall time from {@link Builder#start()} to the broker answering {@code describeCluster}. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Stops the broker and waits until it has shut down; deletes the data directory if it was a
   * temporary one. Safe to call more than once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    if (deleteOnClose) {
      Directories.deleteRecursively(dataDirectory);
    }
    LOG.info("Embedded Kafka on {} stopped", bootstrapServers());
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers() + ", data=" + dataDirectory + "]";
  }

  /** Configures and starts an {@link EmbeddedKafka}. */
  public static final class Builder {
    private Path dataDirectory;
    private int port;
    private int controllerPort;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Keeps the broker's data in {@code directory} (created if missing, not deleted on close).
     * Without it a temporary directory is used and deleted on close.
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Fixes the broker (client) port; 0, the default, picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Fixes the controller port; 0, the default, picks a free port. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = controllerPort;
      return this;
    }

    /** Maximum time to wait for the broker to answer; default 60 s. */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Overrides or adds one broker setting (e.g. {@code log.retention.ms}). Listener, node and
     * directory settings are derived from the builder and should not be overridden.
     */
    public Builder brokerProperty(String key, String value) {
      overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Formats the storage (if not formatted yet), starts the broker and waits until it is ready.
     *
     * @throws IllegalStateException if the broker does not start or answer within the timeout
     */
    public EmbeddedKafka start() {
      long begin = System.nanoTime();
      boolean temporary = dataDirectory == null;
      Path dir =
          temporary
              ? Directories.createTemp("vigil-kafka-")
              : Directories.createIfMissing(dataDirectory);
      int brokerPort = LoopbackPorts.fixedOrFree(port);
      int ctrlPort = LoopbackPorts.fixedOrFree(controllerPort);
      if (brokerPort == ctrlPort) {
        throw new IllegalArgumentException("Broker and controller ports must differ: " + port);
      }
      Properties props = brokerProperties(dir, brokerPort, ctrlPort);
      KafkaRaftServer server = null;
      try {
        format(dir, props);
        server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        awaitReady(brokerPort, startupTimeout);
      } catch (RuntimeException e) {
        stopQuietly(server, e);
        if (temporary) {
          Directories.deleteRecursively(dir);
        }
        throw new IllegalStateException(
            "Embedded Kafka did not start on 127.0.0.1:" + brokerPort + " (data " + dir + ")", e);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - begin);
      LOG.info("Embedded Kafka ready on 127.0.0.1:{} in {} ms", brokerPort, took.toMillis());
      return new EmbeddedKafka(server, brokerPort, ctrlPort, dir, temporary, took);
    }

    private Properties brokerProperties(Path dir, int brokerPort, int ctrlPort) {
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", Integer.toString(NODE_ID));
      p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + ctrlPort);
      p.put("controller.listener.names", "CONTROLLER");
      p.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + ctrlPort);
      p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("log.dirs", dir.resolve("logs").toString());
      // Single node: every internal topic with one replica, or groups/transactions never work.
      p.put("offsets.topic.replication.factor", "1");
      p.put("transaction.state.log.replication.factor", "1");
      p.put("transaction.state.log.min.isr", "1");
      p.put("share.coordinator.state.topic.replication.factor", "1");
      p.put("share.coordinator.state.topic.min.isr", "1");
      p.put("default.replication.factor", "1");
      p.put("min.insync.replicas", "1");
      p.put("num.partitions", "1");
      // 50 partitions each (the defaults) take seconds to create on first use on 2 cores.
      p.put("offsets.topic.num.partitions", "5");
      p.put("transaction.state.log.num.partitions", "5");
      p.put("share.coordinator.state.topic.num.partitions", "5");
      // Tests and the CLI want consumers to join at once.
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("group.streams.initial.rebalance.delay.ms", "0");
      // The 128 MB default cleaner buffer OOMs a small test heap (VERSIONS.md #12).
      p.put("log.cleaner.dedupe.buffer.size", "2097152");
      // Fewer threads than the server defaults: a dev broker shares 2 cores with everything else.
      p.put("num.network.threads", "2");
      p.put("num.io.threads", "4");
      p.put("num.recovery.threads.per.data.dir", "1");
      p.put("background.threads", "4");
      // No time-based retention: simulated and replayed traffic carries event times far in the
      // past (the simulator starts in January by default), and the default 7 days would let the
      // periodic retention check delete those segments in the middle of a run or a test.
      p.put("log.retention.ms", "-1");
      overrides.forEach(p::put);
      return p;
    }
  }

  private static void format(Path dir, Properties props) {
    Path file = dir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "Generated by io.vigil.devstack.EmbeddedKafka");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file, e);
    }
    // A directory formatted before keeps its cluster id; formatting it with another id fails.
    String clusterId = existingClusterId(dir).orElseGet(() -> Uuid.randomUuid().toString());
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      exitCode =
          StorageTool.execute(
              new String[] {
                "format",
                "-t",
                clusterId,
                "-c",
                file.toString(),
                "--ignore-formatted",
                // Transactions v1: under load the 4.3.1 broker's transactions v2 rejects
                // exactly-once producers with OutOfOrderSequenceException (seen in the saga and
                // ingest ITs); v1 is the protocol every EOS client supports.
                "--feature",
                "transaction.version=1"
              },
              out);
    }
    String output = captured.toString(StandardCharsets.UTF_8).trim();
    if (exitCode != 0) {
      throw new IllegalStateException(
          "Formatting Kafka storage in " + dir + " failed (exit " + exitCode + "): " + output);
    }
    LOG.debug("Kafka storage format: {}", output);
  }

  private static Optional<String> existingClusterId(Path dir) {
    Path meta = dir.resolve("logs").resolve("meta.properties");
    if (!Files.exists(meta)) {
      return Optional.empty();
    }
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(meta)) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + meta, e);
    }
    return Optional.ofNullable(props.getProperty("cluster.id"));
  }

  private static void awaitReady(int brokerPort, Duration timeout) {
    Properties adminProps = new Properties();
    adminProps.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + brokerPort);
    adminProps.put(CommonClientConfigs.CLIENT_ID_CONFIG, "vigil-embedded-kafka-readiness");
    try (Admin admin = Admin.create(adminProps)) {
      // The admin client retries internally until the call's own deadline.
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the embedded broker", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Embedded broker did not answer describeCluster within " + timeout, e);
    }
  }

  private static void stopQuietly(KafkaRaftServer server, RuntimeException cause) {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
