package io.vigil.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.OrderLine;
import io.vigil.config.VigilConfig;
import io.vigil.devstack.StackEndpoints;
import io.vigil.inventory.StockAdjustment;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.saga.RetryPolicy;
import io.vigil.saga.SagaState;
import io.vigil.saga.SagaStatus;
import io.vigil.saga.order.OrderData;
import io.vigil.saga.order.OrderSaga;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.streams.app.OrderSagaApp;
import io.vigil.streams.inventory.OrderReservation;
import io.vigil.streams.inventory.SkuReservation;
import io.vigil.streams.inventory.Stock;
import io.vigil.streams.json.Json;
import io.vigil.streams.payment.Authorization;
import io.vigil.streams.payment.PaymentSettings;
import io.vigil.streams.payment.PendingCall;
import io.vigil.streams.payment.SimulatedGateway;
import io.vigil.streams.rest.RestServer;
import io.vigil.streams.state.StoredOutcome;
import io.vigil.streams.testing.SagaInvariants;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.io.IOException;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The crash acceptance test of the order saga: two instances (exactly-once v2, one standby),
 * {@value #ORDERS} orders with declines, out-of-stock, participant timeouts and duplicate replies;
 * midway instance B "crashes" and is restarted on the same port and state directory.
 *
 * <p><b>Injected faults.</b> Declines: {@code declineRate} 0.1, decided per order by the seed, the
 * same on both instances. Out of stock: {@value #STOCK_PER_SKU} units per SKU against roughly twice
 * that demand, plus a scarce SKU. Timeouts: the gateway latency is a per-instance setting, so
 * instance B runs its gateway with a latency above the reply timeout: every authorization on a
 * payment partition B owns times out (all attempts) and its saga is cancelled, the parked calls
 * being blocked by the void; the orders whose payment partition A owns go through. The crash adds
 * timeouts of its own while B's partitions are unowned. Duplicate replies: records read back from
 * {@code saga.replies} are produced again, byte for byte with their headers, once before the crash
 * and once after the restart.
 *
 * <p><b>What "kill" does.</b> B's REST server is stopped, then its Kafka Streams is closed with a
 * zero timeout and {@code REMAIN_IN_GROUP}: no LeaveGroup is sent, so the group coordinator only
 * notices when B's session times out (set to 10 s here), exactly as after a process crash, and A
 * keeps sending commands to partitions nobody serves in the meantime. The test thread does not wait
 * for the shutdown. This is not a kill -9: the stream threads, stopped in the background, still end
 * their current loop and commit or abort the open transaction and write checkpoints; an in-process
 * test cannot stop threads mid-transaction without the JVM's cooperation. Nothing is wiped: the
 * restarted B (same application.server port, same state directory, new group member) recovers from
 * its local stores and the changelogs.
 */
@VigilStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderSagaCrashIT {

  private static final int ORDERS = 2_000;
  private static final int SKUS = 8;
  private static final long STOCK_PER_SKU = 500;
  private static final String SCARCE = "sku-scarce";
  private static final long SCARCE_STOCK = 10;
  private static final Duration REPLY_TIMEOUT = Duration.ofMillis(4_000);
  private static final PaymentSettings FAST_GATEWAY =
      new PaymentSettings(0.1, 0.05, Duration.ofMillis(20), 11L);
  private static final PaymentSettings SLOW_GATEWAY =
      FAST_GATEWAY.withLatency(REPLY_TIMEOUT.plusMillis(1_000));

  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, Long> seeded = new TreeMap<>();
  private final Map<String, OrderEvent> placed = new LinkedHashMap<>();
  private final List<Path> stateDirs = new ArrayList<>();
  private VigilConfig config;
  private OrderSagaTopics topics;
  private OrderSagaApp a;
  private OrderSagaApp b;
  private int duplicateReplies;
  private long runMillis;

  @BeforeAll
  void runOrdersThroughTwoInstancesAndCrashOne(StackEndpoints stack) throws Exception {
    long start = System.nanoTime();
    String prefix = TestNames.unique("order-saga-crash-it") + ".";
    String applicationId = TestNames.unique("order-saga-crash-it-app");
    config =
        new VigilConfig(
            Map.of(
                VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl(),
                VigilConfig.TOPIC_PARTITIONS_CONFIG, "3"));
    topics = OrderSagaTopics.of(TopicCatalog.from(config), prefix, config.serdeConfig());
    OrderSaga.Settings saga =
        new OrderSaga.Settings(
            REPLY_TIMEOUT,
            RetryPolicy.exponential(3, Duration.ofMillis(100), Duration.ofMillis(500)),
            // generous, so compensations outlive the crash window (session timeout + restart, on a
            // loaded 2-core machine) rather than end FAILED: ~30 x (4 s timeout + <= 2 s backoff)
            RetryPolicy.exponential(30, Duration.ofMillis(200), Duration.ofSeconds(2)));
    OrderSagaTopology.Settings fast =
        new OrderSagaTopology.Settings(saga, FAST_GATEWAY, Duration.ofMillis(50), prefix);
    OrderSagaTopology.Settings slow =
        new OrderSagaTopology.Settings(saga, SLOW_GATEWAY, Duration.ofMillis(50), prefix);

    // Given two instances; B's gateway answers after the reply timeout
    a = OrderSagaApp.start(config, settings(applicationId, fast, 0, newStateDir()));
    Path stateDirB = newStateDir();
    b = OrderSagaApp.start(config, settings(applicationId, slow, 0, stateDirB));
    int portB = b.httpPort();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> running(a) && running(b) && ownsTasks(a) && ownsTasks(b));

    // And stock that runs out
    try (KafkaProducer<String, StockAdjustment> stock =
        new KafkaProducer<>(
            config.producerProps(),
            new StringSerializer(),
            topics.stockAdjustments().valueSerde().serializer())) {
      for (int i = 0; i < SKUS; i++) {
        seed(stock, "sku-" + i, STOCK_PER_SKU);
      }
      seed(stock, SCARCE, SCARCE_STOCK);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                seeded.keySet().stream()
                    .allMatch(sku -> get(a, "/api/v1/inventory/" + sku).status == 200));

    Random random = new Random(20261124L);
    try (KafkaProducer<String, OrderEvent> orders =
        new KafkaProducer<>(
            config.producerProps(),
            new StringSerializer(),
            topics.orderEvents().valueSerde().serializer())) {
      // When the first half of the orders is placed
      placeOrders(orders, random, 0, ORDERS / 2);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> terminalSagas() >= ORDERS / 5);
      // And replies are delivered twice
      duplicateReplies += reproduceReplies(300, new Random(1));
      System.out.println("before the crash: " + lastCount);

      // And B crashes, and the second half is placed while it is gone
      crash(b);
      placeOrders(orders, random, ORDERS / 2, ORDERS);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> b.streams().state().hasCompletedShutdown());
      System.out.println("B down: " + b.streams().state() + ", " + lastCount);
    }

    // And B comes back on the same port and state directory
    b = OrderSagaApp.start(config, settings(applicationId, slow, portB, stateDirB));
    assertThat(b.httpPort()).isEqualTo(portB);
    duplicateReplies += reproduceReplies(300, new Random(2));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> running(a) && running(b) && ownsTasks(a) && ownsTasks(b));

    // Then every saga ends and nothing is left in flight
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(1_000))
        .conditionEvaluationListener(
            c -> {
              if (c.getRemainingTimeInMS() < 1_000 || c.getElapsedTimeInMS() % 10_000 < 1_000) {
                System.out.println("sagas by status: " + lastCount);
              }
            })
        .until(() -> terminalSagas() == ORDERS && quiet());
    runMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("run (without assertions): %d ms%n", runMillis);
  }

  @AfterAll
  void stop() throws IOException {
    Stream.of(a, b).filter(Objects::nonNull).forEach(OrderSagaApp::close);
    for (Path dir : stateDirs) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  void shouldHoldTheSagaInvariantsAfterTheCrash() {
    Map<String, SagaState<OrderData>> sagas = new TreeMap<>();
    all(StoreNames.SAGA_STATE, byte[].class)
        .forEach((k, v) -> sagas.put(k, OrderSaga.stateCodec().decode(v)));
    Map<String, Stock> stock = all(StoreNames.INVENTORY_STOCK, Stock.class);
    Map<String, SkuReservation> ledger =
        all(StoreNames.INVENTORY_SKU_RESERVATIONS, SkuReservation.class);
    Map<String, Authorization> authorizations =
        all(StoreNames.PAYMENT_AUTHORIZATIONS, Authorization.class);
    Map<String, StoredOutcome> paymentOutcomes =
        all(StoreNames.PAYMENT_PROCESSED, StoredOutcome.class);

    // Every saga is terminal, none needs a human
    assertThat(sagas.keySet()).isEqualTo(placed.keySet());
    assertThat(sagas.values()).allMatch(SagaState::isTerminal);
    Set<String> completed = idsIn(sagas, SagaStatus.COMPLETED);
    Set<String> cancelled = idsIn(sagas, SagaStatus.CANCELLED);
    Set<String> failed = idsIn(sagas, SagaStatus.FAILED);
    long outOfStock = countReason(sagas, cancelled, "out of stock");
    long declined = countReason(sagas, cancelled, SimulatedGateway.DECLINED);
    long timedOut = countReason(sagas, cancelled, "timed out");
    Map<String, Long> timedOutSteps = new TreeMap<>();
    cancelled.stream()
        .map(id -> sagas.get(id).reason().orElse(""))
        .filter(r -> r.contains("timed out"))
        .forEach(r -> timedOutSteps.merge(r.replaceAll("\\d+", "#"), 1L, Long::sum));
    System.out.printf(
        "%d sagas: %d completed, %d cancelled (%d out of stock, %d declined, %d timed out,"
            + " %d other), %d failed; %d duplicate replies injected; timeouts: %s%n",
        sagas.size(),
        completed.size(),
        cancelled.size(),
        outOfStock,
        declined,
        timedOut,
        cancelled.size() - outOfStock - declined - timedOut,
        failed.size(),
        duplicateReplies,
        timedOutSteps);
    failed.forEach(id -> System.out.println("FAILED " + id + ": " + sagas.get(id).reason()));
    assertThat(failed).as("sagas that need a human").isEmpty();
    assertThat(completed).isNotEmpty();
    assertThat(outOfStock).as("out-of-stock cancellations").isPositive();
    assertThat(declined).as("declined cancellations").isPositive();
    assertThat(timedOut).as("timed-out cancellations").isPositive();
    assertThat(duplicateReplies).isPositive();

    // Reserved stock = stock of confirmed orders; nothing lost; nothing reserved twice
    SagaInvariants.assertStockMatchesConfirmedOrders(sagas, completed, seeded, stock, ledger);
    // Every authorization of a cancelled order is voided
    SagaInvariants.assertCancelledOrdersNotCharged(cancelled, authorizations);
    for (String id : completed) {
      assertThat(authorizations.get(id)).as("authorization of completed %s", id).isNotNull();
      assertThat(authorizations.get(id).status()).isEqualTo(Authorization.Status.AUTHORIZED);
      assertThat(SimulatedGateway.declines(FAST_GATEWAY, id))
          .as("completed %s was declined", id)
          .isFalse();
    }
    // ... and a payment authorized or voided at most once
    assertThat(authorizations.values())
        .allSatisfy(
            x -> {
              assertThat(x.timesAuthorized()).as("authorizations of %s", x).isEqualTo(1);
              assertThat(x.timesVoided()).as("voids of %s", x).isLessThanOrEqualTo(1);
            });
    long successfulAuthorizations =
        paymentOutcomes.entrySet().stream()
            .filter(
                e ->
                    e.getKey().endsWith(":" + OrderSaga.AUTHORIZE_PAYMENT)
                        && e.getValue().success())
            .count();
    assertThat(successfulAuthorizations).isEqualTo(authorizations.size());

    // Nothing in flight
    assertThat(all(StoreNames.SAGA_TIMERS, String.class)).isEmpty();
    assertThat(all(StoreNames.PAYMENT_PENDING, PendingCall.class)).isEmpty();
    assertThat(all(StoreNames.INVENTORY_ORDER_RESERVATIONS, OrderReservation.class).values())
        .allMatch(
            r -> r.stage() == OrderReservation.Stage.RESERVED && completed.contains(r.orderId()));
  }

  @Test
  @Order(2)
  void shouldFindEveryOrderOverRestFromEitherInstance() {
    Map<String, String> statuses = new HashMap<>();
    all(StoreNames.SAGA_STATE, byte[].class)
        .forEach((k, v) -> statuses.put(k, OrderSaga.stateCodec().decode(v).status().name()));
    long start = System.nanoTime();
    List<String> ids = new ArrayList<>(placed.keySet());
    for (OrderSagaApp app : List.of(a, b)) {
      for (int from = 0; from < ids.size(); from += 32) {
        List<String> batch = ids.subList(from, Math.min(ids.size(), from + 32));
        Map<String, CompletableFuture<Response>> answers = new LinkedHashMap<>();
        batch.forEach(id -> answers.put(id, getAsync(app, "/api/v1/orders/" + id)));
        answers.forEach(
            (id, answer) -> {
              Response order = answer.join();
              assertThat(order.status).as("order %s from %s", id, app.hostInfo()).isEqualTo(200);
              assertThat(order.json.get("status").asText())
                  .as("order %s from %s", id, app.hostInfo())
                  .isEqualTo(statuses.get(id));
              assertThat(order.json.get("stale").asBoolean()).isFalse();
            });
      }
    }
    System.out.printf(
        "%d orders looked up on both instances in %d ms%n",
        ids.size(), (System.nanoTime() - start) / 1_000_000);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Stops the instance as abruptly as the process allows: REST server gone, Kafka Streams closed
   * without waiting and without leaving the group (see the class comment).
   */
  private static void crash(OrderSagaApp app) throws ReflectiveOperationException {
    Field rest = OrderSagaApp.class.getDeclaredField("rest");
    rest.setAccessible(true);
    ((RestServer) rest.get(app)).close();
    app.streams()
        .close(
            CloseOptions.timeout(Duration.ZERO)
                .withGroupMembershipOperation(
                    CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
  }

  private void placeOrders(
      KafkaProducer<String, OrderEvent> producer, Random random, int from, int to) {
    for (int i = from; i < to; i++) {
      OrderEvent event = randomOrder(String.format("crash-order-%04d", i), random, i % 20 == 0);
      placed.put(event.getOrderId(), event);
      producer.send(new ProducerRecord<>(topics.orderEvents().name(), event.getOrderId(), event));
    }
    producer.flush();
  }

  /** Reads up to {@code count} committed replies and produces them again, unchanged. */
  private int reproduceReplies(int count, Random random) {
    Map<String, Object> props =
        new HashMap<>(config.consumerProps(TestNames.unique("order-saga-crash-it-dup")));
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> replies = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                config.producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
      consumer.subscribe(List.of(topics.sagaReplies().name()));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(replies::add);
                return replies.size() >= 3 * count;
              });
      Collections.shuffle(replies, random);
      for (ConsumerRecord<byte[], byte[]> reply : replies.subList(0, count)) {
        producer.send(
            new ProducerRecord<>(reply.topic(), null, reply.key(), reply.value(), reply.headers()));
      }
      producer.flush();
    }
    return count;
  }

  private Path newStateDir() throws IOException {
    Path dir = Files.createTempDirectory("order-saga-crash-it");
    stateDirs.add(dir);
    return dir;
  }

  private static OrderSagaApp.Settings settings(
      String applicationId, OrderSagaTopology.Settings topology, int port, Path stateDir) {
    return new OrderSagaApp.Settings(
        applicationId,
        "127.0.0.1",
        port,
        "127.0.0.1",
        stateDir,
        1,
        1,
        true,
        Duration.ofSeconds(30),
        topology,
        Map.of(
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
            100,
            StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
            10_000,
            StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
            2_000));
  }

  private static boolean running(OrderSagaApp app) {
    return app.streams().state() == KafkaStreams.State.RUNNING;
  }

  private static boolean ownsTasks(OrderSagaApp app) {
    return app.streams().metadataForLocalThreads().stream()
        .anyMatch(thread -> !thread.activeTasks().isEmpty());
  }

  private void seed(KafkaProducer<String, StockAdjustment> producer, String sku, long units) {
    seeded.put(sku, units);
    producer.send(
        new ProducerRecord<>(
            topics.stockAdjustments().name(),
            sku,
            StockAdjustment.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setSku(sku)
                .setDelta(units)
                .setReason("initial count")
                .build()));
  }

  private static OrderEvent randomOrder(String id, Random random, boolean scarce) {
    List<OrderLine> lines = new ArrayList<>();
    List<Integer> skus = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
    Collections.shuffle(skus, random);
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      lines.add(line("sku-" + skus.get(i), 1 + random.nextInt(3)));
    }
    if (scarce) {
      lines.add(line(SCARCE, 2));
    }
    BigDecimal total =
        lines.stream()
            .map(l -> l.getUnitPrice().multiply(BigDecimal.valueOf(l.getQuantity())))
            .reduce(BigDecimal.ZERO, BigDecimal::add)
            .setScale(2);
    return OrderEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.now())
        .setOrderId(id)
        .setPayload(
            OrderPlaced.newBuilder()
                .setCustomerId("customer-" + id)
                .setLines(lines)
                .setTotal(total)
                .setCurrency("EUR")
                .build())
        .build();
  }

  private static OrderLine line(String sku, int quantity) {
    return OrderLine.newBuilder()
        .setSku(sku)
        .setQuantity(quantity)
        .setUnitPrice(new BigDecimal("3.20"))
        .build();
  }

  private volatile String lastCount = "";

  /** Terminal sagas, read from the active stores of both instances; -1 while not queryable. */
  private long terminalSagas() {
    try {
      Map<String, Integer> byStatus = new TreeMap<>();
      long terminal = 0;
      for (byte[] bytes : all(StoreNames.SAGA_STATE, byte[].class).values()) {
        SagaState<OrderData> saga = OrderSaga.stateCodec().decode(bytes);
        byStatus.merge(saga.status().name(), 1, Integer::sum);
        if (saga.isTerminal()) {
          terminal++;
        }
      }
      lastCount = byStatus.toString();
      return terminal;
    } catch (RuntimeException | AssertionError e) {
      lastCount = "not queryable: " + e;
      return -1;
    }
  }

  /** No timer, no parked payment call left. */
  private boolean quiet() {
    try {
      return all(StoreNames.SAGA_TIMERS, String.class).isEmpty()
          && all(StoreNames.PAYMENT_PENDING, PendingCall.class).isEmpty();
    } catch (RuntimeException | AssertionError e) {
      return false;
    }
  }

  /** Every entry of a store, from the active partitions of both instances. */
  private <V> Map<String, V> all(String store, Class<V> type) {
    Map<String, V> entries = new TreeMap<>();
    for (OrderSagaApp app : List.of(a, b)) {
      ReadOnlyKeyValueStore<String, V> local =
          app.streams()
              .store(
                  StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
      try (KeyValueIterator<String, V> it = local.all()) {
        while (it.hasNext()) {
          KeyValue<String, V> entry = it.next();
          assertThat(entries.put(entry.key, type.cast(entry.value)))
              .as("%s in %s on both instances", entry.key, store)
              .isNull();
        }
      }
    }
    return entries;
  }

  private static long countReason(
      Map<String, SagaState<OrderData>> sagas, Set<String> ids, String text) {
    return ids.stream().filter(id -> sagas.get(id).reason().orElse("").contains(text)).count();
  }

  private static Set<String> idsIn(Map<String, SagaState<OrderData>> sagas, SagaStatus status) {
    Set<String> ids = new HashSet<>();
    sagas.forEach(
        (id, saga) -> {
          if (saga.status() == status) {
            ids.add(id);
          }
        });
    return ids;
  }

  private record Response(int status, JsonNode json) {}

  private Response get(OrderSagaApp app, String path) {
    return getAsync(app, path).join();
  }

  private CompletableFuture<Response> getAsync(OrderSagaApp app, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
            .timeout(Duration.ofSeconds(40))
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            r -> {
              try {
                return new Response(r.statusCode(), Json.MAPPER.readTree(r.body()));
              } catch (IOException e) {
                throw new IllegalStateException(path + " answered no JSON: " + r.body(), e);
              }
            });
  }
}
