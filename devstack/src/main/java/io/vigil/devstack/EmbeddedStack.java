package io.vigil.devstack;

import io.vigil.devstack.registry.SchemaRegistryServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole Vigil dev stack in one process: a real Kafka broker ({@link EmbeddedKafka}), the schema
 * registry ({@link SchemaRegistryServer}) and a real PostgreSQL ({@link PostgresServer}), each on
 * 127.0.0.1 and a free port unless {@link StackOptions} fixes one.
 *
 * <p>Start order is broker → registry (it needs the broker); PostgreSQL starts in parallel on its
 * own thread. {@link #close()} stops them in reverse order and is safe to call twice.
 *
 * <pre>{@code
 * try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.defaults())) {
 *   String bootstrap = stack.bootstrapServers();
 *   String registry = stack.schemaRegistryUrl();
 * }
 * }</pre>
 */
public final class EmbeddedStack implements StackEndpoints, AutoCloseable {

  /** Name of the broker in {@link #startupTimes()}. */
  public static final String KAFKA = "kafka";

  /** Name of the schema registry in {@link #startupTimes()}. */
  public static final String SCHEMA_REGISTRY = "schema-registry";

  /** Name of PostgreSQL in {@link #startupTimes()}. */
  public static final String POSTGRES = "postgres";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

  private final EmbeddedKafka kafka;
  private final SchemaRegistryServer registry;
  private final PostgresServer postgres;
  private final Path temporaryRoot;
  private final Map<String, Duration> startupTimes;
  private final Duration totalStartupTime;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedStack(
      EmbeddedKafka kafka,
      SchemaRegistryServer registry,
      PostgresServer postgres,
      Path temporaryRoot,
      Map<String, Duration> startupTimes,
      Duration totalStartupTime) {
    this.kafka = kafka;
    this.registry = registry;
    this.postgres = postgres;
    this.temporaryRoot = temporaryRoot;
    this.startupTimes = Collections.unmodifiableMap(new LinkedHashMap<>(startupTimes));
    this.totalStartupTime = totalStartupTime;
  }

