/**
 * A pure, deterministic saga engine: declarative {@link io.vigil.saga.SagaDefinition}s of steps
 * with compensations, reply timeouts and retry policies, run by {@link io.vigil.saga.SagaEngine} as
 * a function from ({@link io.vigil.saga.SagaState}, {@link io.vigil.saga.SagaInput}) to a {@link
 * io.vigil.saga.Decision} (new state, commands, timers, lifecycle events).
 *
 * <p>No transport, no clock, no dependency beyond the JDK: a Kafka Streams processor (or a test)
 * stores the state, feeds replies and timer firings, and emits what the decisions say. Command ids
 * follow {@link io.vigil.saga.CommandId}; participants follow the contract of {@link
 * io.vigil.saga.participant.ParticipantHandlers}.
 */
package io.vigil.saga;
