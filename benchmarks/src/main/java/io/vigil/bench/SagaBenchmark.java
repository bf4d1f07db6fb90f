package io.vigil.bench;

import io.vigil.common.OrderLine;
import io.vigil.config.VigilConfig;
import io.vigil.inventory.StockAdjustment;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.orders.OrderState;
import io.vigil.orders.OrderStatus;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.streams.OrderSagaTopics;
import io.vigil.streams.app.OrderSagaApp;
import io.vigil.streams.app.OrderSagaConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;

/**
 * {@code vigil bench sagas}: the order saga application ({@link OrderSagaApp}, exactly_once_v2,
 * configured like {@code vigil streams}: by default participants in the orchestrator's task and a
 * commit interval of {@value OrderSagaApp#DEFAULT_COMMIT_INTERVAL_MS} ms; against an external
 * cluster ({@code -b}) a {@code -c FILE} may set {@code vigil.streams.*}) against a pass-through
 * exactly_once_v2 topology ({@code builder.stream(in).to(out)}, byte arrays, the same commit
 * interval) on the same cluster, in the same run.
 *
 * <ol>
 *   <li><b>Reference</b>: {@code duration} worth of records the size of a serialized OrderPlaced
 *       are produced into a fresh topic, then a pass-through topology is started; msgs/s is
 *       measured on a read_committed consumer of its output, from the first output batch to the
 *       last record.
 *   <li><b>Saga at max rate</b>: orders (1–3 lines over {@value #SKUS} SKUs with ample stock,
 *       payment decline rate {@value #DECLINE_RATE}, latency 0) are produced as fast as the app
 *       takes them, with at most {@value #MAX_IN_FLIGHT} orders not yet terminal (so the pipeline
 *       is saturated but the backlog bounded), for {@code duration}. sagas/s = terminal {@code
 *       orders.status} records per second (first to last), latency = time a read_committed consumer
 *       receives the terminal status minus the time the order was sent. The app's msgs/s = records
 *       its sub-topologies processed (Kafka Streams {@code process-total}, every input of every
 *       task) per second over the same span.
 *   <li><b>Saga at half of max</b>: the same app, orders paced at half the measured sagas/s for
 *       {@code duration}: the latency-at-half-load figure.
 * </ol>
 *
 * <p>The ratio compares like with like: records per second through an exactly-once Kafka Streams
 * application, the saga app's (all its sub-topologies) against the pass-through's. sagas/s ÷
 * pass-through msgs/s is printed as well. Every run uses its own topic prefix, application ids and
 * state directories, and closes all it started. Both topologies run one stream thread with the same
 * {@code commit.interval.ms}.
 */
public final class SagaBenchmark implements Benchmark {

  static final String SAGA_MAX = "saga, max rate";
  static final String SAGA_HALF = "saga, ½ max rate";
  static final String SAGA_APP_MSGS = "saga app, msgs/s (all sub-topologies) at max rate";
  static final String PASS_THROUGH = "pass-through exactly_once_v2";
  static final List<String> COLUMNS = List.of("msgs/s or sagas/s", "p50 ms", "p99 ms", "records");

  private static final int SKUS = 16;
  private static final long STOCK_PER_SKU = 1_000_000_000L;
  private static final double DECLINE_RATE = 0.1;
  // Bounded so queueing stays well under the app's 5 s reply timeout (4,000 in flight timed every
  // saga out).
  private static final int MAX_IN_FLIGHT = 300;
  private static final int WARM_UP_ORDERS = 50;
  private static final int MAX_PASS_THROUGH_RECORDS = 500_000;
  private static final double P99_TARGET_MS = 200;

  @Override
  public String name() {
    return "sagas";
  }

