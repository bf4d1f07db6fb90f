package io.vigil.saga.order;

import java.util.Objects;

/**
 * Mark the order confirmed; the last step, with no compensation. The reservation and the
 * authorization stay in place for fulfilment.
 *
 * @param orderId the order
 */
public record ConfirmOrder(String orderId) implements OrderSagaCommand {
  public ConfirmOrder {
    Objects.requireNonNull(orderId, "orderId");
  }
}
