package io.vigil.streams;

import io.vigil.inventory.SkuRequest;
import io.vigil.inventory.StockAdjustment;
import io.vigil.orders.OrderEvent;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.PaymentCommand;
import io.vigil.saga.order.OrderSaga;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.streams.inventory.InventoryCommandProcessor;
import io.vigil.streams.inventory.InventoryOutput;
import io.vigil.streams.inventory.InventoryResultProcessor;
import io.vigil.streams.inventory.OrderReservation;
import io.vigil.streams.inventory.SkuReservation;
import io.vigil.streams.inventory.SkuResult;
import io.vigil.streams.inventory.SkuStockProcessor;
import io.vigil.streams.inventory.Stock;
import io.vigil.streams.inventory.StockAdjustmentProcessor;
import io.vigil.streams.json.JsonSerde;
import io.vigil.streams.orchestrator.OrchestratorInput;
import io.vigil.streams.orchestrator.OrderView;
import io.vigil.streams.orchestrator.SagaOrchestrator;
import io.vigil.streams.orchestrator.SagaOutput;
import io.vigil.streams.payment.Authorization;
import io.vigil.streams.payment.PaymentProcessor;
import io.vigil.streams.payment.PaymentSettings;
import io.vigil.streams.payment.PendingCall;
import io.vigil.streams.poison.PoisonRouting;
import io.vigil.streams.state.StoredOutcome;
import io.vigil.streams.wire.InputValidators;
import io.vigil.streams.wire.ParticipantReply;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Predicate;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the order saga application's topology: a pure function of the topics and settings (no
 * {@code KafkaStreams}, no I/O), run as is by {@code OrderSagaApp} and by the TopologyTestDriver
 * tests.
 *
 * <p>With in-task participants (the default, {@link Settings#inTaskParticipants()}):
 *
 * <pre>
 * orders.events ──────────┐                            ┌→ inventory.sku-requests (key SKU)
 * saga.replies ───────────┤                            ├→ saga.replies (reply log)
 * saga.*.commands ────────┼→ saga-orchestrator ────────┼→ orders.status
 * (sku results, by order) ┘  (saga, inventory-per-order └→ orders.events (confirmed / cancelled)
 *                             and payment stores)
 * inventory.sku-requests → inventory-sku-stock → repartition by order → saga-orchestrator
 * inventory.stock-adjustments → inventory-stock-adjustments
 * </pre>
 *
 * <p>With participants over topics:
 *
 * <pre>
 * orders.events ─┐                                  ┌→ saga.inventory.commands
 * saga.replies ──┴→ saga-orchestrator ──────────────┼→ saga.payment.commands
 *                   (saga-state, saga-timers,       ├→ orders.status
 *                    orders-view, orders-processed) └→ orders.events (confirmed / cancelled)
 *
 * saga.inventory.commands → inventory-commands ─┐    ┌→ inventory.sku-requests (key SKU)
 * (sku results, by order) → inventory-sku-results┴───┴→ saga.replies
 * inventory.sku-requests → inventory-sku-stock → repartition by order → inventory-sku-results
 * inventory.stock-adjustments → inventory-stock-adjustments
 *
 * saga.payment.commands → payment-gateway (latency punctuator) → saga.replies
 * </pre>
 *
 * Every input arrives as bytes and is decoded in the topology, so poison records go to {@code
 * <topic>.dlq} in the same transaction (see {@link PoisonRouting}). Every node, store and internal
 * topic is named; {@code describe()} is pinned by a snapshot test.
 */
public final class OrderSagaTopology {

  private OrderSagaTopology() {}

  /**
   * Settings of the topology.
   *
   * @param saga timeouts and retries of the order saga
   * @param payment behaviour of the simulated payment gateway
   * @param punctuateInterval how often the saga timers and the payment latency queue are checked
   *     (wall clock); bounds how late a timer can fire
   * @param topicPrefix prefix of every topic name (empty in production; unique per test run)
   * @param inTaskParticipants run the per-order inventory side and the payment gateway in the
   *     orchestrator's task (commands and replies handed over in place, no topic in between); when
   *     false each is a sub-topology of its own reached over {@code saga.*.commands} and {@code
   *     saga.replies}
   */
  public record Settings(
      OrderSaga.Settings saga,
      PaymentSettings payment,
      Duration punctuateInterval,
      String topicPrefix,
      boolean inTaskParticipants) {

    public Settings {
      Objects.requireNonNull(saga, "saga");
      Objects.requireNonNull(payment, "payment");
      Objects.requireNonNull(punctuateInterval, "punctuateInterval");
      Objects.requireNonNull(topicPrefix, "topicPrefix");
      if (punctuateInterval.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException("punctuateInterval must be >= 1 ms");
      }
    }

    /** Settings with in-task participants (the default). */
    public Settings(
        OrderSaga.Settings saga,
        PaymentSettings payment,
        Duration punctuateInterval,
        String topicPrefix) {
      this(saga, payment, punctuateInterval, topicPrefix, true);
    }

    /**
     * The saga's defaults ({@link OrderSaga.Settings#defaults()}), a gateway that approves
     * everything at once, timers checked every 100 ms, no topic prefix, in-task participants.
     */
    public static Settings defaults() {
      return new Settings(
          OrderSaga.Settings.defaults(), PaymentSettings.approveAll(), Duration.ofMillis(100), "");
    }

    /** A copy with other saga settings. */
    public Settings withSaga(OrderSaga.Settings newSaga) {
      return new Settings(newSaga, payment, punctuateInterval, topicPrefix, inTaskParticipants);
    }

    /** A copy with other payment settings. */
    public Settings withPayment(PaymentSettings newPayment) {
      return new Settings(saga, newPayment, punctuateInterval, topicPrefix, inTaskParticipants);
    }

    /** A copy with another punctuation interval. */
    public Settings withPunctuateInterval(Duration interval) {
      return new Settings(saga, payment, interval, topicPrefix, inTaskParticipants);
    }

    /** A copy with another topic prefix. */
    public Settings withTopicPrefix(String prefix) {
      return new Settings(saga, payment, punctuateInterval, prefix, inTaskParticipants);
    }

    /** A copy with the participants in the orchestrator's task or not. */
    public Settings withInTaskParticipants(boolean inTask) {
      return new Settings(saga, payment, punctuateInterval, topicPrefix, inTask);
    }
  }

  /** The topology over the catalog's topics, prefixed with {@link Settings#topicPrefix()}. */
  public static Topology build(TopicCatalog catalog, Settings settings) {
    return build(OrderSagaTopics.of(catalog, settings.topicPrefix()), settings);
  }

  /** The topology over the given topics ({@link Settings#topicPrefix()} is not applied again). */
  public static Topology build(OrderSagaTopics topics, Settings settings) {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(settings, "settings");
    StreamsBuilder builder = new StreamsBuilder();
    addStores(builder);
    if (settings.inTaskParticipants()) {
      KStream<String, SkuResult> skuResults = inventoryPerSku(builder, topics);
      orchestratorWithParticipants(builder, topics, settings, skuResults);
    } else {
      orchestrator(builder, topics, settings);
      KStream<String, SkuResult> skuResults = inventoryPerSku(builder, topics);
      inventoryPerOrder(builder, topics, skuResults);
      payment(builder, topics, settings);
    }
    return builder.build();
  }

  private static void orchestrator(StreamsBuilder builder, OrderSagaTopics topics, Settings s) {
    KStream<String, OrderEvent> events =
        PoisonRouting.decode(
            builder, topics.orderEvents(), InputValidators.orderEvents(), "orders-events");
    KStream<String, ParticipantReply> replies =
        PoisonRouting.decode(
            builder, topics.sagaReplies(), InputValidators.sagaReplies(), "saga-replies");
    KStream<String, OrchestratorInput> inputs =
        events
            .<OrchestratorInput>mapValues(
                OrchestratorInput.Event::new, Named.as("saga-orchestrator-events"))
            .merge(
                replies.mapValues(
                    OrchestratorInput.Reply::new, Named.as("saga-orchestrator-replies")),
                Named.as("saga-orchestrator-inputs"));
    KStream<String, SagaOutput> outputs =
        inputs.process(
            () -> new SagaOrchestrator(s.saga(), s.punctuateInterval()),
            Named.as("saga-orchestrator"),
            StoreNames.SAGA_STATE,
            StoreNames.SAGA_TIMERS,
            StoreNames.ORDERS_VIEW,
            StoreNames.ORDERS_PROCESSED);
    withStatusAndEvents(
            outputs
                .split(Named.as("saga-orchestrator-"))
                .branch(
                    is(SagaOutput.Inventory.class),
                    toTopic(
                        SagaOutput.Inventory::command,
                        "saga-orchestrator-inventory-command",
                        topics.inventoryCommands(),
                        "saga-inventory-commands-sink",
                        "inventory"))
                .branch(
                    is(SagaOutput.Payment.class),
                    toTopic(
                        SagaOutput.Payment::command,
                        "saga-orchestrator-payment-command",
                        topics.paymentCommands(),
                        "saga-payment-commands-sink",
                        "payment")),
            topics)
        .noDefaultBranch();
  }

  /**
   * The orchestrator with the per-order inventory side and the payment gateway in its task: one
   * processor over the saga, inventory-per-order and payment stores. Inputs: order events, replies,
   * commands sent to the participants over their topics, per-SKU results; outputs: per-SKU
   * requests, the reply log, statuses and order events.
   */
  private static void orchestratorWithParticipants(
      StreamsBuilder builder,
      OrderSagaTopics topics,
      Settings s,
      KStream<String, SkuResult> skuResults) {
    KStream<String, OrderEvent> events =
        PoisonRouting.decode(
            builder, topics.orderEvents(), InputValidators.orderEvents(), "orders-events");
    KStream<String, ParticipantReply> replies =
        PoisonRouting.decode(
            builder, topics.sagaReplies(), InputValidators.sagaReplies(), "saga-replies");
    KStream<String, InventoryCommand> inventoryCommands =
        PoisonRouting.decode(
            builder,
            topics.inventoryCommands(),
            InputValidators.inventoryCommands(),
            "saga-inventory-commands");
    KStream<String, PaymentCommand> paymentCommands =
        PoisonRouting.decode(
            builder,
            topics.paymentCommands(),
            InputValidators.paymentCommands(),
            "saga-payment-commands");
    KStream<String, OrchestratorInput> inputs =
        events
            .<OrchestratorInput>mapValues(
                OrchestratorInput.Event::new, Named.as("saga-orchestrator-events"))
            .merge(
                replies.mapValues(
                    OrchestratorInput.Reply::new, Named.as("saga-orchestrator-replies")),
                Named.as("saga-orchestrator-inputs"))
            .merge(
                inventoryCommands.mapValues(
                    OrchestratorInput.InventoryCommandIn::new,
                    Named.as("saga-orchestrator-inventory-commands")),
                Named.as("saga-orchestrator-inputs-inventory-commands"))
            .merge(
                paymentCommands.mapValues(
                    OrchestratorInput.PaymentCommandIn::new,
                    Named.as("saga-orchestrator-payment-commands")),
                Named.as("saga-orchestrator-inputs-payment-commands"))
            .merge(
                skuResults.mapValues(
                    OrchestratorInput.SkuResultIn::new, Named.as("saga-orchestrator-sku-results")),
                Named.as("saga-orchestrator-inputs-sku-results"));
    KStream<String, SagaOutput> outputs =
        inputs.process(
            () -> new SagaOrchestrator(s.saga(), s.punctuateInterval(), s.payment()),
            Named.as("saga-orchestrator"),
            StoreNames.SAGA_STATE,
            StoreNames.SAGA_TIMERS,
            StoreNames.ORDERS_VIEW,
            StoreNames.ORDERS_PROCESSED,
            StoreNames.INVENTORY_ORDER_RESERVATIONS,
            StoreNames.INVENTORY_PROCESSED,
            StoreNames.PAYMENT_PENDING,
            StoreNames.PAYMENT_PROCESSED,
            StoreNames.PAYMENT_AUTHORIZATIONS);
    withStatusAndEvents(
            outputs
                .split(Named.as("saga-orchestrator-"))
                .branch(
                    is(SagaOutput.ToSku.class),
                    toTopic(
                        SagaOutput.ToSku::request,
                        "saga-orchestrator-sku-request-out",
                        topics.skuRequests(),
                        "inventory-sku-requests-sink",
                        "sku"))
                .branch(
                    is(SagaOutput.Reply.class),
                    toTopic(
                        SagaOutput.Reply::reply,
                        "saga-orchestrator-reply-log",
                        topics.sagaReplies(),
                        "saga-replies-sink",
                        "reply")),
            topics)
        .noDefaultBranch();
  }

  /** The per-SKU side; returns its results, repartitioned by order id. */
  private static KStream<String, SkuResult> inventoryPerSku(
      StreamsBuilder builder, OrderSagaTopics topics) {
    KStream<String, StockAdjustment> adjustments =
        PoisonRouting.decode(
            builder,
            topics.stockAdjustments(),
            InputValidators.stockAdjustments(),
            "inventory-stock-adjustments");
    adjustments.process(
        StockAdjustmentProcessor::new,
        Named.as("inventory-stock-adjust"),
        StoreNames.INVENTORY_STOCK);
    KStream<String, SkuRequest> requests =
        PoisonRouting.decode(
            builder, topics.skuRequests(), InputValidators.skuRequests(), "inventory-sku-requests");
    return requests
        .process(
            SkuStockProcessor::new,
            Named.as("inventory-sku-stock"),
            StoreNames.INVENTORY_STOCK,
            StoreNames.INVENTORY_SKU_RESERVATIONS)
        .repartition(
            Repartitioned.<String, SkuResult>as(StoreNames.SKU_RESULTS_TOPIC)
                .withKeySerde(Serdes.String())
                .withValueSerde(JsonSerde.of(SkuResult.class))
                .withNumberOfPartitions(topics.inventoryCommands().partitions()));
  }

  private static void inventoryPerOrder(
      StreamsBuilder builder, OrderSagaTopics topics, KStream<String, SkuResult> skuResults) {
    KStream<String, InventoryCommand> commands =
        PoisonRouting.decode(
            builder,
            topics.inventoryCommands(),
            InputValidators.inventoryCommands(),
            "saga-inventory-commands");
    KStream<String, InventoryOutput> fromCommands =
        commands.process(
            InventoryCommandProcessor::new,
            Named.as("inventory-commands"),
            StoreNames.INVENTORY_ORDER_RESERVATIONS,
            StoreNames.INVENTORY_PROCESSED);
    KStream<String, InventoryOutput> fromResults =
        skuResults.process(
            InventoryResultProcessor::new,
            Named.as("inventory-sku-results"),
            StoreNames.INVENTORY_ORDER_RESERVATIONS,
            StoreNames.INVENTORY_PROCESSED);
    fromCommands
        .merge(fromResults, Named.as("inventory-outputs"))
        .split(Named.as("inventory-outputs-"))
        .branch(
            (key, value) -> value instanceof InventoryOutput.ToSku,
            Branched.withConsumer(
                out ->
                    out.mapValues(
                            value -> ((InventoryOutput.ToSku) value).request(),
                            Named.as("inventory-outputs-sku-request"))
                        .to(
                            topics.skuRequests().name(),
                            produced(topics.skuRequests(), "inventory-sku-requests-sink")),
                "sku"))
        .branch(
            (key, value) -> value instanceof InventoryOutput.Reply,
            Branched.withConsumer(
                out ->
                    out.mapValues(
                            value -> ((InventoryOutput.Reply) value).reply(),
                            Named.as("inventory-outputs-saga-reply"))
                        .to(
                            topics.sagaReplies().name(),
                            produced(topics.sagaReplies(), "inventory-replies-sink")),
                "reply"))
        .noDefaultBranch();
  }

  private static void payment(StreamsBuilder builder, OrderSagaTopics topics, Settings s) {
    KStream<String, PaymentCommand> commands =
        PoisonRouting.decode(
            builder,
            topics.paymentCommands(),
            InputValidators.paymentCommands(),
            "saga-payment-commands");
    commands
        .process(
            () -> new PaymentProcessor(s.payment(), s.punctuateInterval()),
            Named.as("payment-gateway"),
            StoreNames.PAYMENT_PENDING,
            StoreNames.PAYMENT_PROCESSED,
            StoreNames.PAYMENT_AUTHORIZATIONS)
        .to(topics.sagaReplies().name(), produced(topics.sagaReplies(), "payment-replies-sink"));
  }

  /** Every store: persistent (RocksDB), changelogged, uncached (interactive queries read them). */
  private static void addStores(StreamsBuilder builder) {
    store(builder, StoreNames.SAGA_STATE, Serdes.ByteArray());
    store(builder, StoreNames.SAGA_TIMERS, Serdes.String());
    store(builder, StoreNames.ORDERS_VIEW, JsonSerde.of(OrderView.class));
    store(builder, StoreNames.ORDERS_PROCESSED, JsonSerde.of(StoredOutcome.class));
    store(builder, StoreNames.INVENTORY_ORDER_RESERVATIONS, JsonSerde.of(OrderReservation.class));
    store(builder, StoreNames.INVENTORY_PROCESSED, JsonSerde.of(StoredOutcome.class));
    store(builder, StoreNames.INVENTORY_STOCK, JsonSerde.of(Stock.class));
    store(builder, StoreNames.INVENTORY_SKU_RESERVATIONS, JsonSerde.of(SkuReservation.class));
    store(builder, StoreNames.PAYMENT_PENDING, JsonSerde.of(PendingCall.class));
    store(builder, StoreNames.PAYMENT_PROCESSED, JsonSerde.of(StoredOutcome.class));
    store(builder, StoreNames.PAYMENT_AUTHORIZATIONS, JsonSerde.of(Authorization.class));
  }

  private static <V> void store(StreamsBuilder builder, String name, Serde<V> valueSerde) {
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde));
  }

  /** The outputs both orchestrator variants share: order statuses and order events. */
  private static BranchedKStream<String, SagaOutput> withStatusAndEvents(
      BranchedKStream<String, SagaOutput> split, OrderSagaTopics topics) {
    return split
        .branch(
            is(SagaOutput.Status.class),
            toTopic(
                SagaOutput.Status::status,
                "saga-orchestrator-order-status",
                topics.orderStatus(),
                "orders-status-sink",
                "status"))
        .branch(
            is(SagaOutput.Event.class),
            toTopic(
                SagaOutput.Event::event,
                "saga-orchestrator-order-event",
                topics.orderEvents(),
                "orders-events-sink",
                "event"));
  }

  /** Selects the orchestrator outputs of one type. */
  private static Predicate<String, SagaOutput> is(Class<? extends SagaOutput> type) {
    return (key, value) -> type.isInstance(value);
  }

  /**
   * A branch of the orchestrator's outputs of one type: each mapped to its payload (node {@code
   * mapName}) and written to {@code topic} (sink node {@code sinkName}).
   */
  @SuppressWarnings("unchecked")
  private static <T extends SagaOutput, V> Branched<String, SagaOutput> toTopic(
      Function<T, V> payload,
      String mapName,
      Topic<String, V> topic,
      String sinkName,
      String branchName) {
    return Branched.withConsumer(
        out ->
            out.mapValues(value -> payload.apply((T) value), Named.as(mapName))
                .to(topic.name(), produced(topic, sinkName)),
        branchName);
  }

  private static <V> Produced<String, V> produced(Topic<String, V> topic, String name) {
    return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
  }
}