  @Override
  public BenchResult run(VigilConfig cluster, Duration duration) throws Exception {
    String runId = "bench-sagas-" + UUID.randomUUID().toString().substring(0, 8);
    Path stateRoot = Files.createTempDirectory(runId);
    try {
      OrderSagaTopics topics =
          OrderSagaTopics.of(TopicCatalog.from(cluster), runId + ".", cluster.serdeConfig());
      byte[] sample =
          topics
              .orderEvents()
              .valueSerde()
              .serializer()
              .serialize(topics.orderEvents().name(), order("sample-order", new Random(1)));
      // The saga app's effective commit interval (its default or vigil.streams.commit.interval.ms
      // from the configuration); the pass-through runs with the same.
      OrderSagaConfig effective =
          OrderSagaConfig.load(Optional.empty(), Map.of(), cluster.originalsStrings());
      long commitIntervalMs = effective.getLong(OrderSagaConfig.COMMIT_INTERVAL_MS_CONFIG);
      boolean inTask = effective.getBoolean(OrderSagaConfig.IN_TASK_PARTICIPANTS_CONFIG);
      PassThrough reference =
          passThrough(
              cluster,
              runId,
              sample.length,
              duration,
              commitIntervalMs,
              stateRoot.resolve("pass-through"));
      SagaPhases saga = sagas(cluster, runId, topics, duration, stateRoot.resolve("saga"));
      return result(
          reference, saga, sample.length, cluster.partitions(), duration, commitIntervalMs, inTask);
    } finally {
      deleteQuietly(stateRoot);
    }
  }

  // ---------------------------------------------------------------- reference: pass-through

  record PassThrough(long records, double msgsPerSecond) {}

