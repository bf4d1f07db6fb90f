package io.vigil.ingest.cdc;

import static io.vigil.ingest.testing.StackSupport.config;
import static io.vigil.ingest.testing.StackSupport.create;
import static io.vigil.ingest.testing.StackSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.devstack.StackEndpoints;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.cdc.SampleOrderService.Line;
import io.vigil.ingest.cdc.SampleOrderService.Written;
import io.vigil.orders.OrderConfirmed;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The outbox relay on the real PostgreSQL (pgoutput), broker and registry. */
@VigilStack
class CdcRelayIT {

  private StackEndpoints stack;
  private String database;
  private String jdbcUrl;
  private String slot;
  private String topicPrefix;
  private String topic;
  private Map<String, String> overrides;
  private IngestConfig config;
  private Topic<String, OrderEvent> orders;

  @BeforeEach
  void createDatabase(StackEndpoints stack, TestInfo info) throws SQLException {
    this.stack = stack;
    String id = UUID.randomUUID().toString().substring(0, 8);
    database = "cdc_" + id;
    slot = "vigil_it_" + id;
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    jdbcUrl = stack.jdbcUrl().substring(0, stack.jdbcUrl().lastIndexOf('/') + 1) + database;
    try (SampleOrderService service = orderService()) {
      service.createSchema();
    }
    topicPrefix = TestNames.unique(info) + ".";
    topic = topicPrefix + "orders.events";
    overrides = new LinkedHashMap<>();
    overrides.put(IngestConfig.CDC_SOURCES_CONFIG, "orders");
    overrides.put("vigil.cdc.source.orders.jdbc.url", jdbcUrl);
    overrides.put("vigil.cdc.source.orders.user", stack.jdbcUser());
    overrides.put("vigil.cdc.source.orders.password", stack.jdbcPassword());
    overrides.put("vigil.cdc.source.orders.slot.name", slot);
    overrides.put(IngestConfig.CDC_TOPIC_PREFIX_CONFIG, topicPrefix);
    overrides.put(IngestConfig.CDC_OFFSET_TOPIC_CONFIG, topicPrefix + "offsets");
    overrides.put(IngestConfig.CDC_OFFSET_FLUSH_INTERVAL_MS_CONFIG, "500");
    overrides.put(IngestConfig.CDC_HEARTBEAT_INTERVAL_MS_CONFIG, "500");
    config = config(stack, overrides);
    create(config, new NewTopic(topic, 3, (short) 1), new NewTopic(topic + ".dlq", 1, (short) 1));
    orders = TopicCatalog.from(config).orderEvents();
  }

