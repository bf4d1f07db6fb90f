package io.vigil.responders;

import io.vigil.config.VigilConfig;
import io.vigil.ops.FirewallAudit;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.FirewallDecisionKind;
import io.vigil.ops.FirewallDecisionOrigin;
import io.vigil.responders.firewall.DecisionKey;
import io.vigil.responders.firewall.FirewallAction;
import io.vigil.responders.firewall.FirewallDecision;
import io.vigil.responders.firewall.ManualDecision;
import io.vigil.responders.firewall.Scope;
import io.vigil.responders.firewall.Targets;
import io.vigil.responders.firewall.ThreatClass;
import io.vigil.responders.kafka.CompactedTopicReader;
import io.vigil.responders.kafka.Decoder;
import io.vigil.responders.kafka.FirewallHandler.FirewallTopics;
import io.vigil.responders.kafka.FirewallRecords;
import io.vigil.responders.kafka.InvalidRecordException;
import io.vigil.schemas.catalog.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigil decisions list|add|delete}, like {@code cscli decisions}, against the firewall
 * responder's topics.
 *
 * <ul>
 *   <li>{@link #list()} reads the compacted decisions topic to its end and returns the decisions
 *       active now (not lifted, not expired), by scope and target.
 *   <li>{@link #add} and {@link #delete} do not write decisions themselves: the firewall responder
 *       is the single writer of the decision state. They publish an operator request to the
 *       requests topic; the responder applies the policy (the allow-list still vetoes; operator
 *       decisions bypass thresholds and the blast-radius cap and replace an active decision) and
 *       answers with an audit record carrying the request id, which these methods wait for. When
 *       the responder is not running, the request stays queued and the outcome is {@link
 *       Status#PENDING}.
 * </ul>
 */
public final class DecisionsAdmin implements AutoCloseable {

  /** What became of an operator request. */
  public enum Status {
    /** The decision was added, replaced or lifted. */
    APPLIED,
    /** The allow-list vetoed it; {@link Outcome#rule()} names the rule. */
    VETOED,
    /** Nothing to delete: no active decision on the target. */
    NOT_FOUND,
    /** The responder could not take the request; the message says why. */
    REJECTED,
    /**
     * No answer within the wait: the responder is not running or lagging; the request is queued.
     */
    PENDING
  }

  /**
   * The answer to an operator request.
   *
   * @param requestId id of the request (its eventId)
   * @param status what became of it
   * @param decisionId the decision published, if any
   * @param rule the rule that decided (e.g. the allow-list entry), if any
   * @param message human-readable explanation
   */
  public record Outcome(
      String requestId, Status status, String decisionId, String rule, String message) {}

  /**
   * An active decision, as {@code vigil decisions list} shows it.
   *
   * @param decision the decision
   * @param origin POLICY or OPERATOR
   * @param requestedBy the operator, for operator decisions
   */
  public record ActiveDecision(
      FirewallDecision decision, FirewallDecisionOrigin origin, String requestedBy) {}

  private static final Logger LOG = LoggerFactory.getLogger(DecisionsAdmin.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  private static final long SEND_TIMEOUT_SECONDS = 30;

  private final VigilConfig config;
  private final FirewallTopics topics;
  private final Clock clock;
  private final KafkaProducer<byte[], byte[]> producer;

  private DecisionsAdmin(VigilConfig config, FirewallTopics topics, Clock clock) {
    this.config = config;
    this.topics = topics;
    this.clock = clock;
    this.producer =
        new KafkaProducer<>(
            config.producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * An admin for the responder's topics.
   *
   * @param names topic names, as in the responder's configuration
   * @param clock time of requests and of "active now"
   */
  public static DecisionsAdmin create(
      VigilConfig config, FirewallResponder.TopicNames names, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return new DecisionsAdmin(config, names.resolve(TopicCatalog.from(config)), clock);
  }

  /** The decisions active now, ordered by scope and target. */
  public List<ActiveDecision> list() {
    CompactedTopicReader.Snapshot<FirewallCommand> snapshot =
        CompactedTopicReader.read(config.commonClientProps(), topics.decisions(), READ_TIMEOUT);
    Instant now = clock.instant();
    List<ActiveDecision> active = new ArrayList<>();
    for (String problem : snapshot.invalid()) {
      LOG.warn("{}: record skipped: {}", topics.decisions().name(), problem);
    }
    for (Map.Entry<String, FirewallCommand> e : snapshot.latest().entrySet()) {
      FirewallCommand c = e.getValue();
      FirewallDecision d;
      try {
        d = FirewallRecords.decision(c);
      } catch (IllegalArgumentException | NullPointerException ex) {
        LOG.warn("{}: {} skipped: not a valid decision", topics.decisions().name(), e.getKey(), ex);
        continue;
      }
      if (d.isActiveAt(now)) {
        active.add(new ActiveDecision(d, c.getOrigin(), c.getRequestedBy()));
      }
    }
    active.sort(Comparator.comparing(a -> a.decision().key(), DecisionKey.ORDER));
    return List.copyOf(active);
  }

  /**
   * Requests a decision and waits up to {@code wait} for the responder's answer.
   *
   * @throws IllegalArgumentException if the target is malformed for the scope
   */
  public Outcome add(ManualDecision decision, String requestedBy, Duration wait) {
    String target = Targets.canonical(decision.scope(), decision.target());
    Instant now = now();
    FirewallCommand request =
        request(
                decision.scope(),
                target,
                io.vigil.ops.FirewallAction.valueOf(decision.action().name()),
                decision.reason(),
                requestedBy,
                now)
            .setRate(decision.ratePerSecond())
            .setTtlMs(decision.duration().toMillis())
            .setExpiresAt(now.plus(decision.duration()))
            .build();
    return submit(request, new DecisionKey(decision.scope(), target), wait);
  }

  /**
   * Requests the lift of the active decision on a target and waits up to {@code wait} for the
   * responder's answer.
   *
   * @throws IllegalArgumentException if the target is malformed for the scope
   */
  public Outcome delete(
      Scope scope, String target, String reason, String requestedBy, Duration wait) {
    String canonical = Targets.canonical(scope, target);
    FirewallAction lift =
        scope == Scope.SERVICE || scope == Scope.EDGE
            ? FirewallAction.RESTORE
            : FirewallAction.UNBLOCK;
    FirewallCommand request =
        request(
                scope,
                canonical,
                io.vigil.ops.FirewallAction.valueOf(lift.name()),
                reason,
                requestedBy,
                now())
            .setTtlMs(0L)
            .build();
    return submit(request, new DecisionKey(scope, canonical), wait);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }

  private FirewallCommand.Builder request(
      Scope scope,
      String target,
      io.vigil.ops.FirewallAction action,
      String reason,
      String requestedBy,
      Instant now) {
    String id = UUID.randomUUID().toString();
    return FirewallCommand.newBuilder()
        .setEventId(id)
        .setOccurredAt(now)
        .setCommandId(id)
        .setAction(action)
        .setScope(FirewallRecords.scope(scope))
        .setTarget(target)
        .setReason(reason)
        .setEvidence(
            io.vigil.ops.Evidence.newBuilder()
                .setThreatClass(FirewallRecords.threatClass(ThreatClass.NONE))
                .build())
        .setEnforced(true)
        .setKind(FirewallDecisionKind.UNKNOWN)
        .setOrigin(FirewallDecisionOrigin.OPERATOR)
        .setRequestedBy(Objects.requireNonNull(requestedBy, "requestedBy"));
  }

  private Outcome submit(FirewallCommand request, DecisionKey key, Duration wait) {
    try (KafkaConsumer<byte[], byte[]> audit = auditConsumerAtEnd()) {
      byte[] k =
          topics
              .requests()
              .keySerde()
              .serializer()
              .serialize(topics.requests().name(), key.toString());
      byte[] v =
          topics.requests().valueSerde().serializer().serialize(topics.requests().name(), request);
      producer
          .send(new ProducerRecord<>(topics.requests().name(), k, v))
          .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return await(audit, request.getEventId(), wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending the request", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaException(
          "cannot send the request to " + topics.requests().name() + ": " + e.getMessage(), e);
    }
  }

  private KafkaConsumer<byte[], byte[]> auditConsumerAtEnd() {
    Map<String, Object> props = new HashMap<>(config.commonClientProps());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(topics.audit().name(), READ_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException(
            "topic " + topics.audit().name() + " does not exist; create it (vigil topics create)");
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : infos) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      for (TopicPartition tp : partitions) {
        consumer.position(tp); // resolve now, so the answer cannot be missed
      }
      return consumer;
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  private Outcome await(KafkaConsumer<byte[], byte[]> consumer, String requestId, Duration wait) {
    Instant deadline = clock.instant().plus(wait);
    do {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        FirewallAudit a;
        try {
          a = Decoder.value(topics.audit(), r);
        } catch (InvalidRecordException e) {
          LOG.warn("skipping an undecodable audit record while waiting for {}", requestId, e);
          continue;
        }
        if (requestId.equals(a.getRequestId())) {
          return new Outcome(requestId, status(a), a.getDecisionId(), a.getRule(), a.getMessage());
        }
      }
    } while (clock.instant().isBefore(deadline));
    return new Outcome(
        requestId,
        Status.PENDING,
        null,
        null,
        "no answer within "
            + wait.toSeconds()
            + "s: the request is queued on "
            + topics.requests().name()
            + " and applies when the firewall responder runs");
  }

  private static Status status(FirewallAudit a) {
    switch (a.getOutcome()) {
      case MANUAL_ADDED:
      case MANUAL_DELETED:
        return Status.APPLIED;
      case VETOED:
        return Status.VETOED;
      case NOT_FOUND:
        return Status.NOT_FOUND;
      default:
        return Status.REJECTED;
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
