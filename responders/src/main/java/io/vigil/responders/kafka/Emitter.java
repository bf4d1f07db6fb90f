package io.vigil.responders.kafka;

import io.vigil.schemas.catalog.Topic;

/**
 * Where a {@link LoopHandler} puts its output: records for the current transaction. Records emitted
 * while handling one input record are sent only if the handler returns normally, so a record that
 * turns out to be invalid half-way leaves no partial output.
 */
public interface Emitter {

  /**
   * Emits a record (a tombstone when {@code value} is null), serialized with the topic's serdes.
   *
   * @throws RetriableException if the record cannot be serialized (e.g. registry unreachable)
   */
  <K, V> void send(Topic<K, V> topic, K key, V value);
}
