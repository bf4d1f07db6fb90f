package io.vigil.streams.state;

import io.vigil.saga.Outcome;
import io.vigil.saga.participant.ProcessedCommands;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link ProcessedCommands} over a changelogged key-value store. Written in the same exactly-once
 * transaction as the participant's effect and its reply, so "applied" and "recorded" never diverge,
 * even across a crash.
 */
public final class KeyValueProcessedCommands implements ProcessedCommands {

  private final KeyValueStore<String, StoredOutcome> store;

  public KeyValueProcessedCommands(KeyValueStore<String, StoredOutcome> store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Optional<Outcome> find(String idempotencyKey) {
    return Optional.ofNullable(store.get(idempotencyKey)).map(StoredOutcome::toOutcome);
  }

  @Override
  public void record(String idempotencyKey, Outcome outcome) {
    // The contract says "replacing nothing": the first final outcome of a key is the only one.
    store.putIfAbsent(idempotencyKey, StoredOutcome.of(outcome));
  }
}
