package io.vigil.schemas.serde;

import io.vigil.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Confluent-wire-format serializer of generated Avro classes; see {@link AbstractAvroSerializer}.
 *
 * @param <T> generated record class
 */
public class SpecificAvroSerializer<T extends SpecificRecord> extends AbstractAvroSerializer<T> {

  /** For Kafka's class-name configuration; needs {@link #configure}. */
  public SpecificAvroSerializer() {}

  /** A value serializer with default settings (auto-registration on). */
  public SpecificAvroSerializer(SchemaRegistryClient client) {
    this(client, Map.of(), false);
  }

  /** A serializer with the given serde settings. */
  public SpecificAvroSerializer(SchemaRegistryClient client, Map<String, ?> config, boolean isKey) {
    super(client, config, isKey);
  }
}
