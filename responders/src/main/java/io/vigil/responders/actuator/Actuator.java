package io.vigil.responders.actuator;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.responders.RunningComponent;
import io.vigil.responders.kafka.DeadLetters;
import io.vigil.responders.kafka.Decoder;
import io.vigil.responders.kafka.InvalidRecordException;
import io.vigil.responders.kafka.RetriableException;
import io.vigil.responders.ops.HealthReport;
import io.vigil.responders.ops.OpsServer;
import io.vigil.schemas.catalog.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RetriableCommitFailedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running actuator: a consumer of command topics that applies each command to the outside world
 * (a log, the Kubernetes API, the host's nftables) and reports {@code applied}, {@code failed} and
 * {@code skipped} counts ({@code vigil_actuator_commands_total{actuator,result,reason}}).
 *
 * <p><b>Guarantee: a command id is applied at most once per actuator, and effectively once.</b>
 *
 * <ul>
 *   <li>Commands are read {@code read_committed}, so aborted responder output is never applied.
 *   <li>Within a process, the ids of handled commands are kept in a bounded set ({@code
 *       vigil.actuators.recent.ids}); a repeated id is skipped as {@code duplicate}.
 *   <li>The offset is committed synchronously after <em>each</em> command, so after a crash only
 *       the command in flight can be delivered again. For that one command the target decides: the
 *       Kubernetes actuator stores the command id on the object it changes (annotation, in the same
 *       API write as the change) and skips a command already recorded there; nftables scripts are
 *       idempotent (re-adding an element with the same absolute expiry, deleting an absent one);
 *       the log actuator may log it twice.
 *   <li>A command that fails for good (after {@code vigil.actuators.max.attempts} attempts on
 *       retriable failures) or does not decode goes with its bytes and error headers to {@code
 *       <topic>.dlq}, synchronously, before its offset is committed, and counts as {@code failed}.
 * </ul>
 */
public final class Actuator implements RunningComponent {

  /**
   * A command topic and how to apply its commands.
   *
   * @param topic command topic
   * @param commandId the deterministic command id of a command
   * @param applier what to do with a command
   * @param <V> command type
   */
  public record Route<V>(
      Topic<String, V> topic, Function<V, String> commandId, CommandApplier<V> applier) {

    public Route {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(commandId, "commandId");
      Objects.requireNonNull(applier, "applier");
    }
  }

  /**
   * How an actuator runs.
   *
   * @param name actuator name, e.g. {@code kubernetes-actuator}: thread, metric tag, health
   * @param consumerProps consumer settings with a {@code group.id}, no deserializers
   * @param producerProps producer settings for the dead-letter queue, no serializers
   * @param recentIds command ids remembered
   * @param maxAttempts attempts per command on retriable failures
   * @param initialBackoff backoff after the first failed attempt, doubled each time
   * @param httpHost bind address of /health and /metrics
   * @param httpPort their port; 0 = free port, -1 = disabled
   */
  public record Settings(
      String name,
      Map<String, Object> consumerProps,
      Map<String, Object> producerProps,
      int recentIds,
      int maxAttempts,
      Duration initialBackoff,
      String httpHost,
      int httpPort) {

    public Settings {
      Objects.requireNonNull(name, "name");
      consumerProps = Map.copyOf(consumerProps);
      producerProps = Map.copyOf(producerProps);
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(httpHost, "httpHost");
      if (!consumerProps.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
        throw new IllegalArgumentException("consumerProps need a group.id");
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
    }
  }

  private enum State {
    RUNNING,
    STOPPED,
    FAILED
  }

  private static final Logger LOG = LoggerFactory.getLogger(Actuator.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final long DLQ_TIMEOUT_SECONDS = 30;

  private final Settings settings;
  private final Map<String, Route<?>> routes = new LinkedHashMap<>();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> dlq;
  private final PrometheusMeterRegistry meters;
  private final RecentIds recent;
  private final Thread thread;
  private final OpsServer server;
  private final AutoCloseable resources;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicReference<Instant> lastCommand = new AtomicReference<>();
  private final AtomicLong handled = new AtomicLong();

  private Actuator(
      Settings settings,
      List<Route<?>> routes,
      PrometheusMeterRegistry meters,
      AutoCloseable resources) {
    this.settings = settings;
    for (Route<?> r : routes) {
      this.routes.put(r.topic().name(), r);
    }
    this.meters = meters;
    this.resources = resources;
    this.recent = new RecentIds(settings.recentIds());
    Map<String, Object> c = new HashMap<>(settings.consumerProps());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, settings.name() + "-consumer");
    Map<String, Object> p = new HashMap<>(settings.producerProps());
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, settings.name() + "-dlq");
    this.consumer =
        new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.dlq = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.thread = new Thread(this::run, "vigil-" + settings.name());
    OpsServer s;
    try {
      s = OpsServer.start(settings.httpHost(), settings.httpPort(), meters, this::health);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      dlq.close(Duration.ZERO);
      throw e;
    }
    this.server = s;
  }

  /**
   * Starts an actuator on its routes.
   *
   * @param meters the actuator's registry, scraped by /metrics
   * @param resources closed after the loop stopped (e.g. the Kubernetes client)
   */
  public static Actuator start(
      Settings settings,
      List<Route<?>> routes,
      PrometheusMeterRegistry meters,
      AutoCloseable resources) {
    Actuator a = new Actuator(settings, List.copyOf(routes), meters, resources);
    a.consumer.subscribe(new ArrayList<>(a.routes.keySet()));
    a.thread.start();
    LOG.info("{} started on {}", settings.name(), a.routes.keySet());
    return a;
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public HealthReport health() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("commands", handled.get());
    d.put("topics", List.copyOf(routes.keySet()));
    Instant last = lastCommand.get();
    if (last != null) {
      d.put("lastCommand", last.toString());
    }
    Throwable f = failure.get();
    if (f != null) {
      d.put("failure", f.toString());
    }
    return new HealthReport(settings.name(), state.get() == State.RUNNING, state.get().name(), d);
  }

  @Override
  public int httpPort() {
    return server.port();
  }

  @Override
  public PrometheusMeterRegistry metrics() {
    return meters;
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Commands handled (applied, skipped or failed) since start. */
  public long handled() {
    return handled.get();
  }

  @Override
  public void close() {
    closing.countDown();
    consumer.wakeup();
    try {
      if (!terminated.await(30, TimeUnit.SECONDS)) {
        LOG.error("{}: loop did not stop within 30s", settings.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("{}: interrupted while waiting for the loop to stop", settings.name(), e);
    } finally {
      server.close();
      meters.close();
    }
  }

  private void run() {
    try {
      while (closing.getCount() > 0) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL);
        } catch (WakeupException e) {
          if (closing.getCount() == 0) {
            break;
          }
          throw e;
        }
        // Next record to handle per partition: where to rewind if the batch is cut short.
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
          next.put(tp, records.records(tp).get(0).offset());
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (closing.getCount() == 0) {
            break;
          }
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (!handle(r)) {
            // Not handled (registry unreachable): read it and the rest again after the backoff.
            next.forEach(consumer::seek);
            break;
          }
          commit(r);
          next.put(tp, r.offset() + 1);
        }
      }
      state.set(State.STOPPED);
    } catch (WakeupException e) {
      state.set(State.STOPPED);
    } catch (RuntimeException e) {
      failure.set(e);
      state.set(State.FAILED);
      LOG.error("{}: stopped by a fatal error", settings.name(), e);
    } finally {
      closeClients();
      terminated.countDown();
    }
  }

  /** Handles one record; false if it must be read again later. */
  private <V> boolean handle(ConsumerRecord<byte[], byte[]> r) {
    @SuppressWarnings("unchecked")
    Route<V> route = (Route<V>) routes.get(r.topic());
    V command;
    try {
      command = Decoder.value(route.topic(), r);
    } catch (RetriableException e) {
      LOG.warn("{}: cannot decode {} now, retrying", settings.name(), r.topic(), e);
      awaitBackoff(settings.initialBackoff());
      return false;
    } catch (InvalidRecordException e) {
      deadLetter(r, e);
      count("failed", "invalid_record");
      return true;
    }
    String id = route.commandId().apply(command);
    handled.incrementAndGet();
    lastCommand.set(Instant.now());
    if (recent.contains(id)) {
      count("skipped", "duplicate");
      LOG.info("{}: command {} skipped: already handled", settings.name(), id);
      return true;
    }
    Duration backoff = settings.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        Actuation a = route.applier().apply(command);
        recent.add(id);
        count(a.applied() ? "applied" : "skipped", a.reason());
        LOG.info(
            "{}: command {} {} ({}): {}",
            settings.name(),
            id,
            a.applied() ? "applied" : "skipped",
            a.reason(),
            a.detail());
        return true;
      } catch (ActuationException e) {
        if (!e.retriable() || attempt >= settings.maxAttempts() || closing.getCount() == 0) {
          LOG.error(
              "{}: command {} failed after {} attempt(s), sent to {}",
              settings.name(),
              id,
              attempt,
              r.topic() + DeadLetters.SUFFIX,
              e);
          deadLetter(r, e);
          count("failed", e.retriable() ? "attempts_exhausted" : "rejected");
          return true;
        }
        LOG.warn(
            "{}: command {} attempt {} failed, retrying in {}",
            settings.name(),
            id,
            attempt,
            backoff,
            e);
        awaitBackoff(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
      } catch (RuntimeException e) {
        LOG.error(
            "{}: command {} failed unexpectedly, sent to {}",
            settings.name(),
            id,
            r.topic() + DeadLetters.SUFFIX,
            e);
        deadLetter(r, e);
        count("failed", "error");
        return true;
      }
    }
  }

  private void commit(ConsumerRecord<byte[], byte[]> r) {
    try {
      consumer.commitSync(
          Map.of(
              new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1)));
    } catch (RetriableCommitFailedException | TimeoutException e) {
      // Not committed this time; the next command's commit covers this offset as well.
      LOG.warn(
          "{}: offset {} of {}-{} not committed yet",
          settings.name(),
          r.offset() + 1,
          r.topic(),
          r.partition(),
          e);
      meters.counter("vigil.actuator.commit.failures", "actuator", settings.name()).increment();
    } catch (CommitFailedException e) {
      // The partition moved to another member during a rebalance: it reads this command again
      // and its target-side checks keep the application single.
      LOG.warn(
          "{}: offset {} of {}-{} not committed after a rebalance",
          settings.name(),
          r.offset() + 1,
          r.topic(),
          r.partition(),
          e);
      meters.counter("vigil.actuator.commit.failures", "actuator", settings.name()).increment();
    }
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> r, Throwable e) {
    try {
      dlq.send(DeadLetters.of(r, e)).get(DLQ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to the dead-letter queue", ie);
    } catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
      throw new KafkaException(
          "cannot write " + r.topic() + "-" + r.partition() + "@" + r.offset() + " to its DLQ", ex);
    }
  }

  private void count(String result, String reason) {
    meters
        .counter(
            "vigil.actuator.commands",
            "actuator",
            settings.name(),
            "result",
            result,
            "reason",
            reason)
        .increment();
  }

  private void awaitBackoff(Duration d) {
    try {
      closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }

  private void closeClients() {
    try {
      consumer.close(Duration.ofSeconds(10));
    } catch (KafkaException e) {
      LOG.warn("{}: closing the consumer failed", settings.name(), e);
    }
    try {
      dlq.close(Duration.ofSeconds(10));
    } catch (KafkaException e) {
      LOG.warn("{}: closing the DLQ producer failed", settings.name(), e);
    }
    try {
      resources.close();
    } catch (Exception e) {
      LOG.warn("{}: closing its resources failed", settings.name(), e);
    }
  }
}
