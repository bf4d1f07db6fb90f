package io.vigil.responders.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.schemas.catalog.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exactly-once consume-transform-produce loop with the plain Kafka clients (the standard
 * pattern, KIP-98/KIP-447): each poll's records, the timer tick when due, their outputs and the
 * input offsets ({@code sendOffsetsToTransaction} with the consumer's group metadata) form one
 * transaction; input is read {@code read_committed}.
 *
 * <p>Business rules:
 *
 * <ul>
 *   <li><b>One active instance.</b> The loop assigns itself every partition of its inputs (the
 *       handlers keep global state: a blast-radius cap, one decision per target) and uses a stable
 *       {@code transactional.id}: {@link #initTransactions()} fences any previous instance and
 *       aborts its open transaction, so a restarted or second instance takes over cleanly.
 *   <li><b>Bad input never stops the loop.</b> A record the handler rejects goes with its original
 *       bytes and error headers to {@code <topic>.dlq} in the same transaction.
 *   <li><b>Failures roll back.</b> Any other failure aborts the transaction, drops the handler's
 *       working state, rewinds the consumer to the first record of the batch and retries after an
 *       exponential backoff (200 ms to 30 s). Fencing, authorization and other fatal client errors
 *       stop the loop ({@link #failure()}).
 * </ul>
 */
public final class TransactionalLoop implements AutoCloseable {

  /** State of a loop, for {@code /health}. */
  public enum State {
    /** Created; transactions not initialised or thread not started. */
    STARTING,
    /** Polling and committing. */
    RUNNING,
    /** The last transaction aborted; retrying after a backoff. */
    RETRYING,
    /** Stopped by a fault injection before a commit, as a crash would. */
    HALTED,
    /** Closed normally. */
    STOPPED,
    /** Stopped by a fatal error. */
    FAILED
  }

  /**
   * What a loop needs besides its handler.
   *
   * @param name component name, e.g. {@code firewall-responder}: thread name and metric tag
   * @param producerProps producer settings without serializers ({@code transactional.id} required)
   * @param consumerProps consumer settings without deserializers ({@code group.id} required)
   * @param inputs topics consumed, all partitions
   * @param tickInterval period of {@link LoopHandler#onTick}
   * @param clock wall clock of ticks
   * @param faults fault injection ({@link FaultInjection#NONE} in production)
   */
  public record Settings(
      String name,
      Map<String, Object> producerProps,
      Map<String, Object> consumerProps,
      List<String> inputs,
      Duration tickInterval,
      Clock clock,
      FaultInjection faults) {

    public Settings {
      Objects.requireNonNull(name, "name");
      producerProps = Map.copyOf(producerProps);
      consumerProps = Map.copyOf(consumerProps);
      inputs = List.copyOf(inputs);
      Objects.requireNonNull(tickInterval, "tickInterval");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(faults, "faults");
      if (!producerProps.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
        throw new IllegalArgumentException("producerProps need a transactional.id");
      }
      if (!consumerProps.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
        throw new IllegalArgumentException("consumerProps need a group.id");
      }
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(TransactionalLoop.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Settings settings;
  private final LoopHandler handler;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicReference<Instant> lastCommit = new AtomicReference<>();
  private final AtomicLong transactions = new AtomicLong();
  private final MeterRegistry meters;
  private final Counter committed;
  private final Counter aborted;
  private Instant nextTick;
  private Duration backoff = MIN_BACKOFF;
  private volatile boolean halted;

  /**
   * Creates the clients (nothing is sent yet).
   *
   * @param meters where the loop's counters go (tag {@code component=<name>})
   */
  public TransactionalLoop(Settings settings, LoopHandler handler, MeterRegistry meters) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.meters = Objects.requireNonNull(meters, "meters");
    Map<String, Object> p = new HashMap<>(settings.producerProps());
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, settings.name() + "-producer");
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    Map<String, Object> c = new HashMap<>(settings.consumerProps());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, settings.name() + "-consumer");
    KafkaConsumer<byte[], byte[]> consumer;
    try {
      consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
    this.consumer = consumer;
    this.committed = counter("vigil.loop.transactions", "outcome", "committed");
    this.aborted = counter("vigil.loop.transactions", "outcome", "aborted");
    this.thread = new Thread(this::run, "vigil-" + settings.name());
  }

  /**
   * Fences any previous instance with the same {@code transactional.id} and completes (aborts) its
   * open transaction, so that everything read afterwards with {@code read_committed} is final. Call
   * before restoring state from output topics, then {@link #start()}.
   */
  public void initTransactions() {
    producer.initTransactions();
  }

  /** Assigns every partition of the inputs and starts the loop thread. */
  public void start() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : settings.inputs()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException(
            "input topic " + topic + " does not exist; create it (vigil topics create)");
      }
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    consumer.assign(partitions);
    nextTick = now().plus(settings.tickInterval());
    state.set(State.RUNNING);
    thread.start();
  }

  /** The loop's state. */
  public State state() {
    return state.get();
  }

  /** The fatal error that stopped the loop, if any. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** When the last transaction committed, if any did. */
  public Optional<Instant> lastCommit() {
    return Optional.ofNullable(lastCommit.get());
  }

  /** Transactions begun so far. */
  public long transactions() {
    return transactions.get();
  }

  /** Waits until the loop thread ended (closed, halted or failed). */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the loop: an open transaction is aborted, the clients are closed. Idempotent; returns
   * once the loop thread ended.
   */
  @Override
  public void close() {
    closing.countDown();
    if (thread.isAlive()) {
      consumer.wakeup();
      try {
        if (!terminated.await(CLOSE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)) {
          LOG.error("{}: loop thread did not stop within {}", settings.name(), CLOSE_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.warn("{}: interrupted while waiting for the loop to stop", settings.name(), e);
      }
    } else if (terminated.getCount() > 0) {
      closeClients();
      terminated.countDown();
      state.compareAndSet(State.STARTING, State.STOPPED);
    }
  }

  private void run() {
    try {
      while (closing.getCount() > 0) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(pollTimeout());
        } catch (WakeupException e) {
          if (closing.getCount() == 0) {
            break;
          }
          throw e;
        }
        Instant now = now();
        boolean tickDue = !now.isBefore(nextTick);
        if (!records.isEmpty() || tickDue) {
          if (!transact(records, now, tickDue)) {
            return;
          }
        }
      }
      state.set(State.STOPPED);
    } catch (RuntimeException e) {
      failure.set(e);
      state.set(State.FAILED);
      LOG.error("{}: loop stopped by a fatal error", settings.name(), e);
    } finally {
      if (!halted) {
        closeClients();
      }
      terminated.countDown();
    }
  }

  /** One transaction; false if a fault injection halted the loop. */
  private boolean transact(ConsumerRecords<byte[], byte[]> records, Instant now, boolean tickDue) {
    Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      firstOffsets.put(tp, records.records(tp).get(0).offset());
    }
    long txn = transactions.incrementAndGet();
    try {
      producer.beginTransaction();
      handler.begin();
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        Batch out = new Batch();
        ProducerRecord<byte[], byte[]> deadLetter = null;
        try {
          handler.onRecord(record, out);
        } catch (RetriableException e) {
          throw e;
        } catch (RuntimeException e) {
          // Invalid input (or input that trips a bug): park it with its bytes, keep going.
          LOG.warn(
              "{}: {}-{}@{} sent to {}: {}",
              settings.name(),
              record.topic(),
              record.partition(),
              record.offset(),
              record.topic() + DeadLetters.SUFFIX,
              e.toString());
          deadLetter = DeadLetters.of(record, e);
        }
        if (deadLetter != null) {
          producer.send(deadLetter);
          counter("vigil.loop.records", "topic", record.topic(), "outcome", "dead_lettered")
              .increment();
        } else {
          out.sendAll(producer);
          counter("vigil.loop.records", "topic", record.topic(), "outcome", "processed")
              .increment();
        }
        offsets.put(
            new TopicPartition(record.topic(), record.partition()),
            new OffsetAndMetadata(record.offset() + 1));
      }
      if (tickDue) {
        Batch out = new Batch();
        handler.onTick(now, out);
        out.sendAll(producer);
      }
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      }
      // Everything is sent before the commit decision (commitTransaction flushes anyway), so a
      // halt leaves a transaction whose records reached the broker but were never committed.
      producer.flush();
      if (settings.faults().haltBeforeCommit(txn, records.count())) {
        halt();
        return false;
      }
      producer.commitTransaction();
      handler.committed();
      committed.increment();
      if (tickDue) {
        nextTick = now.plus(settings.tickInterval());
      }
      lastCommit.set(now);
      backoff = MIN_BACKOFF;
      state.set(State.RUNNING);
      return true;
    } catch (RuntimeException e) {
      handler.aborted();
      if (Failures.isFatal(e)) {
        throw e;
      }
      LOG.warn(
          "{}: transaction {} failed, aborting and retrying in {}",
          settings.name(),
          txn,
          backoff,
          e);
      abort();
      for (Map.Entry<TopicPartition, Long> first : firstOffsets.entrySet()) {
        consumer.seek(first.getKey(), first.getValue());
      }
      aborted.increment();
      state.set(State.RETRYING);
      awaitBackoff();
      return true;
    }
  }

  private void abort() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      if (Failures.isFatal(e)) {
        throw e;
      }
      // The abort reached no broker: the transaction times out on the broker side instead, and
      // the next beginTransaction fails fatally if the producer cannot recover.
      LOG.warn("{}: abort failed, the broker will time the transaction out", settings.name(), e);
    }
  }

  private void awaitBackoff() {
    try {
      closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }

  /** Stops as a crash would: no commit, no abort, clients closed at once. */
  private void halt() {
    halted = true;
    state.set(State.HALTED);
    LOG.warn(
        "{}: halted by fault injection before committing transaction {}",
        settings.name(),
        transactions.get());
    producer.close(Duration.ZERO);
    consumer.close(Duration.ZERO);
  }

  private void closeClients() {
    try {
      consumer.close(CLOSE_TIMEOUT);
    } catch (KafkaException e) {
      LOG.warn("{}: closing the consumer failed", settings.name(), e);
    }
    try {
      producer.close(CLOSE_TIMEOUT);
    } catch (KafkaException e) {
      LOG.warn("{}: closing the producer failed", settings.name(), e);
    }
  }

  private Duration pollTimeout() {
    Duration untilTick = Duration.between(now(), nextTick);
    if (untilTick.isNegative()) {
      return Duration.ZERO;
    }
    return untilTick.compareTo(POLL) < 0 ? untilTick : POLL;
  }

  private Instant now() {
    return settings.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private Counter counter(String name, String... tags) {
    String[] all = new String[tags.length + 2];
    all[0] = "component";
    all[1] = settings.name();
    System.arraycopy(tags, 0, all, 2, tags.length);
    return meters.counter(name, all);
  }

  /** Records emitted for one input record or tick, sent only when it was handled. */
  private static final class Batch implements Emitter {
    private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();

    @Override
    public <K, V> void send(Topic<K, V> topic, K key, V value) {
      byte[] k;
      byte[] v;
      try {
        k = topic.keySerde().serializer().serialize(topic.name(), key);
        v = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
      } catch (RuntimeException e) {
        if (Failures.isRegistryUnavailable(e)) {
          throw new RetriableException("cannot serialize output for " + topic.name(), e);
        }
        throw e;
      }
      records.add(new ProducerRecord<>(topic.name(), k, v));
    }

    void sendAll(KafkaProducer<byte[], byte[]> producer) {
      for (ProducerRecord<byte[], byte[]> r : records) {
        producer.send(r);
      }
    }
  }
}
