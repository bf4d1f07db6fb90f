package io.vigil.schemas.serde;

import io.vigil.schemas.registry.CachedSchemaRegistryClient;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.registry.SchemaRegistryClients;
import java.util.Map;

/** What a configured serializer or deserializer works with; replaced as a whole on configure. */
record SerdeState(SchemaRegistryClient client, AvroSerdeConfig settings, boolean isKey) {

  /**
   * Uses {@code client} (behind a cache) when given, otherwise builds an HTTP client from {@code
   * configs}.
   */
  static SerdeState of(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
    SchemaRegistryClient resolved =
        client != null
            ? CachedSchemaRegistryClient.wrap(client)
            : SchemaRegistryClients.create(configs);
    return new SerdeState(resolved, new AvroSerdeConfig(configs), isKey);
  }

  static SerdeState require(SerdeState state, Class<?> owner) {
    if (state == null) {
      throw new IllegalStateException(
          owner.getSimpleName()
              + " is not configured: pass a SchemaRegistryClient to its constructor or call"
              + " configure() with schema.registry.url");
    }
    return state;
  }
}
