package io.vigil.saga.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Authorize (hold) the order's amount on the customer's means of payment; a decline is a
 * non-transient failure.
 *
 * @param orderId the order
 * @param customerId the payer
 * @param amount the amount to hold
 * @param currency ISO 4217 code
 */
public record AuthorizePayment(
    String orderId, String customerId, BigDecimal amount, String currency)
    implements OrderSagaCommand {
  public AuthorizePayment {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
  }
}
