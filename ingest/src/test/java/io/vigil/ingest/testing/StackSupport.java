package io.vigil.ingest.testing;

import static org.awaitility.Awaitility.await;

import io.vigil.config.VigilConfig;
import io.vigil.devstack.StackEndpoints;
import io.vigil.ingest.IngestConfig;
import io.vigil.schemas.catalog.Topic;
import io.vigil.testkit.TestNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Helpers shared by the ingest ITs: configuration for a stack, topics, read_committed reads. */
public final class StackSupport {

  private StackSupport() {}

  /** An ingest configuration pointing at the stack, plus the given overrides. */
  public static IngestConfig config(StackEndpoints stack, Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(overrides);
    values.put(VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    values.put(VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl());
    return IngestConfig.load(Optional.empty(), Map.of(), values);
  }

  /** The catalog topic under another name, with one partition unless given. */
  public static <K, V> Topic<K, V> renamed(Topic<K, V> topic, String name, int partitions) {
    return new Topic<>(
        name,
        partitions,
        topic.replicationFactor(),
        topic.configs(),
        topic.keySerde(),
        topic.valueSerde());
  }

  /** Creates the topics and waits until they exist. */
  public static void create(VigilConfig config, NewTopic... topics) {
    try (Admin admin = Admin.create(config.adminProps())) {
      admin.createTopics(List.of(topics)).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create topics " + List.of(topics), e);
    }
  }

  /**
   * Every committed record of the topic, read with {@code read_committed} up to the end offsets
   * taken when called (so a test can also assert that a topic stays empty).
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(VigilConfig config, String topic) {
    Map<String, Object> props = config.consumerProps(TestNames.unique("reader"));
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
              });
      return records;
    }
  }

  /** Waits until the topic holds at least {@code count} committed records and returns them all. */
  public static List<ConsumerRecord<byte[], byte[]>> awaitRecords(
      VigilConfig config, String topic, int count, Duration timeout) {
    List<List<ConsumerRecord<byte[], byte[]>>> last = new ArrayList<>();
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              List<ConsumerRecord<byte[], byte[]>> all = readAll(config, topic);
              last.clear();
              last.add(all);
              return all.size() >= count;
            });
    return last.get(0);
  }
}
