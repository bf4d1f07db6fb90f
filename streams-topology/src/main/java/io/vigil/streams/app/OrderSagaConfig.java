package io.vigil.streams.app;

import io.vigil.config.VigilConfig;
import io.vigil.saga.RetryPolicy;
import io.vigil.saga.order.OrderSaga;
import io.vigil.streams.OrderSagaTopology;
import io.vigil.streams.payment.PaymentSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the order saga application ({@code vigil streams}): Vigil's shared keys plus the
 * keys below, each with its documentation and default in {@link #configDef()}. Loaded like {@link
 * VigilConfig} (properties file, then environment, then overrides).
 */
public final class OrderSagaConfig extends VigilConfig {

  public static final String APPLICATION_ID_CONFIG = "vigil.streams.application.id";
  public static final String HTTP_HOST_CONFIG = "vigil.streams.http.host";
  public static final String HTTP_PORT_CONFIG = "vigil.streams.http.port";
  public static final String ADVERTISED_HOST_CONFIG = "vigil.streams.advertised.host";
  public static final String STATE_DIR_CONFIG = "vigil.streams.state.dir";
  public static final String STANDBY_REPLICAS_CONFIG = "vigil.streams.standby.replicas";
  public static final String THREADS_CONFIG = "vigil.streams.threads";
  public static final String TOPIC_PREFIX_CONFIG = "vigil.streams.topic.prefix";
  public static final String CREATE_TOPICS_CONFIG = "vigil.streams.create.topics";
  public static final String LONG_POLL_MAX_MS_CONFIG = "vigil.streams.long.poll.max.ms";
  public static final String PUNCTUATE_INTERVAL_MS_CONFIG = "vigil.streams.punctuate.interval.ms";
  public static final String COMMIT_INTERVAL_MS_CONFIG = "vigil.streams.commit.interval.ms";
  public static final String IN_TASK_PARTICIPANTS_CONFIG = "vigil.streams.in.task.participants";
  public static final String REPLY_TIMEOUT_MS_CONFIG = "vigil.saga.reply.timeout.ms";
  public static final String ACTION_MAX_ATTEMPTS_CONFIG = "vigil.saga.action.max.attempts";
  public static final String COMPENSATION_MAX_ATTEMPTS_CONFIG =
      "vigil.saga.compensation.max.attempts";
  public static final String BACKOFF_INITIAL_MS_CONFIG = "vigil.saga.backoff.initial.ms";
  public static final String BACKOFF_MAX_MS_CONFIG = "vigil.saga.backoff.max.ms";
  public static final String PAYMENT_DECLINE_RATE_CONFIG = "vigil.payment.decline.rate";
  public static final String PAYMENT_UNAVAILABLE_RATE_CONFIG = "vigil.payment.unavailable.rate";
  public static final String PAYMENT_LATENCY_MS_CONFIG = "vigil.payment.latency.ms";
  public static final String PAYMENT_SEED_CONFIG = "vigil.payment.seed";

  public OrderSagaConfig(Map<?, ?> values) {
    super(configDef(), values);
  }

