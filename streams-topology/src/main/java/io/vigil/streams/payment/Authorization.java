package io.vigil.streams.payment;

import java.math.BigDecimal;

/**
 * The simulated gateway's record of an order's authorization (store {@code payment-authorizations},
 * key order id).
 *
 * @param orderId the order
 * @param customerId the payer
 * @param amount the amount held
 * @param currency ISO 4217 code
 * @param status the authorization's status
 * @param timesAuthorized how often the amount was held for this order; 1 at most (the tests check
 *     "no command applied twice" with it)
 * @param timesVoided how often the hold was released; 1 at most
 */
public record Authorization(
    String orderId,
    String customerId,
    BigDecimal amount,
    String currency,
    Status status,
    int timesAuthorized,
    int timesVoided) {

  /** Authorization states. */
  public enum Status {
    /** The amount is held. */
    AUTHORIZED,
    /** The hold was released (the saga compensated the payment). */
    VOIDED
  }
}
