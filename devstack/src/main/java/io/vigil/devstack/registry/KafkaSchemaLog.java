package io.vigil.devstack.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaLog} on a compacted, single-partition Kafka topic.
 *
 * <p>Single writer: the producer is transactional with the id {@code
 * vigil-schema-registry-<topic>}. Starting a second registry on the same topic fences the first
 * (its next write fails with a 500 and its {@code /health} turns 503) and aborts any batch the
 * first left open, and the newcomer replays with {@code read_committed} only after that, so it sees
 * every acknowledged write. Confluent elects a leader among several instances instead; a dev/test
 * registry does not need that. Each batch is one transaction, so a multi-record change (a subject
 * delete) is atomic.
 */
final class KafkaSchemaLog implements SchemaLog {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);

  private final String bootstrapServers;
  private final String topic;
  private final TopicPartition partition;
  private final Duration timeout;
  private final KafkaProducer<String, String> producer;
  private volatile String failure;

  /**
   * Creates the topic if missing (1 partition, {@code cleanup.policy=compact}), checks an existing
   * one has that shape, and takes over as the topic's writer.
   *
   * @throws IllegalStateException if Kafka is unreachable within {@code timeout} or the topic has
   *     the wrong shape
   */
  KafkaSchemaLog(String bootstrapServers, String topic, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    this.timeout = timeout;
    ensureTopic();
    this.producer =
        new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
    try {
      producer.initTransactions();
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      throw new IllegalStateException("Could not become the writer of " + describe(), e);
    }
  }

  @Override
  public void replay(Consumer<StoreRecord> sink) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            consumerProperties(), new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      // read_committed: the end is the last stable offset, after any aborted batch.
      long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
      long deadline = System.nanoTime() + timeout.toNanos();
      int count = 0;
      while (consumer.position(partition, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Replaying " + describe() + " did not reach offset " + end + " within " + timeout);
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          sink.accept(new StoreRecord(r.key(), r.value()));
          count++;
        }
      }
      LOG.info("Replayed {} records (up to offset {}) from {}", count, end, describe());
    } catch (KafkaException e) {
      throw new IllegalStateException("Could not replay " + describe(), e);
    }
  }

  @Override
  public synchronized void append(List<StoreRecord> batch) {
    if (failure != null) {
      throw RegistryException.store(failure, null);
    }
    try {
      producer.beginTransaction();
      for (StoreRecord r : batch) {
        producer.send(new ProducerRecord<>(topic, 0, r.key(), r.value()));
      }
      // Returns only once every record is acknowledged (acks=all) and the batch committed.
      producer.commitTransaction();
    } catch (ProducerFencedException e) {
      fail(fencedMessage(), e);
      throw RegistryException.store(failure, e);
    } catch (AuthorizationException e) {
      fail("Not authorised to write " + describe() + ": " + e.getMessage(), e);
      throw RegistryException.store(failure, e);
    } catch (KafkaException e) {
      abortAfter(e);
      if (failure != null) {
        throw RegistryException.store(failure, e);
      }
      if (e instanceof TimeoutException) {
        throw RegistryException.timeout("Timed out writing to " + describe(), e);
      }
      throw RegistryException.store("Could not write to " + describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean writable() {
    return failure == null;
  }

  @Override
  public String describe() {
    return "topic '" + topic + "' on " + bootstrapServers;
  }

  @Override
  public void close() {
    producer.close(timeout);
  }

  /**
   * Aborts the open transaction after a failed write. A producer that cannot abort is unusable:
   * typically it was fenced (the write itself then failed with an invalid-epoch error), and the
   * registry turns read-only.
   */
  private void abortAfter(KafkaException cause) {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      cause.addSuppressed(e);
      fail(
          e instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException
              ? fencedMessage()
              : "The Kafka producer for " + describe() + " failed: " + e.getMessage(),
          cause);
    }
  }

  private String fencedMessage() {
    return "This registry was replaced by a newer instance writing " + describe();
  }

  private void fail(String message, Exception cause) {
    if (failure == null) {
      failure = message;
      LOG.error("Schema registry is read-only from now on: {}", message, cause);
    }
  }

  private void ensureTopic() {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "vigil-schema-registry-admin");
    props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(props)) {
      Optional<TopicDescription> existing = describeTopic(admin);
      if (existing.isEmpty()) {
        try {
          admin
              .createTopics(
                  List.of(
                      new NewTopic(topic, Optional.of(1), Optional.of(replicationFactor(admin)))
                          .configs(
                              Map.of(
                                  TopicConfig.CLEANUP_POLICY_CONFIG,
                                  TopicConfig.CLEANUP_POLICY_COMPACT))))
              .all()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          LOG.info("Created compacted topic {}", describe());
          return;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
          existing = describeTopic(admin);
        }
      }
      verifyShape(admin, existing.orElseThrow());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while preparing " + describe(), e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException | KafkaException e) {
      throw new IllegalStateException("Could not prepare " + describe(), e);
    }
  }

  private Optional<TopicDescription> describeTopic(Admin admin)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    try {
      return Optional.of(
          admin
              .describeTopics(Set.of(topic))
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .get(topic));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private short replicationFactor(Admin admin)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    int brokers =
        admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
    return (short) Math.max(1, Math.min(3, brokers));
  }

  private void verifyShape(Admin admin, TopicDescription description)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    if (description.partitions().size() != 1) {
      throw new IllegalStateException(
          describe()
              + " has "
              + description.partitions().size()
              + " partitions; the registry needs exactly 1 to keep its records in order");
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config =
        admin
            .describeConfigs(List.of(resource))
            .all()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .get(resource);
    String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)
        || policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
      throw new IllegalStateException(
          describe()
              + " has cleanup.policy="
              + policy
              + "; the registry needs 'compact' or retention would delete schemas");
    }
  }

  private Properties producerProperties() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-schema-registry-writer");
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "vigil-schema-registry-" + topic);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 10_000));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() + 10_000);
    return p;
  }

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-schema-registry-replay");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    return p;
  }
}
