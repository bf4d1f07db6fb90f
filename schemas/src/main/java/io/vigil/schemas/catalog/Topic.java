package io.vigil.schemas.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A Kafka topic with its key and value serdes and the settings it is created with. Immutable: build
 * variants with {@link #withPartitions} and {@link #withConfig}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Topic<K, V> {

  /** Suffix of a topic's dead-letter queue. */
  public static final String DLQ_SUFFIX = ".dlq";

  private final String name;
  private final int partitions;
  private final short replicationFactor;
  private final Map<String, String> configs;
  private final Serde<K> keySerde;
  private final Serde<V> valueSerde;

  /**
   * @param name topic name
   * @param partitions partitions it is created with, {@code >= 1}
   * @param replicationFactor replication factor it is created with, {@code >= 1}
   * @param configs topic-level configs it is created with, e.g. {@code cleanup.policy}
   * @param keySerde key serde
   * @param valueSerde value serde
   */
  public Topic(
      String name,
      int partitions,
      short replicationFactor,
      Map<String, String> configs,
      Serde<K> keySerde,
      Serde<V> valueSerde) {
    this.name = Objects.requireNonNull(name, "name");
    if (partitions < 1 || replicationFactor < 1) {
      throw new IllegalArgumentException(name + ": partitions and replication factor must be >= 1");
    }
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.configs = Map.copyOf(configs);
    this.keySerde = Objects.requireNonNull(keySerde, "keySerde");
    this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
  }

  /** Topic name. */
  public String name() {
    return name;
  }

  /** Partitions the topic is created with. */
  public int partitions() {
    return partitions;
  }

  /** Replication factor the topic is created with. */
  public short replicationFactor() {
    return replicationFactor;
  }

  /** Topic-level configs the topic is created with (unmodifiable). */
  public Map<String, String> configs() {
    return configs;
  }

  /** {@code cleanup.policy}, {@code delete} unless configured otherwise. */
  public String cleanupPolicy() {
    return configs.getOrDefault(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
  }

  /** Whether the topic is compacted. */
  public boolean isCompacted() {
    return cleanupPolicy().contains(TopicConfig.CLEANUP_POLICY_COMPACT);
  }

  /** Key serde. */
  public Serde<K> keySerde() {
    return keySerde;
  }

  /** Value serde. */
  public Serde<V> valueSerde() {
    return valueSerde;
  }

  /** Name of the topic's dead-letter queue: {@code <topic>.dlq}. */
  public String dlq() {
    return name + DLQ_SUFFIX;
  }

  /**
   * The topic's dead-letter queue: the original key and value bytes, same partitions and
   * replication, delete policy (error details travel in headers).
   */
  public Topic<byte[], byte[]> dlqTopic() {
    return new Topic<>(
        dlq(),
        partitions,
        replicationFactor,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE),
        Serdes.ByteArray(),
        Serdes.ByteArray());
  }

  /** A copy with another partition count. */
  public Topic<K, V> withPartitions(int newPartitions) {
    return new Topic<>(name, newPartitions, replicationFactor, configs, keySerde, valueSerde);
  }

  /** A copy with one more (or a replaced) topic-level config. */
  public Topic<K, V> withConfig(String key, String value) {
    Map<String, String> merged = new HashMap<>(configs);
    merged.put(key, value);
    return new Topic<>(name, partitions, replicationFactor, merged, keySerde, valueSerde);
  }

  /** The admin request creating this topic. */
  public NewTopic toNewTopic() {
    return new NewTopic(name, partitions, replicationFactor).configs(configs);
  }

  @Override
  public String toString() {
    return "Topic["
        + name
        + ", partitions="
        + partitions
        + ", rf="
        + replicationFactor
        + ", "
        + configs
        + "]";
  }
}
