package io.vigil.responders.kafka;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The logic of a {@link TransactionalLoop}: how input records and timer ticks change the handler's
 * state and what they emit. The loop drives one transaction at a time:
 *
 * <ol>
 *   <li>{@link #begin()}: start a working copy of the state from the committed one;
 *   <li>{@link #onRecord} for each record polled, {@link #onTick} when the tick is due;
 *   <li>{@link #committed()} once the transaction (outputs and input offsets) committed, or {@link
 *       #aborted()} when it aborted: the working copy is kept or dropped, so the state always
 *       matches the committed offsets and the committed output.
 * </ol>
 *
 * <p>{@link #onRecord} must leave the working state unchanged when it throws.
 */
public interface LoopHandler {

  /** A transaction starts: the working state is the committed state. */
  void begin();

  /**
   * Handles one input record.
   *
   * @throws InvalidRecordException if the record can never be processed (goes to the DLQ)
   * @throws RetriableException if it cannot be processed now (the transaction is retried)
   */
  void onRecord(ConsumerRecord<byte[], byte[]> record, Emitter out);

  /** The periodic timer, at the wall-clock instant {@code now}. */
  void onTick(Instant now, Emitter out);

  /** The transaction committed: the working state becomes the committed state. */
  void committed();

  /** The transaction aborted: the working state is dropped. */
  void aborted();
}