  /**
   * Starts the stack and returns once every part answers.
   *
   * @throws IllegalStateException if a part does not start; the parts already started are stopped
   *     again
   */
  public static EmbeddedStack start(StackOptions options) {
    Objects.requireNonNull(options, "options");
    long begin = System.nanoTime();
    Path root = options.dataDir();
    Path temporaryRoot = root == null ? Directories.createTemp("vigil-stack-") : null;
    Path base = root == null ? temporaryRoot : Directories.createIfMissing(root);

    ExecutorService pgThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "vigil-stack-postgres-start");
              t.setDaemon(true);
              return t;
            });
    CompletableFuture<PostgresServer> pgFuture =
        options.withPostgres()
            ? CompletableFuture.supplyAsync(
                () ->
                    PostgresServer.builder()
                        .dataDirectory(base.resolve("postgres"))
                        .port(options.postgresPort())
                        .start(),
                pgThread)
            : CompletableFuture.completedFuture(null);
    pgThread.shutdown();

    Map<String, Duration> times = new LinkedHashMap<>();
    List<AutoCloseable> started = new ArrayList<>();
    try {
      EmbeddedKafka kafka =
          EmbeddedKafka.builder()
              .dataDirectory(base.resolve("kafka"))
              .port(options.kafkaPort())
              .controllerPort(options.kafkaControllerPort())
              .start();
      started.add(kafka);
      times.put(KAFKA, kafka.startupTime());

      long registryBegin = System.nanoTime();
      SchemaRegistryServer registry =
          SchemaRegistryServer.start(
              kafka.bootstrapServers(), options.registryPort(), options.registryTopic());
      started.add(registry);
      times.put(SCHEMA_REGISTRY, Duration.ofNanos(System.nanoTime() - registryBegin));

      PostgresServer postgres = pgFuture.join();
      if (postgres != null) {
        started.add(postgres);
        times.put(POSTGRES, postgres.startupTime());
      }
      Duration total = Duration.ofNanos(System.nanoTime() - begin);
      EmbeddedStack stack =
          new EmbeddedStack(kafka, registry, postgres, temporaryRoot, times, total);
      LOG.info("Embedded stack ready in {} ms: {}", total.toMillis(), stack.describe());
      return stack;
    } catch (RuntimeException e) {
      RuntimeException failure = unwrap(e);
      // PostgreSQL may still be starting (or have started) on its own thread: stop it too.
      try {
        PostgresServer pg = pgFuture.join();
        if (pg != null && !started.contains(pg)) {
          started.add(pg);
        }
      } catch (RuntimeException pgFailure) {
        if (unwrap(pgFailure) != failure) {
          failure.addSuppressed(unwrap(pgFailure));
        }
      }
      closeAll(started, failure);
      if (temporaryRoot != null) {
        try {
          Directories.deleteRecursively(temporaryRoot);
        } catch (RuntimeException cleanup) {
          failure.addSuppressed(cleanup);
        }
      }
      throw new IllegalStateException("Embedded stack did not start", failure);
    }
  }

  @Override
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public String schemaRegistryUrl() {
    return registry.url();
  }

  @Override
  public String jdbcUrl() {
    return requirePostgres().jdbcUrl();
  }

  @Override
  public String jdbcUser() {
    return requirePostgres().username();
  }

  @Override
  public String jdbcPassword() {
    return requirePostgres().password();
  }

  /** The broker. */
  public EmbeddedKafka kafka() {
    return kafka;
  }

  /** The schema registry. */
  public SchemaRegistryServer schemaRegistry() {
    return registry;
  }

  /** PostgreSQL, unless started with {@code withPostgres(false)}. */
  public Optional<PostgresServer> postgres() {
    return Optional.ofNullable(postgres);
  }

  /**
   * Start-up time of each part, in start order: {@value #KAFKA}, {@value #SCHEMA_REGISTRY} and, if
   * started, {@value #POSTGRES} (which overlaps the other two, as it starts in parallel).
   */
  public Map<String, Duration> startupTimes() {
    return startupTimes;
  }

  /** Wall time from {@link #start} until every part was ready. */
  public Duration totalStartupTime() {
    return totalStartupTime;
  }

  /** One line with every endpoint, for logs and the CLI. */
  public String describe() {
    return "kafka="
        + bootstrapServers()
        + " registry="
        + schemaRegistryUrl()
        + (postgres == null ? "" : " jdbc=" + postgres.jdbcUrl());
  }

  /**
   * Stops PostgreSQL, the registry and the broker (reverse start order), then deletes temporary
   * data. Every part is stopped even if one fails; the first failure is thrown afterwards with the
   * others suppressed. Safe to call more than once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<AutoCloseable> parts = new ArrayList<>();
    parts.add(kafka);
    parts.add(registry);
    if (postgres != null) {
      parts.add(postgres);
    }
    RuntimeException failure = closeAll(parts, null);
    if (temporaryRoot != null) {
      try {
        Directories.deleteRecursively(temporaryRoot);
      } catch (RuntimeException e) {
        failure = addTo(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    LOG.info("Embedded stack stopped");
  }

  @Override
  public String toString() {
    return "EmbeddedStack[" + describe() + "]";
  }

  private PostgresServer requirePostgres() {
    if (postgres == null) {
      throw new IllegalStateException("This stack was started without PostgreSQL");
    }
    return postgres;
  }

  /** Closes in reverse list order; returns {@code failure} with every close failure added. */
  private static RuntimeException closeAll(List<AutoCloseable> parts, RuntimeException failure) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        failure =
            addTo(
                failure,
                e instanceof RuntimeException re
                    ? re
                    : new IllegalStateException("Could not stop " + parts.get(i), e));
      }
    }
    return failure;
  }

  private static RuntimeException addTo(RuntimeException failure, RuntimeException next) {
    if (failure == null) {
      return next;
    }
    failure.addSuppressed(next);
    return failure;
  }

  private static RuntimeException unwrap(RuntimeException e) {
    if (e instanceof CompletionException && e.getCause() instanceof RuntimeException cause) {
      return cause;
    }
    return e;
  }
}
