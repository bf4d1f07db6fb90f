package io.vigil.streams.orchestrator;

import io.vigil.orders.OrderEvent;
import io.vigil.streams.wire.ParticipantReply;

/** What the orchestrator consumes, keyed by order id: order events and participant replies. */
public sealed interface OrchestratorInput permits OrchestratorInput.Event, OrchestratorInput.Reply {

  /** A record of {@code orders.events}. */
  record Event(OrderEvent event) implements OrchestratorInput {}

  /** A record of {@code saga.replies}. */
  record Reply(ParticipantReply reply) implements OrchestratorInput {}
}
