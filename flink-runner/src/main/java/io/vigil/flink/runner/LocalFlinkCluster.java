package io.vigil.flink.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Flink session cluster (a {@link MiniCluster}) with the REST API and the web UI,
 * bound to 127.0.0.1, that accepts job jars over REST ({@code /jars/upload} + {@code
 * /jars/:id/run}) exactly like a real JobManager. Vigil's jobs are always submitted as the shaded
 * job jar, even here: the jar carries its own Kafka client, loaded child-first, so this JVM may
 * hold another Kafka version (see VERSIONS.md pitfall 7).
 *
 * <p>The launching JVM needs Flink's Java 17 module flags ({@link #JAVA17_FLAGS}).
 *
 * <pre>{@code
 * try (LocalFlinkCluster flink = LocalFlinkCluster.builder().restPort(8081).start()) {
 *   String jobId = FlinkSubmitter.submit(flink.restUrl(), jar, entryClass, args);
 * }
 * }</pre>
 */
public final class LocalFlinkCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);

  /** JVM flags Flink needs on Java 17 (JobManager, TaskManager and REST job submission). */
  public static final String JAVA17_FLAGS =
      String.join(
          " ",
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  /** Address every endpoint binds to and advertises. */
  public static final String LOOPBACK = "127.0.0.1";

  private final MiniCluster cluster;
  private final URI restUri;
  private final Path workDir;

  private LocalFlinkCluster(MiniCluster cluster, URI restUri, Path workDir) {
    this.cluster = cluster;
    this.restUri = restUri;
    this.workDir = workDir;
  }

  /** A builder with the defaults: free REST port, 1 TaskManager with 4 slots. */
  public static Builder builder() {
    return new Builder();
  }

  /** Base URL of the REST API and web UI, e.g. {@code http://127.0.0.1:8081}. */
  public String restUrl() {
    String s = restUri.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** Port of the REST API and web UI. */
  public int restPort() {
    return restUri.getPort();
  }

  /** The underlying MiniCluster, for callers that need more than REST. */
  public MiniCluster miniCluster() {
    return cluster;
  }

  /** Stops the cluster (running jobs are cancelled) and deletes its working directory. */
  @Override
  public void close() {
    try {
      cluster.closeAsync().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the Flink cluster", e);
    } catch (Exception e) {
      throw new IllegalStateException("Flink cluster did not stop cleanly", e);
    } finally {
      deleteQuietly(workDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  LOG.debug("could not delete {}", p, e);
                }
              });
    } catch (IOException e) {
      LOG.warn("could not clean Flink work dir {}", dir, e);
    }
  }

  /** Options of a local cluster. */
  public static final class Builder {
    private int restPort;
    private int taskManagers = 1;
    private int slotsPerTaskManager = 4;
    private final Map<String, String> config = new LinkedHashMap<>();

    private Builder() {}

    /** REST/web UI port; 0 (default) picks a free one. */
    public Builder restPort(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.restPort = port;
      return this;
    }

    /** Number of TaskManagers (default 1). */
    public Builder taskManagers(int n) {
      this.taskManagers = positive(n, "taskManagers");
      return this;
    }

    /** Task slots per TaskManager (default 4). */
    public Builder slotsPerTaskManager(int n) {
      this.slotsPerTaskManager = positive(n, "slotsPerTaskManager");
      return this;
    }

    /**
     * Any Flink configuration option, e.g. {@code restart-strategy.type: none} for tests or {@code
     * execution.checkpointing.dir}; applied after the defaults.
     */
    public Builder config(String key, String value) {
      config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Starts the cluster and waits for its REST endpoint. */
    public LocalFlinkCluster start() {
      Path workDir;
      try {
        workDir = Files.createTempDirectory("vigil-flink-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the Flink work dir", e);
      }
      Configuration conf = configuration(workDir);
      MiniCluster cluster =
          new MiniCluster(
              new MiniClusterConfiguration.Builder()
                  .setConfiguration(conf)
                  .setNumTaskManagers(taskManagers)
                  .setNumSlotsPerTaskManager(slotsPerTaskManager)
                  .build());
      try {
        long t0 = System.nanoTime();
        cluster.start();
        URI rest = cluster.getRestAddress().get(60, TimeUnit.SECONDS);
        LOG.info(
            "Local Flink cluster up in {} ms: REST and web UI at {}",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
            rest);
        return new LocalFlinkCluster(cluster, rest, workDir);
      } catch (Exception e) {
        cluster.closeAsync();
        deleteQuietly(workDir);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("Flink cluster did not start", e);
      }
    }

    Configuration configuration(Path workDir) {
      Map<String, String> c = new LinkedHashMap<>();
      c.put("rest.bind-address", LOOPBACK);
      c.put("rest.address", LOOPBACK);
      c.put("rest.port", Integer.toString(restPort));
      c.put("rest.bind-port", Integer.toString(restPort));
      c.put("jobmanager.bind-host", LOOPBACK);
      c.put("jobmanager.rpc.address", LOOPBACK);
      c.put("taskmanager.bind-host", LOOPBACK);
      c.put("taskmanager.host", LOOPBACK);
      c.put("web.submit.enable", "true");
      c.put("web.cancel.enable", "true");
      c.put("web.upload.dir", workDir.resolve("uploads").toString());
      c.put("web.tmpdir", workDir.resolve("web").toString());
      c.put("io.tmp.dirs", workDir.resolve("io").toString());
      c.put("execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
      c.put(
          "execution.checkpointing.savepoint-dir",
          workDir.resolve("savepoints").toUri().toString());
      // The job jar carries its own Kafka client: keep child-first loading (the default).
      c.put("classloader.resolve-order", "child-first");
      // Small, laptop-sized memory: the analytics state is small and the host has 2 cores.
      c.put("taskmanager.memory.managed.size", "64m");
      c.put("taskmanager.memory.network.min", "64m");
      c.put("taskmanager.memory.network.max", "64m");
      c.putAll(config);
      return Configuration.fromMap(c);
    }

    private static int positive(int n, String what) {
      if (n < 1) {
        throw new IllegalArgumentException(what + " must be >= 1, got " + n);
      }
      return n;
    }
  }
}
