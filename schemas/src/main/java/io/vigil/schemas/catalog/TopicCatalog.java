package io.vigil.schemas.catalog;

import io.vigil.analytics.Anomaly;
import io.vigil.analytics.LoadForecast;
import io.vigil.analytics.ModelRef;
import io.vigil.config.VigilConfig;
import io.vigil.ops.FirewallAudit;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.ScalingCommand;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderStatus;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.PaymentCommand;
import io.vigil.saga.SagaReply;
import io.vigil.schemas.AvroClassTrust;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.registry.SchemaRegistryClients;
import io.vigil.schemas.serde.SpecificAvroSerde;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Vigil topic, typed: String keys, Avro values in the Confluent wire format, all sharing one
 * caching registry client. Immutable; build one per application from its configuration and pass it
 * to topologies, jobs and test readers.
 *
 * <pre>{@code
 * TopicCatalog catalog = TopicCatalog.from(config);
 * Topic<String, OrderEvent> orders = catalog.orderEvents();
 * }</pre>
 */
public final class TopicCatalog {

  private static final Map<String, String> DELETE =
      Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
  private static final Map<String, String> COMPACT =
      Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

  private final SchemaRegistryClient registryClient;
  private final Topic<String, Span> spans;
  private final Topic<String, MetricPoint> metrics;
  private final Topic<String, RequestLog> requests;
  private final Topic<String, OrderEvent> orderEvents;
  private final Topic<String, InventoryCommand> inventoryCommands;
  private final Topic<String, PaymentCommand> paymentCommands;
  private final Topic<String, SagaReply> sagaReplies;
  private final Topic<String, OrderStatus> orderStatus;
  private final Topic<String, Anomaly> anomalies;
  private final Topic<String, LoadForecast> forecasts;
  private final Topic<String, ModelRef> models;
  private final Topic<String, FirewallCommand> firewallCommands;
  private final Topic<String, ScalingCommand> scalingCommands;
  private final Topic<String, FirewallCommand> firewallDecisions;
  private final Topic<String, FirewallCommand> firewallRequests;
  private final Topic<String, FirewallAudit> firewallAudit;
  private final List<Topic<?, ?>> all;

  private TopicCatalog(SchemaRegistryClient client, VigilConfig config) {
    AvroClassTrust.install();
    this.registryClient = Objects.requireNonNull(client, "client");
    Factory f = new Factory(client, config);
    spans = f.topic(TopicNames.TELEMETRY_SPANS, Span.class, DELETE);
    metrics = f.topic(TopicNames.TELEMETRY_METRICS, MetricPoint.class, DELETE);
    requests = f.topic(TopicNames.TELEMETRY_REQUESTS, RequestLog.class, DELETE);
    orderEvents = f.topic(TopicNames.ORDERS_EVENTS, OrderEvent.class, DELETE);
    inventoryCommands = f.topic(TopicNames.SAGA_INVENTORY_COMMANDS, InventoryCommand.class, DELETE);
    paymentCommands = f.topic(TopicNames.SAGA_PAYMENT_COMMANDS, PaymentCommand.class, DELETE);
    sagaReplies = f.topic(TopicNames.SAGA_REPLIES, SagaReply.class, DELETE);
    orderStatus = f.topic(TopicNames.ORDERS_STATUS, OrderStatus.class, COMPACT);
    anomalies = f.topic(TopicNames.ANALYTICS_ANOMALIES, Anomaly.class, DELETE);
    forecasts = f.topic(TopicNames.ANALYTICS_FORECASTS, LoadForecast.class, DELETE);
    models = f.topic(TopicNames.ANALYTICS_MODELS, ModelRef.class, COMPACT);
    firewallCommands = f.topic(TopicNames.OPS_FIREWALL_COMMANDS, FirewallCommand.class, DELETE);
    scalingCommands = f.topic(TopicNames.OPS_SCALING_COMMANDS, ScalingCommand.class, DELETE);
    firewallDecisions = f.topic(TopicNames.OPS_FIREWALL_DECISIONS, FirewallCommand.class, COMPACT);
    firewallRequests = f.topic(TopicNames.OPS_FIREWALL_REQUESTS, FirewallCommand.class, DELETE);
    firewallAudit = f.topic(TopicNames.OPS_FIREWALL_AUDIT, FirewallAudit.class, DELETE);
    all =
        List.of(
            spans,
            metrics,
            requests,
            orderEvents,
            inventoryCommands,
            paymentCommands,
            sagaReplies,
            orderStatus,
            anomalies,
            forecasts,
            models,
            firewallCommands,
            scalingCommands,
            firewallDecisions,
            firewallRequests,
            firewallAudit);
  }

