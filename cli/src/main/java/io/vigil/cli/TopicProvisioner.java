package io.vigil.cli;

import io.vigil.schemas.catalog.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates catalog topics and their dead-letter topics on any cluster. Idempotent: topics that exist
 * are reported and left as they are (their partitions and configs are not changed).
 */
final class TopicProvisioner {
  private static final long TIMEOUT_SECONDS = 60;

  /** What happened to each topic name. */
  record Result(List<String> created, List<String> existing) {}

  private final Admin admin;

  TopicProvisioner(Admin admin) {
    this.admin = admin;
  }

  /** The topics to create for a catalog: each topic followed by its DLQ. */
  static List<NewTopic> plan(List<? extends Topic<?, ?>> topics) {
    List<NewTopic> plan = new ArrayList<>();
    for (Topic<?, ?> topic : topics) {
      plan.add(topic.toNewTopic());
      plan.add(topic.dlqTopic().toNewTopic());
    }
    return plan;
  }

  Result createAll(List<? extends Topic<?, ?>> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<NewTopic> plan = plan(topics);
    CreateTopicsResult result = admin.createTopics(plan);
    List<String> created = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    for (NewTopic topic : plan) {
      try {
        result.values().get(topic.name()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        created.add(topic.name());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        existing.add(topic.name());
      }
    }
    return new Result(created, existing);
  }
}
