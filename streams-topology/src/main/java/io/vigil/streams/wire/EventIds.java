package io.vigil.streams.wire;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids (name-based UUIDs): the same logical event gets the same id even when a
 * transaction is retried after an abort, so downstream consumers that deduplicate by {@code
 * eventId} see one event.
 */
public final class EventIds {

  private EventIds() {}

  /** The id of the event named by {@code parts} (joined with '|'). */
  public static String of(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
