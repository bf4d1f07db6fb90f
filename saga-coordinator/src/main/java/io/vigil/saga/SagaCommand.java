package io.vigil.saga;

/**
 * Marker for a command a saga sends to a participant.
 *
 * <p>Implementations are plain immutable value types (records) with value equality. They carry no
 * transport concerns: the transport adapter (the Kafka Streams wiring) maps each concrete type to
 * its wire schema explicitly, never by Java class name.
 */
public interface SagaCommand {}
