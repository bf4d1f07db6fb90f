package io.vigil.flink.common;

import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;

/**
 * The Kafka ends of every Vigil job: sources that read only committed data and resume from the
 * group's committed offsets, and exactly-once sinks whose transactions commit on checkpoints.
 */
public final class KafkaIo {

  private KafkaIo() {}

  /**
   * A source of the given topics for the job's consumer group ({@code group-id} plus {@code
   * groupSuffix}), reading {@code read_committed}; without committed offsets it starts at {@code
   * starting-offsets}.
   */
  // The connector's committedOffsets(..) still takes the reset strategy kafka-clients 4.x
  // deprecates.
  @SuppressWarnings("deprecation")
  public static <T> KafkaSource<T> source(
      JobSettings settings,
      String groupSuffix,
      List<String> topics,
      KafkaRecordDeserializationSchema<T> deserializer) {
    OffsetResetStrategy reset =
        "latest".equalsIgnoreCase(settings.startingOffsets())
            ? OffsetResetStrategy.LATEST
            : OffsetResetStrategy.EARLIEST;
    return source(
        settings, groupSuffix, topics, deserializer, OffsetsInitializer.committedOffsets(reset));
  }

  /**
   * A source like {@link #source(JobSettings, String, List, KafkaRecordDeserializationSchema)} that
   * starts at {@code start} whatever the group committed (e.g. {@code earliest} for a compacted
   * topic that must be read whole on every fresh start). After a restore it resumes from the
   * checkpointed offsets. With {@code --bounded true} the source finishes at the offsets that are
   * the latest when the job starts.
   */
  public static <T> KafkaSource<T> source(
      JobSettings settings,
      String groupSuffix,
      List<String> topics,
      KafkaRecordDeserializationSchema<T> deserializer,
      OffsetsInitializer start) {
    KafkaSourceBuilder<T> builder = KafkaSource.<T>builder();
    if (settings.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder
        .setBootstrapServers(settings.bootstrapServers())
        .setTopics(topics)
        .setGroupId(settings.groupId() + groupSuffix)
        // One client id per source (JMX names must be unique), e.g. vigil-anomaly-telemetry.spans.
        .setClientIdPrefix(settings.groupId() + groupSuffix + "-" + String.join("+", topics))
        .setStartingOffsets(start)
        .setDeserializer(deserializer)
        .setProperty(
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT))
        .build();
  }

  /**
   * An exactly-once sink: records become visible to {@code read_committed} readers when the
   * checkpoint that covers them completes. {@code idSuffix} keeps the transactional ids of several
   * sinks of one job apart.
   */
  public static <T> KafkaSink<T> exactlyOnceSink(
      JobSettings settings, String idSuffix, KafkaRecordSerializationSchema<T> serializer) {
    Properties producer = new Properties();
    producer.setProperty(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
        Long.toString(settings.transactionTimeout().toMillis()));
    return KafkaSink.<T>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(settings.transactionalIdPrefix() + idSuffix)
        .build();
  }
}
