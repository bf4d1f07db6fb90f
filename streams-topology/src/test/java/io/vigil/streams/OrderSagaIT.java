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
import io.vigil.streams.poison.DeadLetters;
import io.vigil.streams.state.StoredOutcome;
import io.vigil.streams.testing.SagaInvariants;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
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
 * Two instances of the order saga application in one JVM, on the real embedded broker and registry,
 * exactly-once v2, one standby replica: {@value #ORDERS} orders over {@value #SKUS} SKUs with
 * scarce stock, declined and "unavailable" payments, duplicate OrderPlaced and a poison record.
 * After the run the invariants of the saga design are checked on the stores of both instances, then
 * the REST API: routing to the owner, long-poll, list fan-out, errors.
 */
@VigilStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderSagaIT {

  private static final int ORDERS = 200;
  private static final int SKUS = 8;
  private static final long STOCK_PER_SKU = 80;
  private static final String SCARCE = "sku-scarce";
  private static final long SCARCE_STOCK = 5;
  private static final String LONG_POLL_SKU = "sku-long-poll";
  private static final PaymentSettings PAYMENT =
      new PaymentSettings(0.15, 0.1, Duration.ofMillis(30), 7L);

  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, Long> seeded = new TreeMap<>();
  private final Map<String, OrderEvent> placed = new LinkedHashMap<>();
  private final List<Path> stateDirs = new ArrayList<>();
  private VigilConfig config;
  private OrderSagaTopics topics;
  private OrderSagaApp a;
  private OrderSagaApp b;
  private KafkaProducer<String, OrderEvent> orderProducer;

  @BeforeAll
  void runOrdersThroughTwoInstances(StackEndpoints stack) throws IOException {
    String prefix = TestNames.unique("order-saga-it") + ".";
    String applicationId = TestNames.unique("order-saga-it-app");
    config =
        new VigilConfig(
            Map.of(
                VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl(),
                VigilConfig.TOPIC_PARTITIONS_CONFIG, "3"));
    topics = OrderSagaTopics.of(TopicCatalog.from(config), prefix, config.serdeConfig());
    OrderSagaTopology.Settings topology =
        new OrderSagaTopology.Settings(
            new OrderSaga.Settings(
                Duration.ofSeconds(8),
                RetryPolicy.exponential(3, Duration.ofMillis(100), Duration.ofSeconds(1)),
                RetryPolicy.exponential(5, Duration.ofMillis(100), Duration.ofSeconds(1))),
            PAYMENT,
            Duration.ofMillis(50),
            prefix);

    // Given two instances that share the work
    a = OrderSagaApp.start(config, settings(applicationId, topology));
    b = OrderSagaApp.start(config, settings(applicationId, topology));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> running(a) && running(b) && ownsTasks(a) && ownsTasks(b));

    // And stock, visible over REST before any order arrives
    try (KafkaProducer<String, StockAdjustment> stock =
        new KafkaProducer<>(
            config.producerProps(),
            new StringSerializer(),
            topics.stockAdjustments().valueSerde().serializer())) {
      for (int i = 0; i < SKUS; i++) {
        seed(stock, "sku-" + i, STOCK_PER_SKU);
      }
      seed(stock, SCARCE, SCARCE_STOCK);
      seed(stock, LONG_POLL_SKU, 10);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                seeded.keySet().stream()
                    .allMatch(sku -> get(a, "/api/v1/inventory/" + sku).status == 200));

    // When 200 orders are placed, some of them twice, with a poison record among them
    orderProducer =
        new KafkaProducer<>(
            config.producerProps(),
            new StringSerializer(),
            topics.orderEvents().valueSerde().serializer());
    Random random = new Random(20261123L);
    for (int i = 0; i < ORDERS; i++) {
      OrderEvent event = randomOrder(String.format("it-order-%03d", i), random, i % 10 == 0);
      placed.put(event.getOrderId(), event);
      send(event);
      if (i % 40 == 7) {
        send(withNewEventId(event)); // a duplicate OrderPlaced
      }
    }
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(
            config.producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
      raw.send(
          new ProducerRecord<>(
              topics.orderEvents().name(),
              "it-poison".getBytes(StandardCharsets.UTF_8),
              new byte[] {0, 0, 0, 0, 99, 1}));
    }
    orderProducer.flush();

    // Then every saga ends (read through the list API, which fans out to both instances)
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .conditionEvaluationListener(
            condition -> {
              if (condition.getRemainingTimeInMS() < 1_000
                  || condition.getElapsedTimeInMS() % 10_000 < 500) {
                System.out.println("sagas by status: " + lastCount);
              }
            })
        .until(() -> terminalSagas() == ORDERS);
  }

  @AfterAll
  void stop() throws IOException {
    if (orderProducer != null) {
      orderProducer.close();
    }
    Stream.of(a, b).filter(java.util.Objects::nonNull).forEach(OrderSagaApp::close);
    for (Path dir : stateDirs) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  void shouldHoldTheSagaInvariantsAfterTheRun() {
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

    // One saga per order, every one terminal, none needing a human
    assertThat(sagas.keySet()).isEqualTo(placed.keySet());
    assertThat(sagas.values()).allMatch(SagaState::isTerminal);
    assertThat(sagas.values()).noneMatch(s -> s.status() == SagaStatus.FAILED);
    Set<String> completed = idsIn(sagas, SagaStatus.COMPLETED);
    Set<String> cancelled = idsIn(sagas, SagaStatus.CANCELLED);
    System.out.printf(
        "%d sagas: %d completed, %d cancelled (%d out of stock, %d declined)%n",
        sagas.size(),
        completed.size(),
        cancelled.size(),
        cancelled.stream()
            .filter(id -> sagas.get(id).reason().orElse("").contains("out of stock"))
            .count(),
        cancelled.stream()
            .filter(id -> sagas.get(id).reason().orElse("").contains(SimulatedGateway.DECLINED))
            .count());
    assertThat(completed).isNotEmpty();
    assertThat(cancelled).isNotEmpty();
    assertThat(cancelled)
        .anyMatch(id -> sagas.get(id).reason().orElse("").contains("out of stock"));
    assertThat(cancelled)
        .anyMatch(id -> sagas.get(id).reason().orElse("").contains(SimulatedGateway.DECLINED));

    // Reserved stock = stock of confirmed orders; nothing lost; nothing reserved twice
    SagaInvariants.assertStockMatchesConfirmedOrders(sagas, completed, seeded, stock, ledger);
    // Every authorization of a cancelled order is voided
    SagaInvariants.assertCancelledOrdersNotCharged(cancelled, authorizations);
    for (String id : completed) {
      assertThat(authorizations.get(id).status()).isEqualTo(Authorization.Status.AUTHORIZED);
      assertThat(SimulatedGateway.declines(PAYMENT, id))
          .as("completed %s was declined", id)
          .isFalse();
    }
    assertThat(authorizations.values())
        .allMatch(x -> x.timesAuthorized() == 1 && x.timesVoided() <= 1);
    long successfulAuthorizations =
        paymentOutcomes.entrySet().stream()
            .filter(
                e ->
                    e.getKey().endsWith(":" + OrderSaga.AUTHORIZE_PAYMENT)
                        && e.getValue().success())
            .count();
    assertThat(successfulAuthorizations).isEqualTo(authorizations.size());

    // State hygiene: no timer, no parked call, no reservation in flight
    assertThat(all(StoreNames.SAGA_TIMERS, String.class)).isEmpty();
    assertThat(all(StoreNames.PAYMENT_PENDING, PendingCall.class)).isEmpty();
    assertThat(all(StoreNames.INVENTORY_ORDER_RESERVATIONS, OrderReservation.class).values())
        .allMatch(
            r -> r.stage() == OrderReservation.Stage.RESERVED && completed.contains(r.orderId()));

    // The poison record went to the dead-letter queue with its source
    ConsumerRecord<byte[], byte[]> dead = firstDeadLetter();
    assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("it-poison");
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC))
        .isEqualTo(topics.orderEvents().name());
  }

  @Test
  @Order(2)
  void shouldFindSagasAndOrdersFromEitherInstance() {
    Set<HostInfo> owners = new HashSet<>();
    for (String id : placed.keySet().stream().limit(24).toList()) {
      owners.add(
          a.streams()
              .queryMetadataForKey(StoreNames.SAGA_STATE, id, Serdes.String().serializer())
              .activeHost());
      for (OrderSagaApp app : List.of(a, b)) {
        Response saga = get(app, "/api/v1/sagas/" + id);
        assertThat(saga.status).as("saga %s from %s", id, app.hostInfo()).isEqualTo(200);
        assertThat(saga.json.get("sagaId").asText()).isEqualTo(id);
        Response order = get(app, "/api/v1/orders/" + id);
        assertThat(order.status).isEqualTo(200);
        assertThat(order.json.get("status").asText()).isIn("COMPLETED", "CANCELLED");
        assertThat(order.json.get("stale").asBoolean()).isFalse();
      }
    }
    // Both instances own some of them, so half of the lookups above were routed to the other one.
    assertThat(owners).containsExactlyInAnyOrder(a.hostInfo(), b.hostInfo());
  }

  @Test
  @Order(3)
  void shouldAnswerALongPollAsSoonAsTheOrderCompletes() {
    // Given an order id the gateway approves at the first attempt, owned by instance A
    String id = approvedOrderOwnedBy(a);
    String url = "/api/v1/orders/" + id + "?waitFor=COMPLETED,CANCELLED&timeoutMs=25000";

    // When the long-poll is sent to B before the order even exists, and then the order is placed
    long start = System.nanoTime();
    CompletableFuture<Response> poll = getAsync(b, url);
    send(orderPlaced(id, List.of(line(LONG_POLL_SKU, 1))));
    orderProducer.flush();
    Response response = poll.join();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Then it returns the completed order well before its timeout
    assertThat(response.status).isEqualTo(200);
    assertThat(response.json.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(response.json.get("confirmed").asBoolean()).isTrue();
    assertThat(took).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  @Order(4)
  void shouldListEverySagaOnceAcrossBothInstancesPageByPage() {
    Set<String> expected = new HashSet<>(allSagaIds());
    List<String> listed = new ArrayList<>();
    String cursor = null;
    do {
      Response page =
          get(b, "/api/v1/sagas?limit=37" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status).isEqualTo(200);
      page.json.get("items").forEach(item -> listed.add(item.get("sagaId").asText()));
      JsonNode next = page.json.get("nextCursor");
      cursor = next == null || next.isNull() ? null : next.asText();
    } while (cursor != null);

    assertThat(listed).doesNotHaveDuplicates().isSorted();
    assertThat(new HashSet<>(listed)).isEqualTo(expected);

    Response cancelled = get(a, "/api/v1/sagas?status=CANCELLED&limit=500");
    assertThat(cancelled.status).isEqualTo(200);
    List<String> statuses = new ArrayList<>();
    cancelled.json.get("items").forEach(item -> statuses.add(item.get("status").asText()));
    assertThat(statuses).isNotEmpty().containsOnly("CANCELLED");
  }

  @Test
  @Order(5)
  void shouldAnswerUnknownIdsWithJson404() {
    for (String path :
        List.of(
            "/api/v1/sagas/no-such-order",
            "/api/v1/orders/no-such-order",
            "/api/v1/inventory/no-such-sku")) {
      for (OrderSagaApp app : List.of(a, b)) {
        Response response = get(app, path);
        assertThat(response.status).as(path).isEqualTo(404);
        assertThat(response.json.get("error").asText()).isEqualTo("not_found");
        assertThat(response.json.get("status").asInt()).isEqualTo(404);
      }
    }
  }

  @Test
  @Order(6)
  void shouldAnswerMalformedParametersWithJson400() {
    String first = placed.keySet().iterator().next();
    for (String path :
        List.of(
            "/api/v1/sagas?limit=0",
            "/api/v1/sagas?limit=many",
            "/api/v1/sagas?limit=100000",
            "/api/v1/sagas?status=SOMEWHERE",
            "/api/v1/sagas?cursor=%25%25%25",
            "/api/v1/sagas/"
                + URLEncoder.encode("has space", StandardCharsets.UTF_8).replace("+", "%20"),
            "/api/v1/orders/" + first + "?waitFor=PENDING",
            "/api/v1/orders/" + first + "?waitFor=COMPLETED&timeoutMs=-1",
            "/api/v1/orders/" + first + "?waitFor=COMPLETED&timeoutMs=999999",
            "/api/v1/orders/" + first + "?timeoutMs=100")) {
      Response response = get(a, path);
      assertThat(response.status).as(path).isEqualTo(400);
      assertThat(response.json.get("error").asText()).as(path).isEqualTo("bad_request");
    }
  }

  @Test
  @Order(7)
  void shouldServeHealthMetricsAndTheApiDocument() {
    Response health = get(a, "/health");
    assertThat(health.status).isEqualTo(200);
    assertThat(health.json.get("status").asText()).isEqualTo("UP");
    // Kafka Streams metrics through Micrometer (the application's own counters join them at the
    // binder's next refresh, once the tasks that create them are assigned).
    assertThat(text(b, "/metrics")).contains("kafka_stream_thread_process_total");
    Response openApi = get(b, "/openapi.json");
    assertThat(openApi.json.get("paths").has("/api/v1/orders/{id}")).isTrue();
  }

  @Test
  @Order(8)
  void shouldServeStaleOrAskToRetryWhileAnInstanceLeavesThenServeFromTheNewOwner() {
    // Given keys owned by B, of which A holds standby replicas
    List<String> ownedByB =
        placed.keySet().stream()
            .filter(
                id ->
                    a.streams()
                        .queryMetadataForKey(
                            StoreNames.SAGA_STATE, id, Serdes.String().serializer())
                        .activeHost()
                        .equals(b.hostInfo()))
            .limit(5)
            .toList();
    assertThat(ownedByB).isNotEmpty();

    // When B shuts down while A keeps answering
    CompletableFuture<Void> leaving = CompletableFuture.runAsync(b::close);
    List<String> answers = new ArrayList<>();
    while (!leaving.isDone()) {
      for (String id : ownedByB) {
        Response r = get(a, "/api/v1/sagas/" + id);
        answers.add(
            r.status == 200
                ? "200 stale=" + r.json.get("stale").asBoolean()
                : r.status + " retry-after=" + r.retryAfter + " " + r.json.get("error").asText());
      }
    }
    leaving.join();
    Map<String, Long> seen = new TreeMap<>();
    answers.forEach(x -> seen.merge(x, 1L, Long::sum));
    System.out.println("answers from A while B left: " + seen);

    // Then every answer was the saga (possibly from the standby) or a 503 to retry, never an error
    assertThat(answers)
        .allMatch(
            x -> x.startsWith("200 ") || x.equals("503 retry-after=1 unavailable"),
            "200 or 503 with Retry-After");
    // And A takes over: the keys are served, fresh, by their new owner
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                ownedByB.forEach(
                    id -> {
                      Response r = get(a, "/api/v1/sagas/" + id);
                      assertThat(r.status).isEqualTo(200);
                      assertThat(r.json.get("stale").asBoolean()).isFalse();
                    }));
  }

  // ---------------------------------------------------------------------------------------------

  private OrderSagaApp.Settings settings(String applicationId, OrderSagaTopology.Settings topology)
      throws IOException {
    Path stateDir = Files.createTempDirectory("order-saga-it");
    stateDirs.add(stateDir);
    return new OrderSagaApp.Settings(
        applicationId,
        "127.0.0.1",
        0,
        "127.0.0.1",
        stateDir,
        1,
        1,
        true,
        Duration.ofSeconds(30),
        topology,
        Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100));
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

  private void send(OrderEvent event) {
    orderProducer.send(
        new ProducerRecord<>(topics.orderEvents().name(), event.getOrderId(), event));
  }

  private static OrderEvent randomOrder(String id, Random random, boolean scarce) {
    List<OrderLine> lines = new ArrayList<>();
    List<Integer> skus = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
    java.util.Collections.shuffle(skus, random);
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      lines.add(line("sku-" + skus.get(i), 1 + random.nextInt(3)));
    }
    if (scarce) {
      lines.add(line(SCARCE, 2));
    }
    return orderPlaced(id, lines);
  }

  private static OrderLine line(String sku, int quantity) {
    return OrderLine.newBuilder()
        .setSku(sku)
        .setQuantity(quantity)
        .setUnitPrice(new BigDecimal("3.20"))
        .build();
  }

  private static OrderEvent orderPlaced(String id, List<OrderLine> lines) {
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

  private static OrderEvent withNewEventId(OrderEvent event) {
    return OrderEvent.newBuilder(event).setEventId(UUID.randomUUID().toString()).build();
  }

  private volatile String lastCount = "";

  private long terminalSagas() {
    Response page = get(a, "/api/v1/sagas?limit=500");
    if (page.status != 200) {
      lastCount = page.status + " " + page.json;
      return -1;
    }
    long terminal = 0;
    Map<String, Integer> byStatus = new TreeMap<>();
    for (JsonNode item : page.json.get("items")) {
      String status = item.get("status").asText();
      byStatus.merge(status + "/" + item.get("currentStep").asText(), 1, Integer::sum);
      if (SagaStatus.valueOf(status).isTerminal()) {
        terminal++;
      }
    }
    lastCount = byStatus.toString();
    return terminal;
  }

  private List<String> allSagaIds() {
    return new ArrayList<>(all(StoreNames.SAGA_STATE, byte[].class).keySet());
  }

  private String approvedOrderOwnedBy(OrderSagaApp owner) {
    for (int i = 0; ; i++) {
      String id = "it-long-poll-" + i;
      boolean approved =
          !SimulatedGateway.declines(PAYMENT, id)
              && !SimulatedGateway.unavailable(
                  PAYMENT, id + ":" + OrderSaga.AUTHORIZE_PAYMENT + ":1");
      HostInfo host =
          owner
              .streams()
              .queryMetadataForKey(StoreNames.ORDERS_VIEW, id, Serdes.String().serializer())
              .activeHost();
      if (approved && host.equals(owner.hostInfo())) {
        return id;
      }
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

  private ConsumerRecord<byte[], byte[]> firstDeadLetter() {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            config.consumerProps(TestNames.unique("order-saga-it-dlq")),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topics.orderEvents().dlq()));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
              });
      return records.get(0);
    }
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

  private record Response(int status, JsonNode json, String retryAfter) {}

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
                return new Response(
                    r.statusCode(),
                    Json.MAPPER.readTree(r.body()),
                    r.headers().firstValue("Retry-After").orElse(null));
              } catch (IOException e) {
                throw new IllegalStateException(path + " answered no JSON: " + r.body(), e);
              }
            });
  }

  private String text(OrderSagaApp app, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
