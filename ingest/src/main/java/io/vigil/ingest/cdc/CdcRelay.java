package io.vigil.ingest.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.debezium.engine.format.KeyValueHeaderChangeEventFormat;
import io.vigil.ingest.IngestConfig;
import io.vigil.schemas.catalog.TopicCatalog;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CDC outbox relay ({@code vigil cdc}): publishes the rows services write to their {@code
 * outbox} table, in the same transaction as their state (the outbox pattern), as Avro events on
 * {@code <aggregatetype>.events}, keyed by aggregate id, with the event id in header {@code id}.
 *
 * <p>One Debezium embedded engine per configured PostgreSQL source reads the write-ahead log
 * through {@code pgoutput}; Debezium's {@code EventRouter} routes each row, and {@link
 * OutboxEventMapper} converts it to the topic's Avro schema (undecodable rows go to {@code
 * <topic>.dlq}). Guarantees:
 *
 * <ul>
 *   <li><b>Order</b>: rows of one aggregate are published in commit order (one key, one partition,
 *       idempotent producer).
 *   <li><b>At least once</b>: a batch's positions are marked processed only after Kafka
 *       acknowledged every record of it; positions are stored in the Kafka topic {@code
 *       vigil.cdc.offset.topic} every {@code vigil.cdc.offset.flush.interval.ms}, and the
 *       replication slot is advanced after that. After a crash the relay resumes from the last
 *       stored position, so events published since (at most one flush interval plus the batch in
 *       flight) are published again, <em>with the same event id</em>: consumers deduplicate by it.
 *   <li><b>Idle sources</b>: every {@code vigil.cdc.heartbeat.interval.ms} a heartbeat query writes
 *       to the source's heartbeat table, so the slot advances and the WAL does not grow while the
 *       outbox is quiet.
 *   <li><b>Failures</b> of an engine (database gone, Kafka refusing records) are never swallowed:
 *       they are logged and complete {@link #failure()} exceptionally, so the launcher can exit
 *       non-zero and be restarted; positions make the restart resume.
 * </ul>
 */
public final class CdcRelay implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CdcRelay.class);

  private final List<DebeziumEngine<ChangeEvent<String, String>>> engines = new ArrayList<>();
  private final ExecutorService executor;
  private final Producer<byte[], byte[]> producer;
  private final CompletableFuture<Void> failure = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<String> sourceNames = new ArrayList<>();

  private CdcRelay(IngestConfig config, List<CdcSourceConfig> sources) {
    this.producer =
        new KafkaProducer<>(
            config.producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
    this.executor =
        Executors.newFixedThreadPool(
            sources.size(),
            r -> {
              Thread t = new Thread(r, "vigil-cdc-engine");
              t.setDaemon(true);
              return t;
            });
    TopicCatalog catalog = TopicCatalog.from(config);
    try {
      for (CdcSourceConfig source : sources) {
        ensureHeartbeatTable(source);
        OutboxEventMapper mapper =
            new OutboxEventMapper(catalog, config, config.cdcTopicPrefix(), source.name());
        DebeziumEngine<ChangeEvent<String, String>> engine =
            DebeziumEngine.create(
                    KeyValueHeaderChangeEventFormat.of(Json.class, Json.class, Json.class))
                .using(engineProperties(config, source))
                .notifying(
                    (records, committer) -> {
                      publish(mapper, records);
                      for (ChangeEvent<String, String> record : records) {
                        committer.markProcessed(record);
                      }
                      committer.markBatchFinished();
                    })
                .using(
                    (success, message, error) -> completed(source.name(), success, message, error))
                .build();
        engines.add(engine);
        sourceNames.add(source.name());
      }
    } catch (RuntimeException e) {
      closeEngines();
      executor.shutdownNow();
      producer.close(Duration.ZERO);
      throw e;
    }
    engines.forEach(executor::execute);
  }

  /**
   * Starts one engine per source named in {@code vigil.cdc.sources}; they connect in the
   * background. Creates each source's heartbeat table when missing.
   *
   * @throws ConfigException if no source is configured or a source's keys are invalid
   * @throws IllegalStateException if a source database cannot be reached
   */
  public static CdcRelay start(IngestConfig config) {
    List<CdcSourceConfig> sources = new ArrayList<>();
    for (String name : config.cdcSources()) {
      sources.add(new CdcSourceConfig(name.trim(), config.cdcSourceValues(name.trim())));
    }
    if (sources.isEmpty()) {
      throw new ConfigException(
          IngestConfig.CDC_SOURCES_CONFIG + " names no source database; nothing to relay");
    }
    CdcRelay relay = new CdcRelay(config, sources);
    LOG.info("CDC relay started for sources {}", relay.sourceNames);
    return relay;
  }

  /**
   * Completes exceptionally when an engine stops with an error (or stops while the relay was not
   * being closed); never completes normally before {@link #close()}.
   */
  public CompletableFuture<Void> failure() {
    return failure;
  }

  /** Names of the sources being relayed. */
  public List<String> sources() {
    return List.copyOf(sourceNames);
  }

  /**
   * Stops the engines (each stores its last position; about 2 s), then flushes and closes the
   * producer. Safe to call more than once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeEngines();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("CDC engines did not stop within 30 s");
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
    producer.close(Duration.ofSeconds(30));
    failure.complete(null);
    LOG.info("CDC relay stopped");
  }

  private void closeEngines() {
    for (DebeziumEngine<ChangeEvent<String, String>> engine : engines) {
      try {
        engine.close();
      } catch (IOException e) {
        LOG.error("A CDC engine did not close cleanly", e);
      }
    }
  }

  /**
   * Publishes a batch and waits until Kafka acknowledged every record; only then may the engine
   * mark the batch processed. Heartbeats (Debezium's and the heartbeat table's changes) are not
   * published.
   */
  private void publish(OutboxEventMapper mapper, List<ChangeEvent<String, String>> records)
      throws InterruptedException {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    for (ChangeEvent<String, String> record : records) {
      if (!isRouted(record)) {
        continue;
      }
      ProducerRecord<byte[], byte[]> out = mapper.map(record);
      acks.add(producer.send(out));
    }
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get();
      } catch (ExecutionException e) {
        // Thrown out of handleBatch: the engine stops without marking the batch processed, and
        // the completion callback reports the cause.
        throw new KafkaException("Kafka did not acknowledge an outbox event", e.getCause());
      }
    }
  }

  /** Whether the record came through the EventRouter (not a heartbeat or heartbeat-table row). */
  private static boolean isRouted(ChangeEvent<String, String> record) {
    String destination = record.destination();
    return destination != null
        && destination.endsWith(".events")
        && !destination.startsWith("__debezium-heartbeat");
  }

  private void completed(String source, boolean success, String message, Throwable error) {
    if (closed.get() && success) {
      LOG.info("CDC engine of source {} stopped: {}", source, message);
      return;
    }
    if (error != null) {
      LOG.error("CDC engine of source {} failed: {}", source, message, error);
    } else {
      LOG.error("CDC engine of source {} stopped unexpectedly: {}", source, message);
    }
    failure.completeExceptionally(
        new CdcRelayException("CDC engine of source " + source + " stopped: " + message, error));
  }

  /** The Debezium engine settings of one source. */
  static Properties engineProperties(IngestConfig config, CdcSourceConfig source) {
    Properties p = new Properties();
    String prefix = "vigil-cdc-" + source.name();
    p.setProperty("name", prefix);
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
    p.setProperty("offset.storage.topic", config.cdcOffsetTopic());
    p.setProperty("offset.storage.partitions", "1");
    p.setProperty("offset.storage.replication.factor", Short.toString(config.replicationFactor()));
    p.setProperty("offset.flush.interval.ms", Long.toString(config.cdcOffsetFlushIntervalMs()));
    p.setProperty("offset.flush.timeout.ms", "10000");
    p.setProperty("bootstrap.servers", config.bootstrapServers());
    config
        .originalsWithPrefix(IngestConfig.KAFKA_CLIENT_PREFIX)
        .forEach((k, v) -> p.setProperty(k, String.valueOf(v)));

    p.setProperty("database.hostname", source.host());
    p.setProperty("database.port", Integer.toString(source.port()));
    p.setProperty("database.user", source.user());
    p.setProperty("database.password", source.password());
    p.setProperty("database.dbname", source.database());
    p.setProperty("topic.prefix", prefix);
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", source.slotName());
    p.setProperty("publication.name", source.publicationName());
    p.setProperty("publication.autocreate.mode", "filtered");
    p.setProperty("table.include.list", source.table() + "," + source.heartbeatTable());
    p.setProperty("snapshot.mode", "no_data");
    p.setProperty("tombstones.on.delete", "false");
    p.setProperty("decimal.handling.mode", "string");
    p.setProperty("heartbeat.interval.ms", Integer.toString(config.cdcHeartbeatIntervalMs()));
    p.setProperty(
        "heartbeat.action.query",
        "INSERT INTO "
            + source.heartbeatTable()
            + " (id, ts) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET ts = EXCLUDED.ts");
    p.setProperty("converter.schemas.enable", "false");
    p.setProperty("key.converter.schemas.enable", "false");
    p.setProperty("value.converter.schemas.enable", "false");
    p.setProperty("header.converter.schemas.enable", "false");

    // Route only the outbox table's changes; heartbeat-table rows pass through and are skipped.
    p.setProperty("predicates", "isOutbox");
    p.setProperty(
        "predicates.isOutbox.type",
        "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
    p.setProperty("predicates.isOutbox.pattern", Pattern.quote(prefix + "." + source.table()));
    p.setProperty("transforms", "outbox");
    p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
    p.setProperty("transforms.outbox.predicate", "isOutbox");
    p.setProperty("transforms.outbox.table.field.event.id", "id");
    p.setProperty("transforms.outbox.table.field.event.key", "aggregateid");
    p.setProperty("transforms.outbox.table.field.event.payload", "payload");
    p.setProperty("transforms.outbox.route.by.field", "aggregatetype");
    p.setProperty(
        "transforms.outbox.route.topic.replacement",
        config.cdcTopicPrefix() + "${routedByValue}.events");
    p.setProperty(
        "transforms.outbox.table.fields.additional.placement",
        "type:header:"
            + OutboxEventMapper.EVENT_TYPE_HEADER
            + ",occurred_at:header:"
            + OutboxEventMapper.OCCURRED_AT_HEADER);
    // Kept as a JSON string and parsed by the mapper: no lossy schema inference of the payload.
    p.setProperty("transforms.outbox.table.expand.json.payload", "false");
    return p;
  }

  /** Creates the heartbeat table when missing, so that the heartbeat query cannot fail. */
  private static void ensureHeartbeatTable(CdcSourceConfig source) {
    Properties credentials = new Properties();
    credentials.setProperty("user", source.user());
    credentials.setProperty("password", source.password());
    try (Connection c = DriverManager.getConnection(source.jdbcUrl(), credentials);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + source.heartbeatTable()
              + " (id integer PRIMARY KEY, ts timestamptz NOT NULL)");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "CDC source " + source.name() + ": cannot reach " + source.jdbcUrl(), e);
    }
  }
}