  /** Loads the file (if any), the environment and the overrides. */
  public static OrderSagaConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    return new OrderSagaConfig(VigilConfig.resolve(configDef(), file, env, overrides));
  }

  /** Vigil's shared keys plus the order saga application's. */
  public static ConfigDef configDef() {
    return VigilConfig.configDef()
        .define(
            APPLICATION_ID_CONFIG,
            Type.STRING,
            "vigil-order-saga",
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Kafka Streams application.id: instances with the same id share the work; it prefixes"
                + " the changelog and repartition topics.")
        .define(
            HTTP_HOST_CONFIG,
            Type.STRING,
            "127.0.0.1",
            Importance.MEDIUM,
            "Address the REST server binds to.")
        .define(
            HTTP_PORT_CONFIG,
            Type.INT,
            7070,
            Range.between(0, 65_535),
            Importance.HIGH,
            "REST port; 0 picks a free one. Several instances on one machine need different"
                + " ports.")
        .define(
            ADVERTISED_HOST_CONFIG,
            Type.STRING,
            "",
            Importance.MEDIUM,
            "Host other instances reach this one at (application.server); empty = the bind"
                + " address, or localhost when binding to 0.0.0.0.")
        .define(
            STATE_DIR_CONFIG,
            Type.STRING,
            Path.of(System.getProperty("java.io.tmpdir"), "vigil-streams").toString(),
            Importance.HIGH,
            "Kafka Streams state.dir (RocksDB stores); one per instance on a machine.")
        .define(
            STANDBY_REPLICAS_CONFIG,
            Type.INT,
            0,
            Range.atLeast(0),
            Importance.MEDIUM,
            "num.standby.replicas: warm copies of each store on other instances, for fast"
                + " fail-over and stale reads during rebalances.")
        .define(
            THREADS_CONFIG, Type.INT, 1, Range.atLeast(1), Importance.LOW, "num.stream.threads.")
        .define(
            TOPIC_PREFIX_CONFIG,
            Type.STRING,
            "",
            Importance.LOW,
            "Prefix of every topic name (e.g. a per-environment namespace); empty for none.")
        .define(
            CREATE_TOPICS_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.LOW,
            "Create missing input, output and dead-letter topics at start (with"
                + " vigil.topic.partitions and vigil.topic.replication.factor).")
        .define(
            LONG_POLL_MAX_MS_CONFIG,
            Type.LONG,
            30_000L,
            Range.between(0, 300_000),
            Importance.LOW,
            "Largest timeoutMs a long-poll may ask for.")
        .define(
            PUNCTUATE_INTERVAL_MS_CONFIG,
            Type.LONG,
            100L,
            Range.atLeast(1),
            Importance.LOW,
            "How often saga timers and delayed gateway calls are checked (wall clock).")
        .define(
            COMMIT_INTERVAL_MS_CONFIG,
            Type.LONG,
            OrderSagaApp.DEFAULT_COMMIT_INTERVAL_MS,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Kafka Streams commit.interval.ms (and poll.ms, capped at 100). Under exactly-once a"
                + " record is visible to the next step only once its transaction commits, so every"
                + " topic a saga crosses waits up to this long; Kafka Streams' own default is 100.")
        .define(
            IN_TASK_PARTICIPANTS_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.LOW,
            "Run the per-order inventory side and the payment gateway in the orchestrator's task"
                + " (no topic between the saga and them; only the per-SKU stock is remote). false:"
                + " each is a sub-topology of its own, reached over saga.*.commands and"
                + " saga.replies.")
        .define(
            REPLY_TIMEOUT_MS_CONFIG,
            Type.LONG,
            5_000L,
            Range.atLeast(1),
            Importance.MEDIUM,
            "How long a saga waits for each participant reply before retrying.")
        .define(
            ACTION_MAX_ATTEMPTS_CONFIG,
            Type.INT,
            3,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Attempts of each saga action before the saga compensates.")
        .define(
            COMPENSATION_MAX_ATTEMPTS_CONFIG,
            Type.INT,
            5,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Attempts of each compensation before the saga ends FAILED (needs a human).")
        .define(
            BACKOFF_INITIAL_MS_CONFIG,
            Type.LONG,
            200L,
            Range.atLeast(0),
            Importance.LOW,
            "First retry backoff; doubles per attempt.")
        .define(
            BACKOFF_MAX_MS_CONFIG,
            Type.LONG,
            5_000L,
            Range.atLeast(0),
            Importance.LOW,
            "Largest retry backoff.")
        .define(
            PAYMENT_DECLINE_RATE_CONFIG,
            Type.DOUBLE,
            0.0,
            Range.between(0.0, 1.0),
            Importance.LOW,
            "Simulated gateway: share of orders declined (deterministic per order and seed).")
        .define(
            PAYMENT_UNAVAILABLE_RATE_CONFIG,
            Type.DOUBLE,
            0.0,
            Range.between(0.0, 1.0),
            Importance.LOW,
            "Simulated gateway: share of authorization attempts answered 'unavailable'"
                + " (transient, retried).")
        .define(
            PAYMENT_LATENCY_MS_CONFIG,
            Type.LONG,
            0L,
            Range.atLeast(0),
            Importance.LOW,
            "Simulated gateway: latency of an authorization.")
        .define(
            PAYMENT_SEED_CONFIG,
            Type.LONG,
            0L,
            Importance.LOW,
            "Simulated gateway: seed of its decisions.");
  }

  /** The application settings these values describe. */
  public OrderSagaApp.Settings settings() {
    String httpHost = getString(HTTP_HOST_CONFIG);
    String advertised = getString(ADVERTISED_HOST_CONFIG);
    if (advertised.isBlank()) {
      advertised = "0.0.0.0".equals(httpHost) ? "localhost" : httpHost;
    }
    Duration initialBackoff = Duration.ofMillis(getLong(BACKOFF_INITIAL_MS_CONFIG));
    Duration maxBackoff =
        Duration.ofMillis(Math.max(getLong(BACKOFF_MAX_MS_CONFIG), initialBackoff.toMillis()));
    OrderSaga.Settings saga =
        new OrderSaga.Settings(
            Duration.ofMillis(getLong(REPLY_TIMEOUT_MS_CONFIG)),
            RetryPolicy.exponential(getInt(ACTION_MAX_ATTEMPTS_CONFIG), initialBackoff, maxBackoff),
            RetryPolicy.exponential(
                getInt(COMPENSATION_MAX_ATTEMPTS_CONFIG), initialBackoff, maxBackoff));
    PaymentSettings payment =
        new PaymentSettings(
            getDouble(PAYMENT_DECLINE_RATE_CONFIG),
            getDouble(PAYMENT_UNAVAILABLE_RATE_CONFIG),
            Duration.ofMillis(getLong(PAYMENT_LATENCY_MS_CONFIG)),
            getLong(PAYMENT_SEED_CONFIG));
    OrderSagaTopology.Settings topology =
        new OrderSagaTopology.Settings(
            saga,
            payment,
            Duration.ofMillis(getLong(PUNCTUATE_INTERVAL_MS_CONFIG)),
            getString(TOPIC_PREFIX_CONFIG),
            getBoolean(IN_TASK_PARTICIPANTS_CONFIG));
    long commitInterval = getLong(COMMIT_INTERVAL_MS_CONFIG);
    return new OrderSagaApp.Settings(
        getString(APPLICATION_ID_CONFIG),
        httpHost,
        getInt(HTTP_PORT_CONFIG),
        advertised,
        Path.of(getString(STATE_DIR_CONFIG)),
        getInt(STANDBY_REPLICAS_CONFIG),
        getInt(THREADS_CONFIG),
        getBoolean(CREATE_TOPICS_CONFIG),
        Duration.ofMillis(getLong(LONG_POLL_MAX_MS_CONFIG)),
        topology,
        Map.of(
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
            commitInterval,
            StreamsConfig.POLL_MS_CONFIG,
            Math.min(commitInterval, 100L)));
  }
}