  @AfterEach
  void dropSlot() throws SQLException {
    await().atMost(Duration.ofSeconds(30)).until(() -> !Boolean.TRUE.equals(slotActive()));
    try (Connection c = admin();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                    + " WHERE slot_name = ?")) {
      s.setString(1, slot);
      s.execute();
    }
  }

  @Test
  void shouldPublishAThousandRowsInOrderPerAggregateWhenOrdersAreWritten() throws Exception {
    // Given a running relay streaming from the database
    List<Written> written = new ArrayList<>();
    try (CdcRelay relay = CdcRelay.start(config)) {
      awaitStreaming();

      // When 100 orders each get 10 events (placed, then 9 confirmations), 1,000 outbox rows
      try (SampleOrderService service = orderService()) {
        List<String> ids = new ArrayList<>();
        for (int o = 0; o < 100; o++) {
          Written placed =
              service.placeOrder(
                  "c-" + o, List.of(new Line("SKU-" + o, 2, new BigDecimal("4.50"))), "EUR");
          written.add(placed);
          ids.add(placed.orderId());
        }
        for (int step = 1; step < 10; step++) {
          for (String id : ids) {
            written.add(service.confirmOrder(id, "step-" + step));
          }
        }
      }

      // Then exactly 1,000 events arrive, each once, in write order per order id
      List<ConsumerRecord<byte[], byte[]>> records = awaitDistinct(written.size());
      assertThat(records).hasSize(1_000);
      assertThat(relay.failure()).isNotDone();
      Map<String, List<String>> expected = byAggregate(written);
      Map<String, List<String>> actual = new LinkedHashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        OrderEvent event = orders.valueSerde().deserializer().deserialize(topic, r.value());
        String key = new String(r.key(), StandardCharsets.UTF_8);
        assertThat(key).isEqualTo(event.getOrderId());
        assertThat(header(r, "id")).isEqualTo(event.getEventId());
        actual.computeIfAbsent(key, k -> new ArrayList<>()).add(event.getEventId());
        if (event.getPayload() instanceof OrderPlaced placed) {
          assertThat(placed.getTotal()).isEqualByComparingTo("9.00");
          assertThat(header(r, "eventType")).isEqualTo("OrderPlaced");
        } else {
          assertThat(event.getPayload()).isInstanceOf(OrderConfirmed.class);
        }
      }
      assertThat(actual).isEqualTo(expected);

      // And while the outbox is idle, heartbeats keep the replication slot advancing
      String before = confirmedLsn();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> lsnGreater(confirmedLsn(), before));
    }
  }

  @Test
  void shouldSendUndecodableRowsToTheDeadLetterTopicAndGoOn() throws Exception {
    try (CdcRelay relay = CdcRelay.start(config)) {
      awaitStreaming();
      try (Connection c = connect()) {
        insertOutbox(c, "o-1", "OrderShipped", "{\"carrier\": \"dhl\"}");
        insertOutbox(
            c,
            "o-2",
            "OrderPlaced",
            "{\"customerId\": \"c\", \"lines\": [{\"sku\": \"A\", \"quantity\": \"x\","
                + " \"unitPrice\": \"1.00\"}], \"total\": \"1.00\", \"currency\": \"EUR\"}");
      }
      Written good;
      try (SampleOrderService service = orderService()) {
        good = service.placeOrder("c-9", List.of(new Line("B", 1, BigDecimal.ONE)), "EUR");
      }

      List<ConsumerRecord<byte[], byte[]>> dead =
          io.vigil.ingest.testing.StackSupport.awaitRecords(
              config, topic + ".dlq", 2, Duration.ofSeconds(60));
      assertThat(dead).hasSize(2);
      ConsumerRecord<byte[], byte[]> unknownType = dead.get(0);
      assertThat(new String(unknownType.key(), StandardCharsets.UTF_8)).isEqualTo("o-1");
      assertThat(header(unknownType, "vigil.error.message")).contains("OrderShipped");
      assertThat(new String(unknownType.value(), StandardCharsets.UTF_8)).contains("dhl");
      ConsumerRecord<byte[], byte[]> badValue = dead.get(1);
      assertThat(header(badValue, "vigil.error.path"))
          .isEqualTo("$.payload.OrderPlaced.lines[0].quantity");
      assertThat(header(badValue, "vigil.source")).isEqualTo("orders");
      assertThat(header(badValue, "id")).isNotBlank();

      List<ConsumerRecord<byte[], byte[]>> published = awaitDistinct(1);
      assertThat(header(published.get(0), "id")).isEqualTo(good.eventId());
      assertThat(relay.failure()).isNotDone();
    }
  }

  @Test
  void shouldMissNoEventWhenTheRelayIsKilledMidStreamAndRestarted() throws Exception {
    // Given a relay in its own JVM, streaming
    File log = new File("target/cdc-relay-" + slot + ".log");
    Process child = startRelayProcess(log);
    try {
      awaitStreaming();

      // When orders are written continuously and the relay is killed -9 in the middle
      // (the writer keeps going until the kill has happened and then writes a few more steps,
      // so some events are always written while no relay runs, however fast the machine is)
      List<Written> written = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> killed = new CompletableFuture<>();
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try (SampleOrderService service = orderService()) {
                  List<String> ids = new ArrayList<>();
                  for (int o = 0; o < 60; o++) {
                    Written placed =
                        service.placeOrder(
                            "c-" + o, List.of(new Line("S", 1, BigDecimal.TEN)), "EUR");
                    written.add(placed);
                    ids.add(placed.orderId());
                  }
                  int afterKill = 0;
                  for (int step = 1; step < 200 && afterKill < 3; step++) {
                    if (killed.isDone()) {
                      afterKill++;
                    }
                    for (String id : ids) {
                      written.add(service.confirmOrder(id, "step-" + step));
                    }
                  }
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> readAll(config, topic).size() >= 150);
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      killed.complete(null);
      int beforeRestart = readAll(config, topic).size();
      writer.get(120, TimeUnit.SECONDS);
      assertThat(killed).isDone();
      assertThat(beforeRestart).isLessThan(written.size());

      // And a new relay starts with the same configuration
      await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.FALSE.equals(slotActive()));
      try (CdcRelay relay = CdcRelay.start(config)) {
        // Then every event arrives; repeats are re-publications carrying the same event id
        List<ConsumerRecord<byte[], byte[]>> records = awaitDistinct(written.size());
        Map<String, OrderEvent> firstById = new HashMap<>();
        Map<String, List<String>> order = new LinkedHashMap<>();
        int duplicates = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
          OrderEvent event = orders.valueSerde().deserializer().deserialize(topic, r.value());
          assertThat(header(r, "id")).isEqualTo(event.getEventId());
          OrderEvent first = firstById.putIfAbsent(event.getEventId(), event);
          if (first != null) {
            duplicates++;
            assertThat(event).isEqualTo(first);
          } else {
            order
                .computeIfAbsent(event.getOrderId(), k -> new ArrayList<>())
                .add(event.getEventId());
          }
        }
        assertThat(firstById.keySet())
            .containsExactlyInAnyOrderElementsOf(written.stream().map(Written::eventId).toList());
        assertThat(order).isEqualTo(byAggregate(written));
        assertThat(duplicates).isLessThanOrEqualTo(beforeRestart);
        assertThat(relay.failure()).isNotDone();
      }
    } finally {
      child.destroyForcibly();
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  private Process startRelayProcess(File log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xmx384m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CdcRelayProcess.class.getName());
    Map<String, String> all = new LinkedHashMap<>(overrides);
    all.put("vigil.kafka.bootstrap.servers", stack.bootstrapServers());
    all.put("vigil.schema.registry.url", stack.schemaRegistryUrl());
    all.forEach((k, v) -> command.add(k + "=" + v));
    log.getParentFile().mkdirs();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  private List<ConsumerRecord<byte[], byte[]>> awaitDistinct(int events) {
    List<List<ConsumerRecord<byte[], byte[]>>> last = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              List<ConsumerRecord<byte[], byte[]>> all = readAll(config, topic);
              last.clear();
              last.add(all);
              Set<String> ids = new HashSet<>();
              all.forEach(r -> ids.add(header(r, "id")));
              return ids.size() >= events;
            });
    return last.get(0);
  }

  private void awaitStreaming() {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Boolean.TRUE.equals(slotActive()));
  }

  private Boolean slotActive() throws SQLException {
    try (Connection c = admin();
        PreparedStatement s =
            c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
      s.setString(1, slot);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getBoolean(1) : null;
      }
    }
  }

  private String confirmedLsn() throws SQLException {
    try (Connection c = admin();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = ?")) {
      s.setString(1, slot);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private boolean lsnGreater(String a, String b) throws SQLException {
    try (Connection c = admin();
        PreparedStatement s = c.prepareStatement("SELECT ?::pg_lsn > ?::pg_lsn")) {
      s.setString(1, a);
      s.setString(2, b);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static void insertOutbox(Connection c, String aggregateId, String type, String payload)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (?,"
                + " 'orders', ?, ?, ?::jsonb)")) {
      s.setObject(1, UUID.randomUUID());
      s.setString(2, aggregateId);
      s.setString(3, type);
      s.setString(4, payload);
      s.executeUpdate();
    }
  }

  private static Map<String, List<String>> byAggregate(List<Written> written) {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (Written w : written) {
      expected.computeIfAbsent(w.orderId(), k -> new ArrayList<>()).add(w.eventId());
    }
    return expected;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var header = r.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private SampleOrderService orderService() throws SQLException {
    return SampleOrderService.connect(jdbcUrl, stack.jdbcUser(), stack.jdbcPassword());
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, stack.jdbcUser(), stack.jdbcPassword());
  }

  private Connection admin() throws SQLException {
    return DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
  }
}
