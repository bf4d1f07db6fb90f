package io.vigil.streams;

import io.vigil.inventory.SkuRequest;
import io.vigil.inventory.StockAdjustment;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderStatus;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.PaymentCommand;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.schemas.serde.SpecificAvroSerde;
import io.vigil.streams.wire.ParticipantReply;
import io.vigil.streams.wire.ParticipantReplySerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of the order saga application: the catalog's order and saga topics, the inventory
 * participant's own topics {@value #STOCK_ADJUSTMENTS} and {@value #SKU_REQUESTS} (not in the
 * catalog yet), and the dead-letter queue of every input topic.
 *
 * <p>Every name can carry a prefix (empty in production). The catalog's names are fixed constants,
 * so tests that share one broker give each run its own prefix to get unique topics.
 *
 * <p>{@value #SKU_REQUESTS} is a real topic rather than a Streams-managed repartition topic because
 * the inventory participant is a loop (per-order side → per-SKU side → per-order side, which may
 * send releases again), and a Kafka Streams DSL graph cannot contain a cycle; one explicit topic
 * breaks it. The way back (per-SKU results, keyed by order) is an internal repartition topic.
 *
 * <p>Co-partitioning: the topology keeps per-order state in the sub-topologies reading {@code
 * orders.events} + {@code saga.replies} and {@code saga.inventory.commands} + the per-order results
 * repartition topic, and per-SKU state in the one reading {@value #STOCK_ADJUSTMENTS} + {@value
 * #SKU_REQUESTS}. The results repartition topic gets the configured partition count of {@code
 * saga.inventory.commands}, so the real partition counts of the topics in {@link
 * #partitionSensitive()} must be the configured ones (checked when the application starts).
 */
public final class OrderSagaTopics {

  /** Name of the stock adjustments topic (without prefix): key SKU, value StockAdjustment. */
  public static final String STOCK_ADJUSTMENTS = "inventory.stock-adjustments";

  /** Name of the per-SKU requests topic (without prefix): key SKU, value SkuRequest. */
  public static final String SKU_REQUESTS = "inventory.sku-requests";

  private final String prefix;
  private final Topic<String, OrderEvent> orderEvents;
  private final Topic<String, InventoryCommand> inventoryCommands;
  private final Topic<String, PaymentCommand> paymentCommands;
  private final Topic<String, ParticipantReply> sagaReplies;
  private final Topic<String, OrderStatus> orderStatus;
  private final Topic<String, StockAdjustment> stockAdjustments;
  private final Topic<String, SkuRequest> skuRequests;

  private OrderSagaTopics(String prefix, TopicCatalog catalog, Map<String, ?> serdeConfig) {
    this.prefix = prefix;
    this.orderEvents = prefixed(catalog.orderEvents());
    this.inventoryCommands = prefixed(catalog.inventoryCommands());
    this.paymentCommands = prefixed(catalog.paymentCommands());
    // Same topic and schema as catalog.sagaReplies(), mapped to the module's ParticipantReply.
    Topic<String, ?> replies = catalog.sagaReplies();
    this.sagaReplies =
        new Topic<>(
            prefix + replies.name(),
            replies.partitions(),
            replies.replicationFactor(),
            replies.configs(),
            Serdes.String(),
            new ParticipantReplySerde(catalog.registryClient(), serdeConfig));
    this.orderStatus = prefixed(catalog.orderStatus());
    Topic<String, OrderEvent> template = catalog.orderEvents();
    this.stockAdjustments =
        new Topic<>(
            prefix + STOCK_ADJUSTMENTS,
            template.partitions(),
            template.replicationFactor(),
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE),
            Serdes.String(),
            new SpecificAvroSerde<>(
                StockAdjustment.class, catalog.registryClient(), serdeConfig, false));
    this.skuRequests =
        new Topic<>(
            prefix + SKU_REQUESTS,
            template.partitions(),
            template.replicationFactor(),
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE),
            Serdes.String(),
            new SpecificAvroSerde<>(
                SkuRequest.class, catalog.registryClient(), serdeConfig, false));
  }

  /** The topics with the catalog's names. */
  public static OrderSagaTopics of(TopicCatalog catalog) {
    return of(catalog, "");
  }

  /**
   * The topics with {@code prefix} before every name; the serdes this module adds use default
   * settings (auto-registration on).
   *
   * @param prefix prefix of every topic name, e.g. {@code "it-4f2a."}; empty for none
   */
  public static OrderSagaTopics of(TopicCatalog catalog, String prefix) {
    return of(catalog, prefix, Map.of());
  }

  /**
   * The topics with {@code prefix} before every name.
   *
   * @param prefix prefix of every topic name, e.g. {@code "it-4f2a."}; empty for none
   * @param serdeConfig settings of the serdes this module adds ({@code VigilConfig.serdeConfig()})
   */
  public static OrderSagaTopics of(
      TopicCatalog catalog, String prefix, Map<String, ?> serdeConfig) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(serdeConfig, "serdeConfig");
    return new OrderSagaTopics(prefix, catalog, serdeConfig);
  }

  private <V> Topic<String, V> prefixed(Topic<String, V> topic) {
    if (prefix.isEmpty()) {
      return topic;
    }
    return new Topic<>(
        prefix + topic.name(),
        topic.partitions(),
        topic.replicationFactor(),
        topic.configs(),
        topic.keySerde(),
        topic.valueSerde());
  }

  /** The prefix of every name. */
  public String prefix() {
    return prefix;
  }

  /** Order domain events (input: OrderPlaced starts a saga; output: confirmed/cancelled). */
  public Topic<String, OrderEvent> orderEvents() {
    return orderEvents;
  }

  /** Commands to the inventory participant (output of the orchestrator, its input). */
  public Topic<String, InventoryCommand> inventoryCommands() {
    return inventoryCommands;
  }

  /** Commands to the payment participant (output of the orchestrator, its input). */
  public Topic<String, PaymentCommand> paymentCommands() {
    return paymentCommands;
  }

  /** Participant replies (output of the participants, input of the orchestrator). */
  public Topic<String, ParticipantReply> sagaReplies() {
    return sagaReplies;
  }

  /** The compacted order status view. */
  public Topic<String, OrderStatus> orderStatus() {
    return orderStatus;
  }

  /** Stock changes per SKU (input of the inventory participant). */
  public Topic<String, StockAdjustment> stockAdjustments() {
    return stockAdjustments;
  }

  /** Per-SKU reserve/release requests of the inventory participant (its output and input). */
  public Topic<String, SkuRequest> skuRequests() {
    return skuRequests;
  }

  /** The topics the application consumes; each has a dead-letter queue. */
  public List<Topic<String, ?>> inputs() {
    return List.of(
        orderEvents,
        sagaReplies,
        inventoryCommands,
        paymentCommands,
        stockAdjustments,
        skuRequests);
  }

  /** Every topic the application needs to exist: inputs, outputs and dead-letter queues. */
  public List<Topic<?, ?>> all() {
    List<Topic<?, ?>> all = new ArrayList<>(inputs());
    all.add(orderStatus);
    inputs().forEach(t -> all.add(t.dlqTopic()));
    return List.copyOf(all);
  }

  /**
   * Topics whose real partition count must equal {@link Topic#partitions()}: {@code orders.events}
   * and {@code saga.replies} feed one sub-topology (one saga store), the stock adjustments and the
   * SKU requests another (one stock store), and the results repartition topic is created with the
   * configured count of {@code saga.inventory.commands}.
   */
  public List<Topic<String, ?>> partitionSensitive() {
    return List.of(orderEvents, sagaReplies, inventoryCommands, stockAdjustments, skuRequests);
  }
}
