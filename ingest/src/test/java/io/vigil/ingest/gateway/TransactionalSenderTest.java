package io.vigil.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class TransactionalSenderTest {

  private final MockProducer<byte[], byte[]> mock =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  private TransactionalSender sender() {
    return new TransactionalSender(Map.of(), 1, "test", new SimpleMeterRegistry(), props -> mock);
  }

  private static ProducerRecord<byte[], byte[]> record(String topic) {
    return new ProducerRecord<>(topic, new byte[] {1});
  }

  @Test
  void shouldCommitTheRequestsRecordsInATransactionWhenKafkaAccepts() {
    try (TransactionalSender sender = sender()) {
      CompletableFuture<Void> done = sender.write(List.of(record("a"), record("b")));

      await().atMost(Duration.ofSeconds(10)).until(done::isDone);
      assertThat(done).isCompleted();
      assertThat(mock.transactionCommitted()).isTrue();
      assertThat(mock.history()).hasSize(2);
      assertThat(sender.ready()).isTrue();
    }
  }

  @Test
  void shouldAbortAndFailTheRequestWhenTheCommitFails() {
    mock.commitTransactionException = new KafkaException("broker refused");
    try (TransactionalSender sender = sender()) {
      CompletableFuture<Void> done = sender.write(List.of(record("a")));

      await().atMost(Duration.ofSeconds(10)).until(done::isDone);
      assertThat(done).isCompletedExceptionally();
      assertThat(mock.transactionAborted()).isTrue();
      assertThat(mock.transactionCommitted()).isFalse();
    }
  }

  @Test
  void shouldFailQueuedRequestsWhenClosed() {
    TransactionalSender sender = sender();
    sender.close();

    assertThat(sender.write(List.of(record("a")))).isCompletedExceptionally();
    assertThat(sender.ready()).isFalse();
  }
}
