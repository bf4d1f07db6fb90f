package io.vigil.schemas.serde;

import io.vigil.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Confluent-wire-format deserializer into generated Avro classes; see {@link
 * AbstractAvroDeserializer}. The target class is the one given to the constructor, else {@code
 * specific.avro.value.type} / {@code specific.avro.key.type}, else the generated class the writer
 * schema names.
 *
 * @param <T> generated record class
 */
public class SpecificAvroDeserializer<T extends SpecificRecord>
    extends AbstractAvroDeserializer<T> {

  private final Class<T> type;

  /** For Kafka's class-name configuration; needs {@link #configure}. */
  public SpecificAvroDeserializer() {
    this.type = null;
  }

  /** A value deserializer into {@code type}. */
  public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
    this(type, client, Map.of(), false);
  }

  /**
   * A deserializer into {@code type}.
   *
   * @param type generated class, or {@code null} to use the configured type or the writer's name
   */
  public SpecificAvroDeserializer(
      Class<T> type, SchemaRegistryClient client, Map<String, ?> config, boolean isKey) {
    super(client, config, isKey);
    this.type = type;
  }

  @Override
  protected DatumReader<T> newReader(SerdeContext context, Schema writer, String topic) {
    Class<?> target = type != null ? type : context.settings().specificType(context.isKey());
    return specificReader(target, writer, topic);
  }
}
