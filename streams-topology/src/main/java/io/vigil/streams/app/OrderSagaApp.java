package io.vigil.streams.app;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.streams.OrderSagaTopics;
import io.vigil.streams.OrderSagaTopology;
import io.vigil.streams.rest.RestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the order saga application: the topology of {@link OrderSagaTopology} in
 * Kafka Streams with {@code exactly_once_v2}, and its REST server ({@link RestServer}) at {@code
 * application.server}. Several instances with the same application id share the partitions; each
 * needs its own HTTP port and state directory.
 *
 * <p>Start-up order: topics (created if missing, partition counts checked), REST server (binds
 * first, so a port of 0 resolves before {@code application.server} is set), then Kafka Streams.
 * {@link #close()} stops the REST server, then Kafka Streams (committing), then the metrics.
 *
 * <p>A stream thread that dies of an unexpected exception shuts the whole client down (health turns
 * DOWN): an exception there is a bug or lost state, and replacing the thread would replay the same
 * record into the same failure forever. Poison input never gets that far (dead-letter queues).
 */
public final class OrderSagaApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OrderSagaApp.class);

  /**
   * {@code commit.interval.ms} unless overridden (Kafka Streams' default under exactly-once is
   * 100). A saga crosses topics (to the per-SKU stock and back, then to {@code orders.status}), and
   * under exactly-once each crossing waits for the producing transaction to commit.
   */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 50;

  private final KafkaStreams streams;
  private final RestServer rest;
  private final PrometheusMeterRegistry registry;
  private final KafkaStreamsMetrics streamsMetrics;
  private final HostInfo hostInfo;
  private final OrderSagaTopics topics;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OrderSagaApp(
      KafkaStreams streams,
      RestServer rest,
      PrometheusMeterRegistry registry,
      KafkaStreamsMetrics streamsMetrics,
      HostInfo hostInfo,
      OrderSagaTopics topics) {
    this.streams = streams;
    this.rest = rest;
    this.registry = registry;
    this.streamsMetrics = streamsMetrics;
    this.hostInfo = hostInfo;
    this.topics = topics;
  }

  /**
   * Settings of one instance.
   *
   * @param applicationId Kafka Streams {@code application.id}
   * @param httpHost address the REST server binds to
   * @param httpPort REST port, 0 for a free one
   * @param advertisedHost host other instances reach this one at
   * @param stateDir Kafka Streams {@code state.dir}
   * @param standbyReplicas {@code num.standby.replicas}
   * @param streamThreads {@code num.stream.threads}
   * @param createTopics create missing topics at start
   * @param maxLongPoll largest long-poll timeout accepted
   * @param topology the topology settings (saga, payment, punctuation, topic prefix)
   * @param streamsOverrides extra Kafka Streams properties, applied last
   */
  public record Settings(
      String applicationId,
      String httpHost,
      int httpPort,
      String advertisedHost,
      Path stateDir,
      int standbyReplicas,
      int streamThreads,
      boolean createTopics,
      Duration maxLongPoll,
      OrderSagaTopology.Settings topology,
      Map<String, Object> streamsOverrides) {

    public Settings {
      Objects.requireNonNull(applicationId, "applicationId");
      Objects.requireNonNull(httpHost, "httpHost");
      Objects.requireNonNull(advertisedHost, "advertisedHost");
      Objects.requireNonNull(stateDir, "stateDir");
      Objects.requireNonNull(maxLongPoll, "maxLongPoll");
      Objects.requireNonNull(topology, "topology");
      streamsOverrides = Map.copyOf(streamsOverrides);
    }

    /** The defaults of {@link OrderSagaConfig}. */
    public static Settings defaults() {
      return new OrderSagaConfig(Map.of()).settings();
    }
  }

  /** Creates the topics if asked, then starts the REST server and Kafka Streams. */
  public static OrderSagaApp start(VigilConfig config, Settings settings) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(settings, "settings");
    TopicCatalog catalog = TopicCatalog.from(config);
    OrderSagaTopics topics =
        OrderSagaTopics.of(catalog, settings.topology().topicPrefix(), config.serdeConfig());
    try (Admin admin = Admin.create(config.adminProps())) {
      if (settings.createTopics()) {
        createMissing(admin, topics.all());
      }
      checkPartitions(admin, topics.partitionSensitive());
    }
    Topology topology = OrderSagaTopology.build(topics, settings.topology());

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);

    AtomicReference<KafkaStreams> streamsRef = new AtomicReference<>();
    AtomicReference<HostInfo> self =
        new AtomicReference<>(new HostInfo(settings.advertisedHost(), settings.httpPort()));
    RestServer rest =
        RestServer.start(
            settings.httpHost(),
            settings.httpPort(),
            new RestServer.Wiring(
                streamsRef::get,
                topics.orderEvents().name(),
                self::get,
                registry::scrape,
                settings.maxLongPoll()));
    HostInfo hostInfo = new HostInfo(settings.advertisedHost(), rest.port());
    self.set(hostInfo);
    KafkaStreams streams;
    KafkaStreamsMetrics streamsMetrics;
    try {
      streams = new KafkaStreams(topology, streamsProperties(config, settings, hostInfo));
      streams.setUncaughtExceptionHandler(
          e -> {
            LOG.error("Stream thread died; shutting this instance down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          });
      streamsMetrics = new KafkaStreamsMetrics(streams);
      streamsMetrics.bindTo(registry);
      streamsRef.set(streams);
      streams.start();
    } catch (RuntimeException e) {
      rest.close();
      registry.close();
      throw e;
    }
    LOG.info(
        "Order saga instance {} started at {} (state {})",
        settings.applicationId(),
        hostInfo,
        settings.stateDir());
    return new OrderSagaApp(streams, rest, registry, streamsMetrics, hostInfo, topics);
  }

  /** The Kafka Streams properties of an instance. */
  static Properties streamsProperties(VigilConfig config, Settings settings, HostInfo hostInfo) {
    Map<String, Object> props = new HashMap<>();
    // Kafka client settings first (vigil.kafka.client.*), so the application's own win.
    config.commonClientProps().forEach(props::put);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // The classic rebalance protocol is what EOS v2 + interactive queries were verified with.
    props.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic");
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, hostInfo.host() + ":" + hostInfo.port());
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
    // Low latency per step: commit (and so publish) often, and do not sit in poll() longer than
    // that while the records of the last commit are waiting to be read.
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
    props.put(StreamsConfig.POLL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
    props.putAll(settings.streamsOverrides());
    Properties properties = new Properties();
    properties.putAll(props);
    return properties;
  }

  private static void createMissing(Admin admin, List<Topic<?, ?>> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream().filter(t -> !existing.contains(t.name())).map(Topic::toNewTopic).toList();
      if (missing.isEmpty()) {
        return;
      }
      for (var result : admin.createTopics(missing).values().entrySet()) {
        try {
          result.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // Another instance created it meanwhile: fine.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + result.getKey(), e);
          }
        }
      }
      LOG.info(
          "Created topics {}",
          missing.stream().map(NewTopic::name).collect(Collectors.joining(", ")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list or create topics: " + e, e);
    }
  }

  /**
   * Fails if a partition-sensitive topic exists with another partition count than configured:
   * records of one order (or SKU) would then meet different state partitions.
   */
  private static void checkPartitions(Admin admin, List<Topic<String, ?>> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<String> names = topics.stream().map(Topic::name).filter(existing::contains).toList();
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      for (Topic<String, ?> topic : topics) {
        TopicDescription description = descriptions.get(topic.name());
        if (description != null && description.partitions().size() != topic.partitions()) {
          throw new IllegalStateException(
              "topic "
                  + topic.name()
                  + " has "
                  + description.partitions().size()
                  + " partitions, configured "
                  + topic.partitions()
                  + " (vigil.topic.partitions): co-partitioned state would split");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe topics: " + e, e);
    }
  }

  /** The Kafka Streams instance (for tests and tools: state, stores, metadata). */
  public KafkaStreams streams() {
    return streams;
  }

  /** This instance's {@code application.server}. */
  public HostInfo hostInfo() {
    return hostInfo;
  }

  /** The REST port. */
  public int httpPort() {
    return rest.port();
  }

  /** The topics this instance uses. */
  public OrderSagaTopics topics() {
    return topics;
  }

  /**
   * Stops the REST server, then Kafka Streams (waiting up to 30 s, leaving the consumer group),
   * then the metrics. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long start = System.nanoTime();
    rest.close();
    long restClosed = System.nanoTime();
    // Leave the group explicitly: the other instances take the partitions over at once instead of
    // after the session timeout (Kafka Streams otherwise stays in the group on close).
    boolean closedInTime =
        streams.close(
            CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    if (!closedInTime) {
      LOG.warn("Kafka Streams did not shut down within 30 s");
    }
    LOG.info(
        "Order saga instance {} stopped (REST {} ms, Kafka Streams {} ms)",
        hostInfo,
        (restClosed - start) / 1_000_000,
        (System.nanoTime() - restClosed) / 1_000_000);
    streamsMetrics.close();
    registry.close();
  }
}
