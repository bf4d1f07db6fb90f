package io.vigil.streams.testing;

import io.vigil.config.VigilConfig;
import io.vigil.inventory.StockAdjustment;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderStatus;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.PaymentCommand;
import io.vigil.saga.SagaState;
import io.vigil.saga.codec.SagaStateCodec;
import io.vigil.saga.order.OrderData;
import io.vigil.saga.order.OrderSaga;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import io.vigil.streams.OrderSagaTopics;
import io.vigil.streams.OrderSagaTopology;
import io.vigil.streams.StoreNames;
import io.vigil.streams.inventory.OrderReservation;
import io.vigil.streams.inventory.SkuReservation;
import io.vigil.streams.inventory.Stock;
import io.vigil.streams.orchestrator.OrderView;
import io.vigil.streams.payment.Authorization;
import io.vigil.streams.payment.PendingCall;
import io.vigil.streams.state.StoredOutcome;
import io.vigil.streams.wire.ParticipantReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The whole order saga topology in a TopologyTestDriver, with typed input and output topics, an
 * in-memory registry and direct access to every store. Records a topology writes to one of its own
 * input topics (commands, replies, SKU requests) are fed back by the driver, so a saga runs to the
 * end within one {@code pipe} unless it waits for wall-clock time ({@link #advance}).
 */
public final class SagaDriver implements AutoCloseable {

  private final TopologyTestDriver driver;
  private final OrderSagaTopics topics;
  private final Path stateDir;
  private final SagaStateCodec<OrderData> codec = OrderSaga.stateCodec();

  public final TestInputTopic<String, OrderEvent> orderEvents;
  public final TestInputTopic<String, StockAdjustment> stockAdjustments;
  public final TestInputTopic<String, ParticipantReply> replies;
  public final TestOutputTopic<String, OrderStatus> orderStatus;
  public final TestOutputTopic<String, OrderEvent> orderEventsOut;
  public final TestOutputTopic<String, InventoryCommand> inventoryCommands;
  public final TestOutputTopic<String, PaymentCommand> paymentCommands;
  public final TestOutputTopic<String, ParticipantReply> repliesOut;

  public SagaDriver(OrderSagaTopology.Settings settings, Instant wallClock) {
    TopicCatalog catalog =
        TopicCatalog.withClient(new InMemorySchemaRegistryClient(), VigilConfig.defaults());
    this.topics = OrderSagaTopics.of(catalog, settings.topicPrefix());
    Topology topology = OrderSagaTopology.build(topics, settings);
    try {
      this.stateDir = Files.createTempDirectory("saga-driver");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "order-saga-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    this.driver = new TopologyTestDriver(topology, props, wallClock);
    orderEvents = input(topics.orderEvents());
    stockAdjustments = input(topics.stockAdjustments());
    replies = input(topics.sagaReplies());
    orderStatus = output(topics.orderStatus());
    orderEventsOut = output(topics.orderEvents());
    inventoryCommands = output(topics.inventoryCommands());
    paymentCommands = output(topics.paymentCommands());
    repliesOut = output(topics.sagaReplies());
  }

  /** The topics of the topology. */
  public OrderSagaTopics topics() {
    return topics;
  }

  /** A raw-bytes input to {@code topic}, for poison records. */
  public TestInputTopic<byte[], byte[]> rawInput(String topic) {
    return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A raw-bytes reader of {@code topic} (dead-letter queues). */
  public TestOutputTopic<byte[], byte[]> rawOutput(String topic) {
    return driver.createOutputTopic(
        topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Moves the wall clock on, firing the punctuators (saga timers, gateway latency). */
  public void advance(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  /** Moves the wall clock on in steps, so punctuators fire once per step. */
  public void advanceInSteps(Duration total, Duration step) {
    for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
      driver.advanceWallClockTime(step);
    }
  }

  /** The stored saga of an order, or null. */
  public SagaState<OrderData> saga(String orderId) {
    byte[] bytes = this.<byte[]>store(StoreNames.SAGA_STATE).get(orderId);
    return bytes == null ? null : codec.decode(bytes);
  }

  /** The stored order view, or null. */
  public OrderView order(String orderId) {
    return this.<OrderView>store(StoreNames.ORDERS_VIEW).get(orderId);
  }

  /** The stock of a SKU, or null. */
  public Stock stock(String sku) {
    return this.<Stock>store(StoreNames.INVENTORY_STOCK).get(sku);
  }

  /** The ledger entry of an order on a SKU, or null. */
  public SkuReservation ledger(String sku, String orderId) {
    return this.<SkuReservation>store(StoreNames.INVENTORY_SKU_RESERVATIONS)
        .get(SkuReservation.key(sku, orderId));
  }

  /** The per-order reservation aggregate, or null. */
  public OrderReservation reservation(String orderId) {
    return this.<OrderReservation>store(StoreNames.INVENTORY_ORDER_RESERVATIONS).get(orderId);
  }

  /** The payment authorization of an order, or null. */
  public Authorization authorization(String orderId) {
    return this.<Authorization>store(StoreNames.PAYMENT_AUTHORIZATIONS).get(orderId);
  }

  /** Every entry of the saga timer index. */
  public List<KeyValue<String, String>> timers() {
    return all(StoreNames.SAGA_TIMERS);
  }

  /** Every parked gateway call. */
  public List<KeyValue<String, PendingCall>> pendingCalls() {
    return all(StoreNames.PAYMENT_PENDING);
  }

  /** Every recorded outcome of a participant's processed-commands store. */
  public Map<String, StoredOutcome> processed(String storeName) {
    Map<String, StoredOutcome> map = new java.util.TreeMap<>();
    for (KeyValue<String, StoredOutcome> kv : this.<StoredOutcome>all(storeName)) {
      map.put(kv.key, kv.value);
    }
    return map;
  }

  /** Every entry of a store. */
  public <V> List<KeyValue<String, V>> all(String storeName) {
    List<KeyValue<String, V>> entries = new ArrayList<>();
    try (KeyValueIterator<String, V> it = this.<V>store(storeName).all()) {
      it.forEachRemaining(entries::add);
    }
    return entries;
  }

  /** A store of the topology. */
  public <V> KeyValueStore<String, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  @Override
  public void close() {
    driver.close();
    try (var paths = Files.walk(stateDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // Best effort: a temporary directory.
    }
  }
}
