package io.vigil.flink.common;

import io.vigil.schemas.AvroClassTrust;
import io.vigil.schemas.registry.SchemaRegistryClients;
import io.vigil.schemas.serde.SpecificAvroDeserializer;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Confluent-wire-format Avro values (schema ids resolved through the registry) and maps them
 * to plain stream elements right at the source, so that no Avro object crosses a Flink network
 * boundary.
 *
 * <p>A value that cannot be decoded (poison record) is counted in the {@code
 * vigilUndecodableRecords} metric and logged with its coordinates and cause, then skipped: one bad
 * record must not stop the analytics of a whole estate. Tombstones (null values) are skipped.
 *
 * @param <A> Avro value type
 * @param <T> stream element type
 */
public final class AvroKafkaDeserializer<A extends SpecificRecord, T>
    implements KafkaRecordDeserializationSchema<T> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AvroKafkaDeserializer.class);

  /** Metric counting undecodable values. */
  public static final String UNDECODABLE_METRIC = "vigilUndecodableRecords";

  private final Class<A> avroType;
  private final String registryUrl;
  private final RecordMapper<A, T> mapper;
  private final TypeInformation<T> producedType;

  private transient SpecificAvroDeserializer<A> deserializer;
  private transient Counter undecodable;

  /**
   * @param avroType generated Avro class of the topic's values
   * @param registryUrl Schema Registry URL
   * @param mapper value to stream elements
   * @param producedType type of the stream elements
   */
  public AvroKafkaDeserializer(
      Class<A> avroType,
      String registryUrl,
      RecordMapper<A, T> mapper,
      TypeInformation<T> producedType) {
    this.avroType = Objects.requireNonNull(avroType, "avroType");
    this.registryUrl = Objects.requireNonNull(registryUrl, "registryUrl");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.producedType = Objects.requireNonNull(producedType, "producedType");
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    AvroClassTrust.install();
    deserializer =
        new SpecificAvroDeserializer<>(avroType, SchemaRegistryClients.forUrl(registryUrl));
    undecodable = context.getMetricGroup().counter(UNDECODABLE_METRIC);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
    if (record.value() == null) {
      return;
    }
    A value;
    try {
      value = deserializer.deserialize(record.topic(), record.headers(), record.value());
    } catch (SerializationException e) {
      undecodable.inc();
      LOG.warn(
          "Skipping undecodable {} at {}-{}@{}",
          avroType.getSimpleName(),
          record.topic(),
          record.partition(),
          record.offset(),
          e);
      return;
    }
    if (value != null) {
      mapper.map(value, new SourceOffset(record.topic(), record.partition(), record.offset()), out);
    }
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return producedType;
  }
}