  private static PassThrough passThrough(
      VigilConfig cluster,
      String runId,
      int recordSize,
      Duration duration,
      long commitIntervalMs,
      Path stateDir)
      throws Exception {
    String in = runId + ".pass-through.in";
    String out = runId + ".pass-through.out";
    try (Admin admin = Admin.create(cluster.adminProps())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(in, cluster.partitions(), cluster.replicationFactor()),
                  new NewTopic(out, cluster.partitions(), cluster.replicationFactor())))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    // Pre-produce `duration` worth of records (capped), acks=all, one request in flight and no
    // idempotence: an idempotent producer loading one partition this fast was answered with
    // OutOfOrderSequenceException by the embedded broker again and again, and its flush() then
    // never returned. Only acknowledged records count; the delivery timeout bounds the flush.
    long records = 0;
    AtomicLong acked = new AtomicLong();
    Random random = new Random(42);
    Map<String, Object> loaderProps = new HashMap<>(cluster.producerProps());
    loaderProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    loaderProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    loaderProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(loaderProps, new ByteArraySerializer(), new ByteArraySerializer())) {
      long end = System.nanoTime() + duration.toNanos();
      while (records < MAX_PASS_THROUGH_RECORDS && (records % 1_000 != 0 || now() < end)) {
        byte[] value = new byte[recordSize];
        random.nextBytes(value);
        producer.send(
            new ProducerRecord<>(in, ("order-" + records).getBytes(StandardCharsets.UTF_8), value),
            (metadata, error) -> {
              if (error == null) {
                acked.incrementAndGet();
              }
            });
        records++;
      }
      producer.flush();
    }
    records = acked.get();

    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in).to(out);
    Properties props = new Properties();
    props.putAll(cluster.commonClientProps());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, runId + "-pass-through");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    props.put(StreamsConfig.POLL_MS_CONFIG, Math.min(commitIntervalMs, 100L));
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) cluster.replicationFactor());
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(
                cluster.consumerProps(runId + "-pass-through-reader"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      assignFromStart(consumer, out);
      streams.start();
      long deadline = now() + Math.max(120_000_000_000L, 20 * duration.toNanos());
      long seen = 0;
      long firstBatchAt = 0;
      long firstBatch = 0;
      long lastAt = 0;
      while (seen < records) {
        if (now() > deadline) {
          throw new TimeoutException(
              "pass-through: " + seen + " of " + records + " records in the output");
        }
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(50));
        if (batch.isEmpty()) {
          continue;
        }
        long at = now();
        if (firstBatchAt == 0) {
          firstBatchAt = at;
          firstBatch = batch.count();
        }
        seen += batch.count();
        lastAt = at;
      }
      double rate =
          lastAt > firstBatchAt ? (seen - firstBatch) / seconds(lastAt - firstBatchAt) : Double.NaN;
      streams.close(Duration.ofSeconds(30));
      return new PassThrough(seen, rate);
    }
  }

  // ---------------------------------------------------------------- the order saga

  record Phase(
      long orders,
      long terminal,
      double sagasPerSecond,
      double p50Ms,
      double p99Ms,
      double rate,
      double appMsgsPerSecond) {}

  record SagaPhases(Phase max, Phase half, Map<String, Long> outcomes) {}

  private static SagaPhases sagas(
      VigilConfig cluster, String runId, OrderSagaTopics topics, Duration duration, Path stateDir)
      throws Exception {
    Map<String, String> overrides = new HashMap<>(cluster.originalsStrings());
    overrides.put(OrderSagaConfig.APPLICATION_ID_CONFIG, runId + "-saga");
    overrides.put(OrderSagaConfig.TOPIC_PREFIX_CONFIG, topics.prefix());
    overrides.put(OrderSagaConfig.STATE_DIR_CONFIG, stateDir.toString());
    overrides.put(OrderSagaConfig.HTTP_PORT_CONFIG, "0");
    overrides.put(OrderSagaConfig.PAYMENT_DECLINE_RATE_CONFIG, Double.toString(DECLINE_RATE));
    overrides.put(OrderSagaConfig.PAYMENT_UNAVAILABLE_RATE_CONFIG, "0");
    overrides.put(OrderSagaConfig.PAYMENT_LATENCY_MS_CONFIG, "0");
    OrderSagaConfig config = OrderSagaConfig.load(Optional.empty(), Map.of(), overrides);

    try (OrderSagaApp app = OrderSagaApp.start(config, config.settings());
        StatusReader statuses = new StatusReader(cluster, runId, topics);
        KafkaProducer<String, OrderEvent> orders =
            new KafkaProducer<>(
                cluster.producerProps(),
                new StringSerializer(),
                topics.orderEvents().valueSerde().serializer())) {
      awaitRunning(app);
      seedStock(cluster, topics, app);
      statuses.start();

      Random random = new Random(20_260_101L);
      // Warm-up: the whole pipeline (every task, every transactional producer) has worked once.
      Tracker warmUp = new Tracker();
      for (int i = 0; i < WARM_UP_ORDERS; i++) {
        send(orders, topics, statuses, warmUp, runId + "-warm-" + i, random);
      }
      orders.flush();
      warmUp.awaitDrained(Duration.ofSeconds(120));

      Tracker max = new Tracker();
      max.processed = () -> processedRecords(app);
      Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
      max.onTerminal = inFlight::release;
      long end = now() + duration.toNanos();
      for (int i = 0; now() < end; i++) {
        if (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
          i--;
          continue;
        }
        send(orders, topics, statuses, max, runId + "-max-" + i, random);
      }
      orders.flush();
      max.awaitDrained(Duration.ofSeconds(120));
      Phase maxPhase = max.phase(Double.NaN);

      double halfRate = maxPhase.sagasPerSecond() / 2;
      Tracker half = new Tracker();
      half.processed = () -> processedRecords(app);
      long start = now();
      end = start + duration.toNanos();
      double intervalNanos = 1e9 / Math.max(halfRate, 1.0);
      for (long i = 0; ; i++) {
        long due = start + (long) (i * intervalNanos);
        if (due >= end) {
          break;
        }
        long wait = due - now();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        send(orders, topics, statuses, half, runId + "-half-" + i, random);
      }
      orders.flush();
      half.awaitDrained(Duration.ofSeconds(120));
      Phase halfPhase = half.phase(halfRate);

      Map<String, Long> outcomes = new LinkedHashMap<>(max.outcomes());
      half.outcomes().forEach((state, n) -> outcomes.merge(state, n, Long::sum));
      return new SagaPhases(maxPhase, halfPhase, outcomes);
    }
  }

  private static void send(
      KafkaProducer<String, OrderEvent> producer,
      OrderSagaTopics topics,
      StatusReader statuses,
      Tracker tracker,
      String orderId,
      Random random) {
    OrderEvent event = order(orderId, random);
    tracker.sent(orderId);
    statuses.track(orderId, tracker);
    producer.send(
        new ProducerRecord<>(topics.orderEvents().name(), orderId, event),
        (metadata, error) -> {
          if (error != null) {
            tracker.rejected(orderId);
          }
        });
  }

  /** Orders sent in one phase and when each reached a terminal status. */
  static final class Tracker {
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final List<Long> latencies = new ArrayList<>();
    private final Map<OrderState, Long> outcomes = new LinkedHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private long rejected;
    private long firstTerminalAt;
    private long lastTerminalAt;
    private double processedAtFirst = Double.NaN;
    private double processedAtLast = Double.NaN;
    volatile Runnable onTerminal = () -> {};
    volatile java.util.function.DoubleSupplier processed = () -> Double.NaN;

    void sent(String orderId) {
      sentAt.put(orderId, now());
      sent.incrementAndGet();
    }

    /** The broker rejected the order: it is neither waited for nor counted. */
    synchronized void rejected(String orderId) {
      if (sentAt.remove(orderId) != null) {
        sent.decrementAndGet();
        rejected++;
        onTerminal.run();
        notifyAll();
      }
    }

    synchronized void terminal(String orderId, OrderState state, long at) {
      Long sentNanos = sentAt.remove(orderId);
      if (sentNanos == null) {
        return;
      }
      latencies.add(at - sentNanos);
      outcomes.merge(state, 1L, Long::sum);
      if (firstTerminalAt == 0) {
        firstTerminalAt = at;
        processedAtFirst = processed.getAsDouble();
      }
      lastTerminalAt = at;
      processedAtLast = processed.getAsDouble();
      onTerminal.run();
      notifyAll();
    }

    synchronized void awaitDrained(Duration timeout) throws InterruptedException, TimeoutException {
      long deadline = now() + timeout.toNanos();
      while (!sentAt.isEmpty()) {
        long left = deadline - now();
        if (left <= 0) {
          throw new TimeoutException(
              sentAt.size() + " of " + sent.get() + " sagas not terminal after " + timeout);
        }
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, 100_000_000L));
      }
    }

    synchronized Map<String, Long> outcomes() {
      Map<String, Long> all = new LinkedHashMap<>();
      outcomes.forEach((state, n) -> all.put(state.name(), n));
      if (rejected > 0) {
        all.put("rejected by the broker (not counted)", rejected);
      }
      return all;
    }

    synchronized Phase phase(double offeredRate) {
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      double rate =
          lastTerminalAt > firstTerminalAt
              ? (sorted.length - 1) / seconds(lastTerminalAt - firstTerminalAt)
              : Double.NaN;
      double appRate =
          lastTerminalAt > firstTerminalAt
              ? (processedAtLast - processedAtFirst) / seconds(lastTerminalAt - firstTerminalAt)
              : Double.NaN;
      return new Phase(
          sent.get(),
          sorted.length,
          rate,
          percentileMs(sorted, 0.50),
          percentileMs(sorted, 0.99),
          offeredRate,
          appRate);
    }
  }

  /** A read_committed consumer of {@code orders.status} handing terminal statuses to trackers. */
  static final class StatusReader implements AutoCloseable {
    private final KafkaConsumer<String, OrderStatus> consumer;
    private final Map<String, Tracker> tracked = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Throwable failure;

    @SuppressWarnings("unchecked")
    StatusReader(VigilConfig cluster, String runId, OrderSagaTopics topics) {
      consumer =
          new KafkaConsumer<>(
              cluster.consumerProps(runId + "-status-reader"),
              new StringDeserializer(),
              (Deserializer<OrderStatus>) topics.orderStatus().valueSerde().deserializer());
      assignFromStart(consumer, topics.orderStatus().name());
      thread = new Thread(this::loop, "bench-sagas-status-reader");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void track(String orderId, Tracker tracker) {
      if (failure != null) {
        throw new IllegalStateException("status reader failed", failure);
      }
      tracked.put(orderId, tracker);
    }

    private void loop() {
      try {
        while (running.get()) {
          ConsumerRecords<String, OrderStatus> batch = consumer.poll(Duration.ofMillis(20));
          long at = now();
          for (ConsumerRecord<String, OrderStatus> record : batch) {
            OrderState state = record.value().getStatus();
            if (state == OrderState.COMPLETED
                || state == OrderState.CANCELLED
                || state == OrderState.FAILED) {
              Tracker tracker = tracked.remove(record.key());
              if (tracker != null) {
                tracker.terminal(record.key(), state, at);
              }
            }
          }
        }
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        // closing
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      consumer.wakeup();
      thread.join(10_000);
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Records processed so far by every stream thread of the app (all sub-topologies). */
  static double processedRecords(OrderSagaApp app) {
    return app.streams().metrics().entrySet().stream()
        .filter(
            e ->
                e.getKey().group().equals("stream-thread-metrics")
                    && e.getKey().name().equals("process-total"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  private static void awaitRunning(OrderSagaApp app) throws Exception {
    long deadline = now() + 120_000_000_000L;
    while (app.streams().state() != KafkaStreams.State.RUNNING) {
      if (now() > deadline || !app.streams().state().isRunningOrRebalancing()) {
        throw new TimeoutException("saga app not RUNNING: " + app.streams().state());
      }
      Thread.sleep(100);
    }
  }

  private static void seedStock(VigilConfig cluster, OrderSagaTopics topics, OrderSagaApp app)
      throws Exception {
    try (KafkaProducer<String, StockAdjustment> producer =
        new KafkaProducer<>(
            cluster.producerProps(),
            new StringSerializer(),
            topics.stockAdjustments().valueSerde().serializer())) {
      for (int i = 0; i < SKUS; i++) {
        String sku = sku(i);
        producer.send(
            new ProducerRecord<>(
                topics.stockAdjustments().name(),
                sku,
                StockAdjustment.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setOccurredAt(Instant.now())
                    .setSku(sku)
                    .setDelta(STOCK_PER_SKU)
                    .setReason("benchmark stock")
                    .build()));
      }
    }
    // Wait until the inventory participant knows every SKU (orders would be cancelled otherwise).
    HttpClient http = HttpClient.newHttpClient();
    long deadline = now() + 60_000_000_000L;
    for (int i = 0; i < SKUS; i++) {
      URI uri = URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/inventory/" + sku(i));
      while (true) {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          break;
        }
        if (now() > deadline) {
          throw new TimeoutException("stock of " + sku(i) + " not visible: " + response);
        }
        Thread.sleep(100);
      }
    }
  }

  private static String sku(int i) {
    return "bench-sku-" + i;
  }

  static OrderEvent order(String orderId, Random random) {
    List<OrderLine> lines = new ArrayList<>();
    int first = random.nextInt(SKUS);
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      lines.add(
          OrderLine.newBuilder()
              .setSku(sku((first + i) % SKUS))
              .setQuantity(1 + random.nextInt(3))
              .setUnitPrice(new BigDecimal("3.20"))
              .build());
    }
    BigDecimal total =
        lines.stream()
            .map(l -> l.getUnitPrice().multiply(BigDecimal.valueOf(l.getQuantity())))
            .reduce(BigDecimal.ZERO, BigDecimal::add)
            .setScale(2);
    return OrderEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.now())
        .setOrderId(orderId)
        .setPayload(
            OrderPlaced.newBuilder()
                .setCustomerId("customer-" + orderId)
                .setLines(lines)
                .setTotal(total)
                .setCurrency("EUR")
                .build())
        .build();
  }

  // ---------------------------------------------------------------- result

  private static BenchResult result(
      PassThrough reference,
      SagaPhases saga,
      int recordSize,
      int partitions,
      Duration duration,
      long commitIntervalMs,
      boolean inTask) {
    Map<String, List<Double>> rows = new LinkedHashMap<>();
    rows.put(
        SAGA_MAX,
        List.of(
            saga.max().sagasPerSecond(),
            saga.max().p50Ms(),
            saga.max().p99Ms(),
            (double) saga.max().terminal()));
    rows.put(
        SAGA_APP_MSGS,
        List.of(
            saga.max().appMsgsPerSecond(),
            Double.NaN,
            Double.NaN,
            saga.max().appMsgsPerSecond() * saga.max().terminal() / saga.max().sagasPerSecond()));
    rows.put(
        SAGA_HALF,
        List.of(
            saga.half().sagasPerSecond(),
            saga.half().p50Ms(),
            saga.half().p99Ms(),
            (double) saga.half().terminal()));
    rows.put(
        PASS_THROUGH,
        List.of(reference.msgsPerSecond(), Double.NaN, Double.NaN, (double) reference.records()));
    double ratio = saga.max().appMsgsPerSecond() / reference.msgsPerSecond();

    Map<String, String> notes = new LinkedHashMap<>();
    double p99Half = saga.half().p99Ms();
    notes.put(
        "p99 at half load",
        String.format(
            Locale.ROOT,
            "%.1f ms at %.1f sagas/s offered — target < %.0f ms %s",
            p99Half,
            saga.half().rate(),
            P99_TARGET_MS,
            p99Half < P99_TARGET_MS ? "MET" : "NOT MET"));
    notes.put(
        "sagas/s ratio",
        String.format(
            Locale.ROOT,
            "%.4f = %.1f sagas/s ÷ %.0f pass-through msgs/s (%.1f app records per saga)",
            saga.max().sagasPerSecond() / reference.msgsPerSecond(),
            saga.max().sagasPerSecond(),
            reference.msgsPerSecond(),
            saga.max().appMsgsPerSecond() / saga.max().sagasPerSecond()));
    notes.put(
        "outcomes",
        saga.outcomes().entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .reduce((a, b) -> a + ", " + b)
            .orElse("none"));
    notes.put(
        "saga settings",
        String.format(
            Locale.ROOT,
            "1 instance, 1 stream thread, participants %s, commit interval %d ms, %d partitions,"
                + " decline rate %.2f, payment latency 0, %d SKUs with ample stock, 1–3 lines per"
                + " order, at most %d sagas in flight at max rate, %d s per phase",
            inTask
                ? "in the orchestrator's task (3 EOS commits per saga)"
                : "over topics (7 EOS commits per saga)",
            commitIntervalMs,
            partitions,
            DECLINE_RATE,
            SKUS,
            MAX_IN_FLIGHT,
            duration.toSeconds()));
    notes.put(
        "how measured",
        "rates from first to last output (terminal orders.status / pass-through output) on a"
            + " read_committed consumer; saga app msgs/s = records processed by all its"
            + " sub-topologies (Kafka Streams process-total) over the same span; latency ="
            + " terminal status received − order sent; both topologies: 1 stream thread,"
            + " exactly_once_v2, commit.interval.ms "
            + commitIntervalMs);
    notes.put(
        "pass-through",
        String.format(
            Locale.ROOT,
            "%d pre-produced records of %d bytes (a serialized OrderPlaced)",
            reference.records(),
            recordSize));
    return new BenchResult(
        "sagas",
        COLUMNS,
        rows,
        ratio,
        0.5,
        "saga app msgs/s (all sub-topologies) at max rate ÷ pass-through exactly_once_v2 msgs/s",
        notes);
  }

  // ---------------------------------------------------------------- helpers

  private static void assignFromStart(KafkaConsumer<?, ?> consumer, String topic) {
    long deadline = now() + 30_000_000_000L;
    List<TopicPartition> partitions = new ArrayList<>();
    while (partitions.isEmpty()) {
      var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      if (infos != null) {
        infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      if (partitions.isEmpty() && now() > deadline) {
        throw new IllegalStateException("no partitions of " + topic);
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  static double percentileMs(long[] sortedNanos, double q) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
  }

  private static long now() {
    return System.nanoTime();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