  /**
   * A catalog whose serdes talk to the registry configured in {@code config} (URL, credentials,
   * auto-registration) through one new caching HTTP client.
   */
  public static TopicCatalog from(VigilConfig config) {
    return new TopicCatalog(SchemaRegistryClients.create(config.serdeConfig()), config);
  }

  /**
   * A catalog whose serdes share the given client (e.g. an in-memory one in tests); partitions,
   * replication and auto-registration come from {@code config}.
   */
  public static TopicCatalog withClient(SchemaRegistryClient client, VigilConfig config) {
    return new TopicCatalog(client, config);
  }

  /** The registry client shared by all serdes of this catalog. */
  public SchemaRegistryClient registryClient() {
    return registryClient;
  }

  /** {@value TopicNames#TELEMETRY_SPANS}. */
  public Topic<String, Span> spans() {
    return spans;
  }

  /** {@value TopicNames#TELEMETRY_METRICS}. */
  public Topic<String, MetricPoint> metrics() {
    return metrics;
  }

  /** {@value TopicNames#TELEMETRY_REQUESTS}. */
  public Topic<String, RequestLog> requests() {
    return requests;
  }

  /** {@value TopicNames#ORDERS_EVENTS}. */
  public Topic<String, OrderEvent> orderEvents() {
    return orderEvents;
  }

  /** {@value TopicNames#SAGA_INVENTORY_COMMANDS}. */
  public Topic<String, InventoryCommand> inventoryCommands() {
    return inventoryCommands;
  }

  /** {@value TopicNames#SAGA_PAYMENT_COMMANDS}. */
  public Topic<String, PaymentCommand> paymentCommands() {
    return paymentCommands;
  }

  /** {@value TopicNames#SAGA_REPLIES}. */
  public Topic<String, SagaReply> sagaReplies() {
    return sagaReplies;
  }

  /** {@value TopicNames#ORDERS_STATUS} (compacted). */
  public Topic<String, OrderStatus> orderStatus() {
    return orderStatus;
  }

  /** {@value TopicNames#ANALYTICS_ANOMALIES}. */
  public Topic<String, Anomaly> anomalies() {
    return anomalies;
  }

  /** {@value TopicNames#ANALYTICS_FORECASTS}. */
  public Topic<String, LoadForecast> forecasts() {
    return forecasts;
  }

  /** {@value TopicNames#ANALYTICS_MODELS} (compacted). */
  public Topic<String, ModelRef> models() {
    return models;
  }

  /** {@value TopicNames#OPS_FIREWALL_COMMANDS}. */
  public Topic<String, FirewallCommand> firewallCommands() {
    return firewallCommands;
  }

  /** {@value TopicNames#OPS_SCALING_COMMANDS}. */
  public Topic<String, ScalingCommand> scalingCommands() {
    return scalingCommands;
  }

  /**
   * {@value TopicNames#OPS_FIREWALL_DECISIONS} (compacted): the latest decision per {@code
   * scope:target}, from which the firewall responder restores its state.
   */
  public Topic<String, FirewallCommand> firewallDecisions() {
    return firewallDecisions;
  }

  /**
   * {@value TopicNames#OPS_FIREWALL_REQUESTS}: operator requests ({@code vigil decisions
   * add|delete}), each the command the operator wants, for the firewall responder to decide.
   */
  public Topic<String, FirewallCommand> firewallRequests() {
    return firewallRequests;
  }

  /** {@value TopicNames#OPS_FIREWALL_AUDIT}: what the firewall responder did and why. */
  public Topic<String, FirewallAudit> firewallAudit() {
    return firewallAudit;
  }

  /**
   * Every topic in DESIGN.md order, then the firewall responder's decisions, requests and audit
   * topics (dead-letter queues excluded: see {@link Topic#dlqTopic}).
   */
  public List<Topic<?, ?>> all() {
    return all;
  }

  /** The topic with the given name, if it is in the catalog. */
  public Optional<Topic<?, ?>> find(String name) {
    return all.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private record Factory(SchemaRegistryClient client, VigilConfig config) {
    <V extends SpecificRecord> Topic<String, V> topic(
        String name, Class<V> valueType, Map<String, String> configs) {
      return new Topic<>(
          name,
          config.partitions(),
          config.replicationFactor(),
          configs,
          Serdes.String(),
          new SpecificAvroSerde<>(valueType, client, config.serdeConfig(), false));
    }
  }
}
