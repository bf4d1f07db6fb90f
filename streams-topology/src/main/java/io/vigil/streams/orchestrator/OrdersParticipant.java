package io.vigil.streams.orchestrator;

import io.vigil.saga.Outcome;
import io.vigil.saga.order.ConfirmOrder;
import io.vigil.saga.order.OrderSaga;
import io.vigil.saga.participant.ParticipantHandlers;
import java.util.function.Consumer;

/**
 * The {@code orders} participant, which owns the order record and applies the saga's last step,
 * ConfirmOrder: it marks the order confirmed (final) and announces OrderConfirmed.
 *
 * <p>It runs inside the orchestrator's task rather than behind a command topic: the order record
 * ({@code orders-view}) lives in the same store partition as the saga, so confirming is a local
 * write in the same exactly-once transaction as the saga's transition — no extra topic, no timeout
 * to tune, and a saga never waits on its own application. It still goes through {@link
 * ParticipantHandlers} with its own processed-commands store, so the participant contract
 * (idempotency, compensation rules) holds if it is ever moved out.
 */
public final class OrdersParticipant {

  private OrdersParticipant() {}

  /**
   * The handler table.
   *
   * @param confirm marks the order with the given id confirmed and announces it; only called once
   *     per saga
   */
  public static ParticipantHandlers handlers(Consumer<String> confirm) {
    return ParticipantHandlers.builder(OrderSaga.ORDERS)
        .on(
            ConfirmOrder.class,
            command -> {
              confirm.accept(command.orderId());
              return new Outcome.Success();
            })
        .build();
  }
}
