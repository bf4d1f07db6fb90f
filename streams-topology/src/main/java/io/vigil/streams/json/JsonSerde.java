package io.vigil.streams.json;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of one record type as JSON, for state stores and internal (repartition) topics of this
 * application only: their format is private to the topology, so they need no registry. Public
 * topics use Avro from {@code vigil-schemas}.
 *
 * @param <T> the record type
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final Class<T> type;

  /** A serde of {@code type}. */
  public JsonSerde(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** A serde of {@code type}. */
  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    try {
      return Json.MAPPER.writeValueAsBytes(data);
    } catch (IOException e) {
      throw new SerializationException(
          "cannot write " + type.getSimpleName() + " for " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(data, type);
    } catch (IOException e) {
      throw new SerializationException(
          "cannot read " + type.getSimpleName() + " from " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // Nothing to configure: the type is fixed at construction.
  }

  @Override
  public void close() {
    // Stateless: nothing to release. Overrides the clashing defaults of Serializer/Deserializer.
  }
}
