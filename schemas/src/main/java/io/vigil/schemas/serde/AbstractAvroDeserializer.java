package io.vigil.schemas.serde;

import io.vigil.schemas.AvroClassTrust;
import io.vigil.schemas.registry.SchemaNotFoundException;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes the Confluent wire format: checks the magic byte, fetches the writer schema by id
 * (cached), and resolves it against the reader schema, so data written with an older compatible
 * schema reads into the current classes. {@code null} deserializes to {@code null}. Malformed input
 * (bad magic byte, truncated payload, unknown schema id) raises a {@link SerializationException}
 * naming the topic. Thread-safe.
 *
 * @param <T> record type
 */
public abstract class AbstractAvroDeserializer<T> implements Deserializer<T> {

  static {
    AvroClassTrust.install();
  }

  private volatile SerdeState state;
  private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

  /** Unconfigured; {@link #configure} must be called (Kafka does so for class-name configs). */
  protected AbstractAvroDeserializer() {}

  /**
   * Configured programmatically.
   *
   * @param client registry client (wrapped in a cache if it is not one)
   * @param config serde settings ({@link AvroSerdeConfig}); registry settings are not needed
   * @param isKey whether this deserializes record keys
   */
  protected AbstractAvroDeserializer(
      SchemaRegistryClient client, Map<String, ?> config, boolean isKey) {
    this.state = SerdeState.of(Objects.requireNonNull(client, "client"), config, isKey);
  }

  /**
   * Applies the settings; keeps the registry client given to the constructor, otherwise creates one
   * from {@code schema.registry.url} and the other client settings.
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    SerdeState current = state;
    state = SerdeState.of(current == null ? null : current.client(), configs, isKey);
    readers.clear();
  }

  @Override
  public T deserialize(String topic, byte[] payload) {
    if (payload == null) {
      return null;
    }
    SerdeState s = SerdeState.require(state, getClass());
    int id = WireFormat.schemaId(payload, topic);
    DatumReader<T> reader = readers.get(id);
    if (reader == null) {
      reader = newReader(s, writerSchema(s, id, topic), topic);
      readers.putIfAbsent(id, reader);
    }
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                payload, WireFormat.HEADER_SIZE, payload.length - WireFormat.HEADER_SIZE, null);
    try {
      return reader.read(null, decoder);
    } catch (IOException e) {
      throw failure(topic, id, payload, "truncated or corrupt payload", e);
    } catch (RuntimeException e) {
      throw failure(topic, id, payload, "cannot decode", e);
    }
  }

  private static SerializationException failure(
      String topic, int id, byte[] payload, String what, Exception cause) {
    return new SerializationException(
        "Error deserializing Avro payload of topic "
            + topic
            + " with schema id "
            + id
            + " ("
            + payload.length
            + " bytes): "
            + what
            + ": "
            + cause,
        cause);
  }

  private static Schema writerSchema(SerdeState s, int id, String topic) {
    try {
      return s.client().schemaById(id);
    } catch (SchemaNotFoundException e) {
      throw new SerializationException(
          "Unknown schema id " + id + " on topic " + topic + ": " + e.getMessage(), e);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot fetch schema id " + id + " for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Creates the reader for one writer schema; called once per schema id. */
  protected abstract DatumReader<T> newReader(SerdeContext context, Schema writer, String topic);

  private DatumReader<T> newReader(SerdeState s, Schema writer, String topic) {
    return newReader(new SerdeContext(s.settings(), s.isKey()), writer, topic);
  }

  /**
   * A reader into the generated class {@code type}, or into the generated class the writer schema
   * names when {@code type} is {@code null}.
   */
  static <R> DatumReader<R> specificReader(Class<?> type, Schema writer, String topic) {
    Class<?> target = type != null ? type : SpecificData.get().getClass(writer);
    if (target == null) {
      throw new SerializationException(
          "No generated class for writer schema "
              + writer.getFullName()
              + " on topic "
              + topic
              + "; set "
              + AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG
              + " (or the -key variant)");
    }
    SpecificData model = SpecificData.getForClass(target);
    return new SpecificDatumReader<>(writer, model.getSchema(target), model);
  }

  /** A generic reader that keeps the writer's schema. */
  static <R> DatumReader<R> genericReader(Schema writer, boolean logicalTypeConversions) {
    return new GenericDatumReader<>(writer, writer, AvroModels.generic(logicalTypeConversions));
  }

  /** Nothing to release: the registry client holds no resources that need closing. */
  @Override
  public void close() {}

  /**
   * The settings a reader is created under.
   *
   * @param settings serde settings
   * @param isKey whether keys are deserialized
   */
  protected record SerdeContext(AvroSerdeConfig settings, boolean isKey) {}
}
