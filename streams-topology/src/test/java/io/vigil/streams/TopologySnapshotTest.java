package io.vigil.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.VigilConfig;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins the topology's shape (as Kafka's {@code RepartitionTopicNamingTest} does): a change of a
 * node, store or internal topic name changes changelog and repartition topics, which orphans state
 * of running applications. If the change is intended, regenerate the snapshot with {@code
 * -Dvigil.snapshot.update=true} and review the diff.
 */
class TopologySnapshotTest {

  private static final String SNAPSHOT = "/topology/order-saga-topology.txt";

  @Test
  void shouldKeepTheTopologyShapeWhenTheCodeChanges() throws IOException {
    TopicCatalog catalog =
        TopicCatalog.withClient(new InMemorySchemaRegistryClient(), VigilConfig.defaults());
    String actual =
        OrderSagaTopology.build(catalog, OrderSagaTopology.Settings.defaults())
            .describe()
            .toString();

    if (Boolean.getBoolean("vigil.snapshot.update")) {
      Path file = Path.of("src/test/resources" + SNAPSHOT);
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(actual).isEqualTo(expected());
  }

  @Test
  void shouldNameEveryStoreAfterItsConstant() {
    TopicCatalog catalog =
        TopicCatalog.withClient(new InMemorySchemaRegistryClient(), VigilConfig.defaults());
    String description =
        OrderSagaTopology.build(catalog, OrderSagaTopology.Settings.defaults())
            .describe()
            .toString();

    assertThat(description)
        .contains(
            StoreNames.SAGA_STATE,
            StoreNames.SAGA_TIMERS,
            StoreNames.ORDERS_VIEW,
            StoreNames.ORDERS_PROCESSED,
            StoreNames.INVENTORY_ORDER_RESERVATIONS,
            StoreNames.INVENTORY_PROCESSED,
            StoreNames.INVENTORY_STOCK,
            StoreNames.INVENTORY_SKU_RESERVATIONS,
            StoreNames.PAYMENT_PENDING,
            StoreNames.PAYMENT_PROCESSED,
            StoreNames.PAYMENT_AUTHORIZATIONS,
            StoreNames.SKU_RESULTS_TOPIC + "-repartition")
        .doesNotContain("KSTREAM-", "KTABLE-");
  }

  private static String expected() throws IOException {
    try (InputStream in = TopologySnapshotTest.class.getResourceAsStream(SNAPSHOT)) {
      assertThat(in)
          .as("snapshot %s (generate with -Dvigil.snapshot.update=true)", SNAPSHOT)
          .isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
