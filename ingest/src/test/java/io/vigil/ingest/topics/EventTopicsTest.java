package io.vigil.ingest.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.VigilConfig;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class EventTopicsTest {

  private final TopicCatalog catalog =
      TopicCatalog.withClient(new InMemorySchemaRegistryClient(), VigilConfig.defaults());

  @Test
  void shouldBindOnlyCatalogTopicsWithAKeyField() {
    // Guards against drift: every binding names a catalog topic (topics the catalog adds later
    // are not accepted from outside until they get a binding).
    assertThat(catalog.all().stream().map(Topic::name).toList())
        .containsAll(EventTopics.catalogNames())
        .contains("orders.events", "telemetry.spans", "telemetry.metrics", "telemetry.requests");
    EventTopics all =
        EventTopics.of(List.copyOf(EventTopics.catalogNames()), catalog, VigilConfig.defaults());
    for (String name : all.names()) {
      assertThat(all.find(name).orElseThrow().keyField()).as(name).isPresent();
    }
  }

  @Test
  void shouldBindAnAliasToTheCatalogTopicsSchemaWhenConfigured() {
    EventTopics topics =
        EventTopics.of(List.of("staging.orders=orders.events"), catalog, VigilConfig.defaults());

    EventTopic alias = topics.find("staging.orders").orElseThrow();
    assertThat(alias.catalogName()).isEqualTo("orders.events");
    assertThat(alias.keyField()).contains("orderId");
    assertThat(topics.find("orders.events")).isEmpty();
    assertThatThrownBy(() -> EventTopics.of(List.of("x=nope"), catalog, VigilConfig.defaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope");
  }
}
