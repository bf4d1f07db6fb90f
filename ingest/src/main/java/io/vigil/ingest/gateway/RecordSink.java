package io.vigil.ingest.gateway;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where the gateway writes the records of one accepted request: all of them or none.
 *
 * <p>The future completes normally only after Kafka acknowledged every record (for {@link
 * TransactionalSender}: after the transaction holding them committed); it fails if none became
 * visible to {@code read_committed} consumers.
 */
public interface RecordSink extends AutoCloseable {

  /** Writes the records atomically. */
  CompletableFuture<Void> write(List<ProducerRecord<byte[], byte[]>> records);

  /** Whether the sink can currently write (for {@code /health}). */
  boolean ready();

  @Override
  void close();
}
