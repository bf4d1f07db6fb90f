package io.vigil.saga.participant;

import io.vigil.saga.Outcome;
import java.util.Optional;

/**
 * A participant's record of final outcomes, keyed by {@link
 * io.vigil.saga.CommandId#idempotencyKey()}.
 *
 * <p>In the Kafka Streams participants this is a key-value store written in the same exactly-once
 * transaction as the handler's effect and the reply, so "effect applied" and "outcome recorded"
 * cannot diverge. Entries may expire once the saga is long terminal.
 */
public interface ProcessedCommands {

  /** The outcome recorded under {@code idempotencyKey}, if any. */
  Optional<Outcome> find(String idempotencyKey);

  /** Records the final outcome under {@code idempotencyKey}, replacing nothing. */
  void record(String idempotencyKey, Outcome outcome);
}
