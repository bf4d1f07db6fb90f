package io.vigil.schemas.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.VigilConfig;
import io.vigil.orders.OrderEvent;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import io.vigil.schemas.testing.TestEvents;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

  private static final List<String> DESIGN_TOPICS =
      List.of(
          "telemetry.spans",
          "telemetry.metrics",
          "telemetry.requests",
          "orders.events",
          "saga.inventory.commands",
          "saga.payment.commands",
          "saga.replies",
          "orders.status",
          "analytics.anomalies",
          "analytics.forecasts",
          "analytics.models",
          "ops.firewall-commands",
          "ops.scaling-commands",
          "ops.firewall-decisions",
          "ops.firewall-requests",
          "ops.firewall-audit");

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final TopicCatalog catalog = TopicCatalog.withClient(registry, VigilConfig.defaults());

  @Test
  void shouldListEveryDesignTopicAndTheFirewallStateTopicsExactlyOnceWhenAskedForAll() {
    assertThat(catalog.all()).extracting(Topic::name).containsExactlyElementsOf(DESIGN_TOPICS);
  }

  @Test
  void shouldCompactOnlyStatusModelsAndDecisionsWhenCreatingTopics() {
    assertThat(catalog.all())
        .filteredOn(Topic::isCompacted)
        .extracting(Topic::name)
        .containsExactlyInAnyOrder("orders.status", "analytics.models", "ops.firewall-decisions");
    assertThat(catalog.firewallDecisions().configs()).containsEntry("cleanup.policy", "compact");
    assertThat(catalog.orderStatus().configs()).containsEntry("cleanup.policy", "compact");
    assertThat(catalog.models().configs()).containsEntry("cleanup.policy", "compact");
    assertThat(catalog.orderEvents().cleanupPolicy()).isEqualTo("delete");
  }

  @Test
  void shouldNameDeadLetterQueueAfterTopicWhenAskedForDlq() {
    // When
    Topic<byte[], byte[]> dlq = catalog.firewallCommands().dlqTopic();

    // Then
    assertThat(catalog.orderEvents().dlq()).isEqualTo("orders.events.dlq");
    assertThat(dlq.name()).isEqualTo("ops.firewall-commands.dlq");
    assertThat(dlq.partitions()).isEqualTo(catalog.firewallCommands().partitions());
    assertThat(dlq.cleanupPolicy()).isEqualTo("delete");
  }

  @Test
  void shouldTakePartitionsAndReplicationFromConfigWhenBuilt() {
    // Given
    VigilConfig config =
        new VigilConfig(
            Map.of("vigil.topic.partitions", "6", "vigil.topic.replication.factor", "3"));

    // When
    TopicCatalog custom = TopicCatalog.withClient(registry, config);

    // Then
    assertThat(custom.all())
        .allSatisfy(
            t -> {
              assertThat(t.partitions()).isEqualTo(6);
              assertThat(t.replicationFactor()).isEqualTo((short) 3);
            });
    NewTopic request = custom.orderStatus().toNewTopic();
    assertThat(request.numPartitions()).isEqualTo(6);
    assertThat(request.replicationFactor()).isEqualTo((short) 3);
    assertThat(request.configs()).containsEntry("cleanup.policy", "compact");
  }

  @Test
  void shouldRoundTripThroughTypedSerdesWhenUsingCatalogTopic() {
    // Given
    Topic<String, OrderEvent> topic = catalog.orderEvents();
    OrderEvent event = TestEvents.orderPlaced("o1");

    // When
    byte[] key = topic.keySerde().serializer().serialize(topic.name(), "o1");
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), event);

    // Then
    assertThat(topic.keySerde().deserializer().deserialize(topic.name(), key)).isEqualTo("o1");
    assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), value)).isEqualTo(event);
    assertThat(catalog.registryClient()).isSameAs(registry);
    assertThat(registry.subjects()).containsExactly("orders.events-value");
  }

  @Test
  void shouldFindTopicByNameWhenPresent() {
    assertThat(catalog.find("saga.replies")).containsSame(catalog.sagaReplies());
    assertThat(catalog.find("nope")).isEmpty();
  }

  @Test
  void shouldStayImmutableWhenCallersTryToChangeIt() {
    assertThatThrownBy(() -> catalog.all().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> catalog.spans().configs().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(catalog.spans().withPartitions(12).partitions()).isEqualTo(12);
    assertThat(catalog.spans().partitions()).isEqualTo(3);
  }
}
