package io.vigil.responders.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.devstack.StackEndpoints;
import io.vigil.responders.kafka.DeadLetters;
import io.vigil.responders.kafka.Emitter;
import io.vigil.responders.kafka.FaultInjection;
import io.vigil.responders.kafka.InvalidRecordException;
import io.vigil.responders.kafka.LoopHandler;
import io.vigil.responders.kafka.RetriableException;
import io.vigil.responders.kafka.Topics;
import io.vigil.responders.kafka.TransactionalLoop;
import io.vigil.schemas.catalog.Topic;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The consume-transform-produce loop itself: abort and rewind, dead letters, ticks. */
@VigilStack
class TransactionalLoopIT {

  @Test
  void shouldPublishEachOutputOnceWhenATransactionAbortsHalfWayAndIsRetried(
      StackEndpoints stack, TestInfo info) throws Exception {
    // Given five input records, one of them poison, and a handler failing once on the third
    String name = TestNames.unique(info);
    try (StackKafka kafka = new StackKafka(stack)) {
      Topic<String, String> in = stringTopic(name + ".in");
      Topic<String, String> out = stringTopic(name + ".out");
      Topics.ensure(kafka.config().adminProps(), List.of(in, out), List.of(in), true);
      for (String v : List.of("v1", "v2", "v3", "poison", "v5")) {
        kafka.produceRaw(in.name(), bytes("k"), bytes(v));
      }
      CopyHandler handler = new CopyHandler(out);
      Map<String, Object> producer = new HashMap<>(kafka.config().producerProps());
      producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, name + "-tx");
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      TransactionalLoop loop =
          new TransactionalLoop(
              new TransactionalLoop.Settings(
                  "copy",
                  producer,
                  kafka.config().consumerProps(name + "-group"),
                  List.of(in.name()),
                  Duration.ofMillis(100),
                  Clock.systemUTC(),
                  FaultInjection.NONE),
              handler,
              meters);
      try {
        loop.initTransactions();
        loop.start();

        // When the loop runs
        // Then every good record is copied exactly once, the poison one is dead-lettered
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () ->
                    assertThat(kafka.values(out))
                        .containsOnlyOnce("tick")
                        .filteredOn(v -> !v.equals("tick"))
                        .containsExactly("v1", "v2", "v3", "v5"));
        assertThat(
                meters
                    .counter("vigil.loop.transactions", "component", "copy", "outcome", "aborted")
                    .count())
            .isEqualTo(1);
        assertThat(kafka.readRaw(in.dlq()))
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("poison");
                  assertThat(DeadLetters.header(r.headers(), DeadLetters.ERROR_MESSAGE))
                      .startsWith("poison pill");
                  assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_OFFSET))
                      .isEqualTo("3");
                });
        assertThat(loop.state()).isEqualTo(TransactionalLoop.State.RUNNING);
      } finally {
        loop.close();
      }
      assertThat(loop.state()).isEqualTo(TransactionalLoop.State.STOPPED);
    }
  }

  /** Copies values; fails once (retriable) on v3; rejects "poison"; emits "tick" once. */
  private static final class CopyHandler implements LoopHandler {
    private final Topic<String, String> out;
    private final AtomicBoolean failed = new AtomicBoolean();
    private boolean ticked;
    private boolean tickedInTransaction;

    CopyHandler(Topic<String, String> out) {
      this.out = out;
    }

    @Override
    public void begin() {
      tickedInTransaction = ticked;
    }

    @Override
    public void onRecord(
        org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record, Emitter emit) {
      String v = new String(record.value(), StandardCharsets.UTF_8);
      if (v.equals("v3") && failed.compareAndSet(false, true)) {
        throw new RetriableException("broker hiccup", new IllegalStateException("test"));
      }
      if (v.equals("poison")) {
        throw new InvalidRecordException("poison pill", new IllegalArgumentException(v));
      }
      emit.send(out, "k", v);
    }

    @Override
    public void onTick(Instant now, Emitter emit) {
      if (!tickedInTransaction) {
        tickedInTransaction = true;
        emit.send(out, "k", "tick");
      }
    }

    @Override
    public void committed() {
      ticked = tickedInTransaction;
    }

    @Override
    public void aborted() {
      tickedInTransaction = ticked;
    }
  }

  private static Topic<String, String> stringTopic(String name) {
    return new Topic<>(
        name,
        1,
        (short) 1,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE),
        Serdes.String(),
        Serdes.String());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
