package io.vigil.saga.testing;

import io.vigil.saga.Outcome;
import io.vigil.saga.participant.ProcessedCommands;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link ProcessedCommands} in a map, for tests; the Streams participants use a state store. */
public final class InMemoryProcessedCommands implements ProcessedCommands {

  private final Map<String, Outcome> outcomes = new LinkedHashMap<>();

  @Override
  public Optional<Outcome> find(String idempotencyKey) {
    return Optional.ofNullable(outcomes.get(idempotencyKey));
  }

  @Override
  public void record(String idempotencyKey, Outcome outcome) {
    if (outcomes.putIfAbsent(idempotencyKey, outcome) != null) {
      throw new IllegalStateException("outcome of " + idempotencyKey + " recorded twice");
    }
  }

  /** Everything recorded, in insertion order. */
  public Map<String, Outcome> recorded() {
    return Map.copyOf(outcomes);
  }
}
