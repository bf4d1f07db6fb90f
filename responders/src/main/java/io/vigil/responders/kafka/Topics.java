package io.vigil.responders.kafka;

import io.vigil.schemas.catalog.Topic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topic helpers of the responders: renaming catalog topics, creating and checking them at start.
 */
public final class Topics {

  private static final long TIMEOUT_SECONDS = 30;

  private Topics() {}

  /** The catalog topic under another name (same serdes, partitions and configs). */
  public static <K, V> Topic<K, V> renamed(Topic<K, V> topic, String name) {
    if (topic.name().equals(name)) {
      return topic;
    }
    return new Topic<>(
        name,
        topic.partitions(),
        topic.replicationFactor(),
        topic.configs(),
        topic.keySerde(),
        topic.valueSerde());
  }

  /**
   * Makes sure the topics exist with the cleanup policy they need: creates the missing ones when
   * {@code create} is set (each with its dead-letter queue when {@code withDlq} contains it), then
   * checks that each exists and that compacted topics are compacted.
   *
   * @throws IllegalStateException naming every missing or misconfigured topic
   */
  public static void ensure(
      Map<String, Object> adminProps,
      Collection<Topic<?, ?>> topics,
      Collection<Topic<?, ?>> withDlq,
      boolean create) {
    try (Admin admin = Admin.create(adminProps)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Set<String> created = new HashSet<>();
      if (create) {
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<?, ?> t : topics) {
          if (!existing.contains(t.name())) {
            missing.add(t.toNewTopic());
          }
        }
        for (Topic<?, ?> t : withDlq) {
          if (!existing.contains(t.dlq())) {
            missing.add(t.dlqTopic().toNewTopic());
          }
        }
        Set<String> known = new HashSet<>(existing);
        for (NewTopic n : missing) {
          createIgnoringExisting(admin, n);
          known.add(n.name()); // listTopics may not show it yet: metadata propagates lazily
          created.add(n.name());
        }
        existing = known;
      }
      List<String> problems = new ArrayList<>();
      List<ConfigResource> compacted = new ArrayList<>();
      for (Topic<?, ?> t : topics) {
        if (!existing.contains(t.name())) {
          problems.add("topic " + t.name() + " does not exist");
        } else if (t.isCompacted() && !created.contains(t.name())) {
          // Created just now with the catalog's configs; describing it may race its metadata.
          compacted.add(new ConfigResource(ConfigResource.Type.TOPIC, t.name()));
        }
      }
      if (!compacted.isEmpty()) {
        Map<ConfigResource, Config> configs =
            admin.describeConfigs(compacted).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (ConfigResource r : compacted) {
          ConfigEntry policy = configs.get(r).get(TopicConfig.CLEANUP_POLICY_CONFIG);
          if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            problems.add(
                "topic "
                    + r.name()
                    + " must have cleanup.policy=compact (it holds the latest state per key), has "
                    + (policy == null ? "none" : policy.value()));
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException(
            String.join("; ", problems) + " (create topics with vigil topics create)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot check topics: " + e.getMessage(), e);
    }
  }

  private static void createIgnoringExisting(Admin admin, NewTopic topic)
      throws InterruptedException, TimeoutException {
    try {
      admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create topic " + topic.name() + ": " + e.getCause(), e);
      }
      // Created concurrently by another instance or by vigil topics create: what we wanted.
    }
  }
}
