package io.vigil.schemas.serde;

import io.vigil.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * Confluent-wire-format serializer of generic Avro records (generated records are accepted too);
 * see {@link AbstractAvroSerializer}.
 */
public class GenericAvroSerializer extends AbstractAvroSerializer<GenericRecord> {

  /** For Kafka's class-name configuration; needs {@link #configure}. */
  public GenericAvroSerializer() {}

  /** A value serializer with default settings (auto-registration on). */
  public GenericAvroSerializer(SchemaRegistryClient client) {
    this(client, Map.of(), false);
  }

  /** A serializer with the given serde settings. */
  public GenericAvroSerializer(SchemaRegistryClient client, Map<String, ?> config, boolean isKey) {
    super(client, config, isKey);
  }
}
