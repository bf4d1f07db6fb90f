package io.vigil.responders.it;

import io.vigil.analytics.Anomaly;
import io.vigil.common.ThreatClass;
import io.vigil.config.VigilConfig;
import io.vigil.devstack.StackEndpoints;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The embedded stack seen from a test: configuration, catalog, producing and reading topics. */
public final class StackKafka implements AutoCloseable {

  /** A record read back: key, value (null for a tombstone) and the raw record. */
  public record Read<V>(String key, V value, ConsumerRecord<byte[], byte[]> raw) {}

  private final VigilConfig config;
  private final TopicCatalog catalog;
  private final KafkaProducer<byte[], byte[]> producer;

  public StackKafka(StackEndpoints stack) {
    this.config =
        VigilConfig.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()));
    this.catalog = TopicCatalog.from(config);
    this.producer =
        new KafkaProducer<>(
            config.producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  public VigilConfig config() {
    return config;
  }

  public TopicCatalog catalog() {
    return catalog;
  }

  /** Produces one record with the topic's serdes and waits for the acknowledgement. */
  public <V> void produce(Topic<String, V> topic, String key, V value) {
    produceRaw(
        topic.name(),
        topic.keySerde().serializer().serialize(topic.name(), key),
        value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  /** Produces raw bytes and waits for the acknowledgement. */
  public void produceRaw(String topic, byte[] key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot produce to " + topic, e);
    }
  }

  /** Every committed record of the topic, decoded, in partition order. */
  public <V> List<Read<V>> readAll(Topic<String, V> topic) {
    List<Read<V>> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readRaw(topic.name())) {
      String key = topic.keySerde().deserializer().deserialize(r.topic(), r.key());
      V value =
          r.value() == null
              ? null
              : topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
      out.add(new Read<>(key, value, r));
    }
    return out;
  }

  /** The values of every committed record of the topic (tombstones left out). */
  public <V> List<V> values(Topic<String, V> topic) {
    List<V> out = new ArrayList<>();
    for (Read<V> r : readAll(topic)) {
      if (r.value() != null) {
        out.add(r.value());
      }
    }
    return out;
  }

  /** Every committed record of a topic as bytes, from the beginning to the current end. */
  public List<ConsumerRecord<byte[], byte[]>> readRaw(String topic) {
    Map<String, Object> props = new HashMap<>(config.commonClientProps());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      Instant deadline = Instant.now().plusSeconds(30);
      while (!atEnd(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("cannot read " + topic + " to its end " + end);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
      return out;
    }
  }

  private static boolean atEnd(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** An anomaly of a client IP whose window ended a second before {@code at}. */
  public static Anomaly anomaly(
      String id, String ip, ThreatClass threatClass, double score, double confidence, Instant at) {
    return Anomaly.newBuilder()
        .setEventId(id)
        .setOccurredAt(at)
        .setEntityType(io.vigil.analytics.EntityType.CLIENT_IP)
        .setEntity(ip)
        .setScore(score)
        .setThreatClass(threatClass)
        .setConfidence(confidence)
        .setModelVersion("test@1")
        .setWindowStart(at.minusSeconds(11))
        .setWindowEnd(at.minusSeconds(1))
        .build();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
