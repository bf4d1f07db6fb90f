package io.vigil.flink.common;

import io.vigil.schemas.AvroClassTrust;
import io.vigil.schemas.registry.SchemaRegistryClients;
import io.vigil.schemas.serde.SpecificAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes stream elements as String-keyed, Confluent-wire-format Avro records (schemas registered
 * under {@code <topic>-value}), converting them to their Avro form only at the sink.
 *
 * @param <T> stream element type
 * @param <A> Avro value type
 */
public final class AvroKafkaSerializer<T, A extends SpecificRecord>
    implements KafkaRecordSerializationSchema<T> {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final String registryUrl;
  private final SerializableFunction<T, String> key;
  private final SerializableFunction<T, A> toAvro;

  private transient SpecificAvroSerializer<A> serializer;

  /**
   * @param topic destination topic
   * @param registryUrl Schema Registry URL
   * @param key record key of an element
   * @param toAvro Avro value of an element
   */
  public AvroKafkaSerializer(
      String topic,
      String registryUrl,
      SerializableFunction<T, String> key,
      SerializableFunction<T, A> toAvro) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.registryUrl = Objects.requireNonNull(registryUrl, "registryUrl");
    this.key = Objects.requireNonNull(key, "key");
    this.toAvro = Objects.requireNonNull(toAvro, "toAvro");
  }

  @Override
  public void open(
      SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
    AvroClassTrust.install();
    serializer = new SpecificAvroSerializer<>(SchemaRegistryClients.forUrl(registryUrl));
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    byte[] keyBytes = key.apply(element).getBytes(StandardCharsets.UTF_8);
    byte[] valueBytes = serializer.serialize(topic, toAvro.apply(element));
    return new ProducerRecord<>(topic, null, timestamp, keyBytes, valueBytes);
  }
}
