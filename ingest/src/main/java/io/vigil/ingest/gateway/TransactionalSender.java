package io.vigil.ingest.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each request's records atomically with Kafka transactions, so a batch is all-or-nothing
 * for {@code read_committed} consumers (Vigil's default) even when its records span partitions and
 * topics, and a request is answered only after the commit.
 *
 * <p>Each of {@code workers} threads owns one transactional producer and commits the requests
 * queued for it together (group commit): one transaction per drained queue, so throughput grows
 * with load while latency stays one commit. If any record of a transaction fails, the transaction
 * is aborted and every request in it fails with a retryable error; a fatal producer error (fenced,
 * out-of-order sequence) also replaces the producer. Requests are spread over the workers round
 * robin.
 */
public final class TransactionalSender implements RecordSink {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionalSender.class);

  /** Most records committed in one transaction; bigger queues are split. */
  static final int MAX_RECORDS_PER_TRANSACTION = 50_000;

  private final List<Worker> workers = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Timer commitTimer;

  /**
   * Starts the workers; each creates its producer and initialises transactions in its own thread,
   * retrying until Kafka is reachable.
   *
   * @param producerProps producer settings (bootstrap servers, client settings); transactional
   *     settings are added here
   * @param workerCount number of transactional producers
   * @param transactionalIdPrefix prefix of the transactional ids (a random suffix is appended)
   * @param registry meter registry for the commit timer
   */
  public TransactionalSender(
      Map<String, Object> producerProps,
      int workerCount,
      String transactionalIdPrefix,
      MeterRegistry registry) {
    this(
        producerProps,
        workerCount,
        transactionalIdPrefix,
        registry,
        props -> new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
  }

  TransactionalSender(
      Map<String, Object> producerProps,
      int workerCount,
      String transactionalIdPrefix,
      MeterRegistry registry,
      Function<Map<String, Object>, Producer<byte[], byte[]>> factory) {
    this.commitTimer =
        Timer.builder("vigil.ingest.transaction.commit")
            .description("Time to write and commit one transaction of accepted requests")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    // A random suffix per start: two gateways (or two tests) never fence each other.
    String instance = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < workerCount; i++) {
      Map<String, Object> props = new HashMap<>(producerProps);
      props.put(
          ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + "-" + instance + "-" + i);
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "vigil-ingest-" + instance + "-" + i);
      Worker worker = new Worker(i, props, factory);
      workers.add(worker);
      worker.thread.start();
    }
  }

  @Override
  public CompletableFuture<Void> write(List<ProducerRecord<byte[], byte[]>> records) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed.get()) {
      done.completeExceptionally(new IllegalStateException("The sender is closed"));
      return done;
    }
    if (records.isEmpty()) {
      done.complete(null);
      return done;
    }
    Worker worker = workers.get(Math.floorMod(next.getAndIncrement(), workers.size()));
    worker.queue.add(new Batch(records, done));
    return done;
  }

  @Override
  public boolean ready() {
    return !closed.get() && workers.stream().allMatch(w -> w.producer.get() != null);
  }

  /**
   * Stops the workers after their current transaction, fails what is still queued and closes the
   * producers (waiting up to about 20 s).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // No interrupt: a producer interrupted while closing leaks its I/O thread. Workers see the
    // flag within their poll timeout, finish the transaction at hand and close their producer.
    for (Worker worker : workers) {
      try {
        worker.thread.join(TimeUnit.SECONDS.toMillis(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  /** One request's records and its answer. */
  private record Batch(
      List<ProducerRecord<byte[], byte[]>> records, CompletableFuture<Void> done) {}

  private final class Worker implements Runnable {
    final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    final AtomicReference<Producer<byte[], byte[]>> producer = new AtomicReference<>();
    final Map<String, Object> props;
    final Function<Map<String, Object>, Producer<byte[], byte[]>> factory;
    final Thread thread;

    Worker(
        int index,
        Map<String, Object> props,
        Function<Map<String, Object>, Producer<byte[], byte[]>> factory) {
      this.props = props;
      this.factory = factory;
      this.thread = new Thread(this, "vigil-ingest-tx-" + index);
      this.thread.setDaemon(true);
    }

    @Override
    public void run() {
      try {
        while (!closed.get()) {
          Producer<byte[], byte[]> p = producer.get();
          if (p == null) {
            p = initialise();
            if (p == null) {
              continue;
            }
          }
          Batch first = queue.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          List<Batch> batches = new ArrayList<>();
          int records = 0;
          Batch next = first;
          while (next != null) {
            // A request that gave up waiting (and answered 503) is withdrawn, not written.
            if (!next.done().isDone()) {
              batches.add(next);
              records += next.records().size();
            }
            Batch peeked = queue.peek();
            if (peeked == null || records + peeked.records().size() > MAX_RECORDS_PER_TRANSACTION) {
              break;
            }
            next = queue.poll();
          }
          if (!batches.isEmpty()) {
            commit(p, batches);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        shutdown();
      }
    }

    /** Creates the producer and initialises transactions; {@code null} if Kafka is not there. */
    private Producer<byte[], byte[]> initialise() throws InterruptedException {
      Producer<byte[], byte[]> p = null;
      try {
        p = factory.apply(props);
        p.initTransactions();
        producer.set(p);
        LOG.info(
            "Transactional producer {} ready", props.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        return p;
      } catch (KafkaException e) {
        LOG.warn(
            "Transactional producer {} cannot initialise yet; retrying",
            props.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG),
            e);
        if (p != null) {
          p.close(Duration.ZERO);
        }
        failQueued(new KafkaException("Kafka is not reachable for transactions", e));
        TimeUnit.SECONDS.sleep(1);
        return null;
      }
    }

    private void commit(Producer<byte[], byte[]> p, List<Batch> batches) {
      long started = System.nanoTime();
      AtomicReference<Exception> sendError = new AtomicReference<>();
      try {
        p.beginTransaction();
        for (Batch batch : batches) {
          for (ProducerRecord<byte[], byte[]> record : batch.records()) {
            p.send(
                record,
                (metadata, error) -> {
                  if (error != null) {
                    sendError.compareAndSet(null, error);
                  }
                });
          }
        }
        // commitTransaction flushes and fails if any send failed, but checking first keeps the
        // abort path explicit for errors reported through the callbacks.
        p.flush();
        Exception failed = sendError.get();
        if (failed != null) {
          throw new KafkaException("A record of the transaction failed", failed);
        }
        p.commitTransaction();
        commitTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        batches.forEach(b -> b.done().complete(null));
      } catch (ProducerFencedException
          | OutOfOrderSequenceException
          | AuthorizationException
          | UnsupportedVersionException e) {
        LOG.error("Transactional producer failed fatally; replacing it", e);
        batches.forEach(b -> b.done().completeExceptionally(e));
        producer.set(null);
        p.close(Duration.ZERO);
      } catch (KafkaException e) {
        LOG.warn("Transaction of {} requests aborted", batches.size(), e);
        batches.forEach(b -> b.done().completeExceptionally(e));
        abort(p);
      } catch (RuntimeException e) {
        // Not a Kafka error (a producer bug or misuse): the producer's state is unknown.
        LOG.error("Transactional producer failed unexpectedly; replacing it", e);
        batches.forEach(b -> b.done().completeExceptionally(e));
        producer.set(null);
        p.close(Duration.ZERO);
      }
    }

    private void abort(Producer<byte[], byte[]> p) {
      try {
        p.abortTransaction();
      } catch (KafkaException e) {
        LOG.error("Abort failed; replacing the transactional producer", e);
        producer.set(null);
        p.close(Duration.ZERO);
      }
    }

    private void failQueued(Exception cause) {
      Batch b;
      while ((b = queue.poll()) != null) {
        b.done().completeExceptionally(cause);
      }
    }

    private void shutdown() {
      failQueued(new IllegalStateException("The ingest gateway is shutting down"));
      Producer<byte[], byte[]> p = producer.getAndSet(null);
      if (p != null) {
        p.close(Duration.ofSeconds(5));
      }
    }
  }
}
