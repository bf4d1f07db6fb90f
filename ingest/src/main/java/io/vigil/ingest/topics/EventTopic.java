package io.vigil.ingest.topics;

import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A topic that accepts events from outside the JVM (HTTP, the outbox): its name, the Avro schema of
 * its values, the value field that is the record key, and the serializer writing generic records in
 * the Confluent wire format.
 *
 * @param name Kafka topic name
 * @param catalogName name of the catalog topic whose schema and key it uses (equal to {@code name}
 *     unless aliased)
 * @param schema value schema
 * @param keyField top-level value field holding the record key, if the topic is keyed
 * @param serializer value serializer (registry-backed)
 */
public record EventTopic(
    String name,
    String catalogName,
    Schema schema,
    Optional<String> keyField,
    Serializer<GenericRecord> serializer) {

  /** Validates the components. */
  public EventTopic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(catalogName, "catalogName");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(keyField, "keyField");
    Objects.requireNonNull(serializer, "serializer");
    keyField.ifPresent(
        field -> {
          if (schema.getField(field) == null) {
            throw new IllegalArgumentException(
                "Key field " + field + " is not a field of " + schema.getFullName());
          }
        });
  }

  /** The record key of a value: its key field as a string, or {@code null}. */
  public String keyOf(GenericRecord value) {
    return keyField.map(value::get).map(Object::toString).orElse(null);
  }

  /** The value in the Confluent wire format, registering or looking up its schema. */
  public byte[] serialize(GenericRecord value) {
    return serializer.serialize(name, value);
  }
}
