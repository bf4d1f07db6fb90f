package io.vigil.ingest.topics;

import io.vigil.analytics.Anomaly;
import io.vigil.analytics.LoadForecast;
import io.vigil.analytics.ModelRef;
import io.vigil.config.VigilConfig;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.ScalingCommand;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderStatus;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.PaymentCommand;
import io.vigil.saga.SagaReply;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.schemas.catalog.TopicNames;
import io.vigil.schemas.serde.GenericAvroSerializer;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * The topics events may be written to from outside the JVM, each bound to the Avro schema and key
 * field of a catalog topic (DESIGN.md's topic table: {@code orders.events} keyed by {@code
 * orderId}, {@code telemetry.metrics} by {@code service}, ...). Only the catalog topics listed here
 * can be bound; internal topics the catalog adds later (e.g. the responders' decision logs) stay
 * closed to the gateway until they get a binding. Immutable.
 */
public final class EventTopics {

  /** Value schema and key field of every catalog topic, by catalog topic name. */
  private static final Map<String, Binding> CATALOG =
      Map.ofEntries(
          Map.entry(TopicNames.TELEMETRY_SPANS, new Binding(Span.getClassSchema(), "traceId")),
          Map.entry(
              TopicNames.TELEMETRY_METRICS, new Binding(MetricPoint.getClassSchema(), "service")),
          Map.entry(
              TopicNames.TELEMETRY_REQUESTS, new Binding(RequestLog.getClassSchema(), "service")),
          Map.entry(TopicNames.ORDERS_EVENTS, new Binding(OrderEvent.getClassSchema(), "orderId")),
          Map.entry(
              TopicNames.SAGA_INVENTORY_COMMANDS,
              new Binding(InventoryCommand.getClassSchema(), "orderId")),
          Map.entry(
              TopicNames.SAGA_PAYMENT_COMMANDS,
              new Binding(PaymentCommand.getClassSchema(), "orderId")),
          Map.entry(TopicNames.SAGA_REPLIES, new Binding(SagaReply.getClassSchema(), "orderId")),
          Map.entry(TopicNames.ORDERS_STATUS, new Binding(OrderStatus.getClassSchema(), "orderId")),
          Map.entry(
              TopicNames.ANALYTICS_ANOMALIES, new Binding(Anomaly.getClassSchema(), "entity")),
          Map.entry(
              TopicNames.ANALYTICS_FORECASTS,
              new Binding(LoadForecast.getClassSchema(), "service")),
          Map.entry(TopicNames.ANALYTICS_MODELS, new Binding(ModelRef.getClassSchema(), "name")),
          Map.entry(
              TopicNames.OPS_FIREWALL_COMMANDS,
              new Binding(FirewallCommand.getClassSchema(), "target")),
          Map.entry(
              TopicNames.OPS_SCALING_COMMANDS,
              new Binding(ScalingCommand.getClassSchema(), "service")));

  private record Binding(Schema schema, String keyField) {}

  private final Map<String, EventTopic> topics;

  private EventTopics(Map<String, EventTopic> topics) {
    this.topics = Map.copyOf(topics);
  }

  /**
   * Binds each entry of {@code entries} ({@code name} or {@code name=catalogTopic}) to its catalog
   * topic, with serializers sharing the catalog's registry client.
   *
   * @throws ConfigException naming an entry whose catalog topic is unknown
   */
  public static EventTopics of(List<String> entries, TopicCatalog catalog, VigilConfig config) {
    Map<String, EventTopic> topics = new LinkedHashMap<>();
    for (String entry : entries) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      String name = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
      String catalogName = eq < 0 ? trimmed : trimmed.substring(eq + 1).trim();
      topics.put(name, bind(name, catalogName, catalog, config));
    }
    return new EventTopics(topics);
  }

  /**
   * Binds one topic to a catalog topic's schema and key.
   *
   * @throws ConfigException if {@code catalogName} is not a catalog topic
   */
  public static EventTopic bind(
      String name, String catalogName, TopicCatalog catalog, VigilConfig config) {
    Binding binding = CATALOG.get(catalogName);
    if (binding == null || catalog.find(catalogName).isEmpty()) {
      throw new ConfigException(
          "'" + catalogName + "' is not a catalog topic; known: " + catalogNames());
    }
    GenericAvroSerializer serializer =
        new GenericAvroSerializer(catalog.registryClient(), config.serdeConfig(), false);
    return new EventTopic(
        name, catalogName, binding.schema(), Optional.of(binding.keyField()), serializer);
  }

  /** The catalog topic names this class knows the schema and key of. */
  public static Set<String> catalogNames() {
    return CATALOG.keySet();
  }

  /** The bound topic with this name, if it accepts events. */
  public Optional<EventTopic> find(String name) {
    return Optional.ofNullable(topics.get(name));
  }

  /** Names of the bound topics. */
  public Set<String> names() {
    return topics.keySet();
  }
}
