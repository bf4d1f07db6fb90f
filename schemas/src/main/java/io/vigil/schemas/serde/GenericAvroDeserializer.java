package io.vigil.schemas.serde;

import io.vigil.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;

/**
 * Confluent-wire-format deserializer into generic records with the writer's schema; see {@link
 * AbstractAvroDeserializer}. With {@code specific.avro.reader=true} it returns the generated class
 * the writer schema names instead (generated records are generic records too).
 */
public class GenericAvroDeserializer extends AbstractAvroDeserializer<GenericRecord> {

  /** For Kafka's class-name configuration; needs {@link #configure}. */
  public GenericAvroDeserializer() {}

  /** A value deserializer with default settings. */
  public GenericAvroDeserializer(SchemaRegistryClient client) {
    this(client, Map.of(), false);
  }

  /** A deserializer with the given serde settings. */
  public GenericAvroDeserializer(
      SchemaRegistryClient client, Map<String, ?> config, boolean isKey) {
    super(client, config, isKey);
  }

  @Override
  protected DatumReader<GenericRecord> newReader(
      SerdeContext context, Schema writer, String topic) {
    if (context.settings().specificAvroReader()) {
      return specificReader(null, writer, topic);
    }
    return genericReader(writer, context.settings().useLogicalTypeConverters());
  }
}
