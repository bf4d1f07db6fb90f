package io.vigil.schemas.serde;

import io.vigil.schemas.registry.CachedSchemaRegistryClient;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka (Streams) {@link Serde} of generic Avro records in the Confluent wire format. */
public class GenericAvroSerde implements Serde<GenericRecord> {

  private final GenericAvroSerializer serializer;
  private final GenericAvroDeserializer deserializer;

  /** For Kafka's class-name configuration; needs {@link #configure}. */
  public GenericAvroSerde() {
    this.serializer = new GenericAvroSerializer();
    this.deserializer = new GenericAvroDeserializer();
  }

  /** A value serde with default settings (auto-registration on), sharing {@code client}. */
  public GenericAvroSerde(SchemaRegistryClient client) {
    this(client, Map.of(), false);
  }

  /** A serde with the given settings ({@link AvroSerdeConfig}), sharing {@code client}. */
  public GenericAvroSerde(SchemaRegistryClient client, Map<String, ?> config, boolean isKey) {
    // One cache for both sides: a record this serde wrote is read without fetching its schema.
    SchemaRegistryClient shared = CachedSchemaRegistryClient.wrap(client);
    this.serializer = new GenericAvroSerializer(shared, config, isKey);
    this.deserializer = new GenericAvroDeserializer(shared, config, isKey);
  }

  /** A serde with its own caching HTTP registry client built from {@code config}. */
  public GenericAvroSerde(Map<String, ?> config, boolean isKey) {
    this(SchemaRegistryClients.create(config), config, isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<GenericRecord> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<GenericRecord> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
