package io.vigil.responders.kafka;

import io.vigil.schemas.catalog.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a compacted topic from its beginning to its current end ({@code read_committed}: up to the
 * last stable offset, so only committed transactions count) and keeps the latest value per key; a
 * tombstone removes its key. No consumer group is used.
 */
public final class CompactedTopicReader {

  /**
   * What was read.
   *
   * @param latest latest value per key, in the order keys were last written
   * @param invalid one message per record that did not decode (skipped)
   * @param records records read
   */
  public record Snapshot<V>(Map<String, V> latest, List<String> invalid, long records) {}

  private CompactedTopicReader() {}

  /**
   * Reads the topic to its end.
   *
   * @param consumerProps common client settings (bootstrap servers, security)
   * @param timeout how long reading may take
   * @throws IllegalStateException if the topic does not exist or the end is not reached in time
   * @throws RetriableException if the registry cannot be reached to decode the records
   */
  public static <V> Snapshot<V> read(
      Map<String, Object> consumerProps, Topic<String, V> topic, Duration timeout) {
    Map<String, Object> props = new HashMap<>(consumerProps);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Instant deadline = Instant.now().plus(timeout);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), timeout);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException(
            "topic " + topic.name() + " does not exist; create it (vigil topics create)");
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : infos) {
        partitions.add(new TopicPartition(topic.name(), info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Map<String, V> latest = new LinkedHashMap<>();
      List<String> invalid = new ArrayList<>();
      long count = 0;
      while (!reachedEnd(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "reading " + topic.name() + " to its end " + end + " took longer than " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          count++;
          String key = topic.keySerde().deserializer().deserialize(r.topic(), r.key());
          if (key == null) {
            invalid.add(r.topic() + "-" + r.partition() + "@" + r.offset() + ": no key");
            continue;
          }
          if (r.value() == null) {
            latest.remove(key);
            continue;
          }
          try {
            V value = Decoder.value(topic, r);
            latest.remove(key);
            latest.put(key, value);
          } catch (InvalidRecordException e) {
            invalid.add(r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e.getMessage());
          }
        }
      }
      return new Snapshot<>(latest, invalid, count);
    }
  }

  private static boolean reachedEnd(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
