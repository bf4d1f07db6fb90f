package io.vigil.schemas.serde;

import io.vigil.schemas.AvroClassTrust;
import io.vigil.schemas.registry.SchemaMetadata;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro records in the Confluent wire format. The subject is {@code <topic>-value} (or
 * {@code -key}); its schema id comes from registering the record's schema ({@code
 * auto.register.schemas=true}, the default), from the subject's latest version ({@code
 * use.latest.version=true}), or from looking the schema up. Ids are cached by the client, so each
 * (subject, schema) costs one registry call per client. {@code null} serializes to {@code null}
 * (tombstones). Thread-safe.
 *
 * @param <T> record type
 */
public abstract class AbstractAvroSerializer<T extends IndexedRecord> implements Serializer<T> {

  static {
    AvroClassTrust.install();
  }

  private volatile SerdeState state;
  private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
  private final Map<String, LatestVersion> latestVersions = new ConcurrentHashMap<>();
  private final Map<Schema, Long> fingerprints = new ConcurrentHashMap<>();

  /** The latest version of a subject and the parsing fingerprint of its schema. */
  private record LatestVersion(SchemaMetadata metadata, long fingerprint) {}

  /** Unconfigured; {@link #configure} must be called (Kafka does so for class-name configs). */
  protected AbstractAvroSerializer() {}

  /**
   * Configured programmatically.
   *
   * @param client registry client (wrapped in a cache if it is not one)
   * @param config serde settings ({@link AvroSerdeConfig}); registry settings are not needed
   * @param isKey whether this serializes record keys
   */
  protected AbstractAvroSerializer(
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
    latestVersions.clear();
    writers.clear();
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    SerdeState s = SerdeState.require(state, getClass());
    Schema schema = record.getSchema();
    String subject = TopicNameStrategy.subjectName(topic, s.isKey());
    int id = schemaId(s, subject, schema, topic);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      WireFormat.writeHeader(out, id);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writers.computeIfAbsent(schema, sc -> newWriter(sc, record)).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Error serializing Avro record "
              + schema.getFullName()
              + " for topic "
              + topic
              + " (schema id "
              + id
              + "): "
              + e,
          e);
    }
  }

  private int schemaId(SerdeState s, String subject, Schema schema, String topic) {
    try {
      if (s.settings().autoRegisterSchemas()) {
        return s.client().register(subject, schema);
      }
      if (s.settings().useLatestVersion()) {
        return latestId(s, subject, schema);
      }
      return s.client().lookup(subject, schema).id();
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot get a schema id for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  private int latestId(SerdeState s, String subject, Schema schema) {
    LatestVersion latest =
        latestVersions.computeIfAbsent(
            subject,
            sub -> {
              SchemaMetadata metadata = s.client().latestVersion(sub);
              return new LatestVersion(
                  metadata, SchemaNormalization.parsingFingerprint64(metadata.avroSchema()));
            });
    long fingerprint =
        fingerprints.computeIfAbsent(schema, SchemaNormalization::parsingFingerprint64);
    if (latest.fingerprint() != fingerprint) {
      throw new SerializationException(
          "use.latest.version: the record's schema "
              + schema.getFullName()
              + " does not encode like version "
              + latest.metadata().version()
              + " (id "
              + latest.metadata().id()
              + ") of subject "
              + subject);
    }
    return latest.metadata().id();
  }

  /** A writer for the record's schema: specific for generated classes, generic otherwise. */
  private DatumWriter<T> newWriter(Schema schema, T sample) {
    if (sample instanceof SpecificRecordBase base) {
      return new SpecificDatumWriter<>(schema, base.getSpecificData());
    }
    if (sample instanceof SpecificRecord) {
      return new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
    }
    SerdeState s = state;
    boolean conversions = s != null && s.settings().useLogicalTypeConverters();
    return new GenericDatumWriter<T>(schema, AvroModels.generic(conversions));
  }

  /** Nothing to release: the registry client holds no resources that need closing. */
  @Override
  public void close() {}
}
