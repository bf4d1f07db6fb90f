package io.vigil.devstack.registry;

import java.util.List;
import java.util.function.Consumer;

/**
 * Durable, ordered log of registry mutations. The registry is its only writer: it replays the log
 * once at start and afterwards appends, applying a batch to memory only after {@link #append}
 * returned.
 */
interface SchemaLog extends AutoCloseable {

  /** Feeds every record from the beginning of the log to {@code sink}, in order. */
  void replay(Consumer<StoreRecord> sink);

  /**
   * Appends a batch atomically and returns once it is durable.
   *
   * @throws RegistryException (HTTP 500, 50001/50002) if the batch was not written
   */
  void append(List<StoreRecord> batch);

  /** False once the log can no longer accept writes (e.g. fenced by a newer writer). */
  boolean writable();

  /** Human-readable description, e.g. the Kafka topic and bootstrap servers. */
  String describe();

  @Override
  void close();
}
