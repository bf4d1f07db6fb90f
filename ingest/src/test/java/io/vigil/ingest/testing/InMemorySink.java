package io.vigil.ingest.testing;

import io.vigil.ingest.gateway.RecordSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A record sink that keeps written batches in memory and can be told to fail. */
public final class InMemorySink implements RecordSink {

  private final List<List<ProducerRecord<byte[], byte[]>>> batches = new ArrayList<>();
  private volatile RuntimeException failure;

  @Override
  public synchronized CompletableFuture<Void> write(List<ProducerRecord<byte[], byte[]>> records) {
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    batches.add(List.copyOf(records));
    return CompletableFuture.completedFuture(null);
  }

  /** Makes every later write fail with the exception. */
  public void failWith(RuntimeException e) {
    this.failure = e;
  }

  /** The batches written so far. */
  public synchronized List<List<ProducerRecord<byte[], byte[]>>> batches() {
    return List.copyOf(batches);
  }

  /** All records written so far. */
  public synchronized List<ProducerRecord<byte[], byte[]>> records() {
    return batches.stream().flatMap(List::stream).toList();
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public void close() {}
}
