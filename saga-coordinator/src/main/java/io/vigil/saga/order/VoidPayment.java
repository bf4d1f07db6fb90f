package io.vigil.saga.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Compensation of {@link AuthorizePayment}: void the order's authorization. Succeeds when the order
 * has no authorization (nothing to undo).
 *
 * @param orderId the order
 * @param customerId the payer
 * @param amount the authorized amount
 * @param currency ISO 4217 code
 */
public record VoidPayment(String orderId, String customerId, BigDecimal amount, String currency)
    implements OrderSagaCommand {
  public VoidPayment {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
  }
}
