/**
 * The participant side of a saga: declarative handler tables with the idempotency contract every
 * participant follows ({@link io.vigil.saga.participant.ParticipantHandlers}).
 */
package io.vigil.saga.participant;
