package io.vigil.simulator.sink;

import io.vigil.orders.OrderEvent;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics the simulator writes: the catalog's telemetry and order topics, and a labels topic
 * (JSON values, key entity) that is the simulator's own, {@value #DEFAULT_LABELS_TOPIC} by default.
 *
 * @param spans spans topic
 * @param requests request logs topic
 * @param metrics metric points topic
 * @param orderEvents order events topic
 * @param labels name of the labels topic
 */
public record SimulatorTopics(
    Topic<String, Span> spans,
    Topic<String, RequestLog> requests,
    Topic<String, MetricPoint> metrics,
    Topic<String, OrderEvent> orderEvents,
    String labels) {

  /** Default name of the labels topic. */
  public static final String DEFAULT_LABELS_TOPIC = "simulator.labels";

  /** Validates. */
  public SimulatorTopics {
    Objects.requireNonNull(spans, "spans");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(orderEvents, "orderEvents");
    Objects.requireNonNull(labels, "labels");
  }

  /** The catalog's topics and {@value #DEFAULT_LABELS_TOPIC}. */
  public static SimulatorTopics from(TopicCatalog catalog) {
    return new SimulatorTopics(
        catalog.spans(),
        catalog.requests(),
        catalog.metrics(),
        catalog.orderEvents(),
        DEFAULT_LABELS_TOPIC);
  }

  /** The same topics renamed by {@code rename} (serdes and settings kept), e.g. per test. */
  public SimulatorTopics renamed(UnaryOperator<String> rename) {
    return new SimulatorTopics(
        rename(spans, rename),
        rename(requests, rename),
        rename(metrics, rename),
        rename(orderEvents, rename),
        rename.apply(labels));
  }

  private static <K, V> Topic<K, V> rename(Topic<K, V> topic, UnaryOperator<String> rename) {
    return new Topic<>(
        rename.apply(topic.name()),
        topic.partitions(),
        topic.replicationFactor(),
        topic.configs(),
        topic.keySerde(),
        topic.valueSerde());
  }

  /** Every topic name. */
  public List<String> names() {
    return List.of(spans.name(), requests.name(), metrics.name(), orderEvents.name(), labels);
  }

  /**
   * Creates the topics that do not exist yet (the labels topic like the spans topic: same
   * partitions and replication, delete policy).
   *
   * @return names of the topics created
   */
  public List<String> createMissing(Admin admin) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : List.of(spans, requests, metrics, orderEvents)) {
        if (!existing.contains(topic.name())) {
          missing.add(topic.toNewTopic());
        }
      }
      if (!existing.contains(labels)) {
        missing.add(new NewTopic(labels, spans.partitions(), spans.replicationFactor()));
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics " + names(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics " + names() + ": " + e, e);
    }
  }
}
