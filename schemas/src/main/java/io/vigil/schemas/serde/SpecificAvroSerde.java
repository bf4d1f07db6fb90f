package io.vigil.schemas.serde;

import io.vigil.schemas.registry.CachedSchemaRegistryClient;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.registry.SchemaRegistryClients;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka (Streams) {@link Serde} of a generated Avro class in the Confluent wire format.
 *
 * <pre>{@code
 * Serde<OrderEvent> serde = new SpecificAvroSerde<>(OrderEvent.class, registryClient);
 * }</pre>
 *
 * @param <T> generated record class
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  /**
   * For Kafka's class-name configuration ({@code default.value.serde}); needs {@link #configure}
   * with {@code schema.registry.url} and {@code specific.avro.value.type} (or the writer's name).
   */
  public SpecificAvroSerde() {
    this.serializer = new SpecificAvroSerializer<>();
    this.deserializer = new SpecificAvroDeserializer<>();
  }

  /** A value serde with default settings (auto-registration on), sharing {@code client}. */
  public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client) {
    this(type, client, Map.of(), false);
  }

  /**
   * A serde with the given settings ({@link AvroSerdeConfig}), sharing {@code client}.
   *
   * @param isKey whether this serde is for record keys (subject {@code <topic>-key})
   */
  public SpecificAvroSerde(
      Class<T> type, SchemaRegistryClient client, Map<String, ?> config, boolean isKey) {
    Objects.requireNonNull(type, "type");
    // One cache for both sides: a record this serde wrote is read without fetching its schema.
    SchemaRegistryClient shared = CachedSchemaRegistryClient.wrap(client);
    this.serializer = new SpecificAvroSerializer<>(shared, config, isKey);
    this.deserializer = new SpecificAvroDeserializer<>(type, shared, config, isKey);
  }

  /**
   * A serde with its own caching HTTP registry client built from {@code config} ({@code
   * schema.registry.url}, {@code basic.auth.*}, ...).
   */
  public SpecificAvroSerde(Class<T> type, Map<String, ?> config, boolean isKey) {
    this(type, SchemaRegistryClients.create(config), config, isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
