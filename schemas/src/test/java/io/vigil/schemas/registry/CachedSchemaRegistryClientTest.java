package io.vigil.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.orders.OrderStatus;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import org.junit.jupiter.api.Test;

class CachedSchemaRegistryClientTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(registry);

  @Test
  void shouldAskRegistryOnceWhenRegisteringSameSchemaRepeatedly() {
    int first = cached.register("s-value", OrderStatus.getClassSchema());
    int second = cached.register("s-value", OrderStatus.getClassSchema());

    assertThat(second).isEqualTo(first);
    assertThat(registry.registerCalls).hasValue(1);
  }

  @Test
  void shouldAskRegistryOnceWhenFetchingSameIdRepeatedly() {
    // Given
    int id = registry.register("s-value", OrderStatus.getClassSchema());

    // When
    cached.schemaById(id);
    cached.schemaById(id);

    // Then
    assertThat(registry.schemaByIdCalls).hasValue(1);
  }

  @Test
  void shouldAskAgainWhenSubjectWasDeleted() {
    // Given
    cached.register("s-value", OrderStatus.getClassSchema());

    // When
    cached.deleteSubject("s-value", false);
    cached.register("s-value", OrderStatus.getClassSchema());

    // Then
    assertThat(registry.registerCalls).hasValue(2);
  }

  @Test
  void shouldReturnSameInstanceWhenWrappingCachedClient() {
    assertThat(CachedSchemaRegistryClient.wrap(cached)).isSameAs(cached);
    assertThat(CachedSchemaRegistryClient.wrap(registry))
        .isInstanceOf(CachedSchemaRegistryClient.class);
  }
}
