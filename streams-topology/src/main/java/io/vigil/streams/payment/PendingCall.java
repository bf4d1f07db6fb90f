package io.vigil.streams.payment;

import java.math.BigDecimal;

/**
 * An authorization waiting for the simulated gateway latency (store {@code payment-pending-calls},
 * due-time-ordered key).
 *
 * @param commandId the command to answer
 * @param orderId the order (record key of the reply)
 * @param customerId the payer
 * @param amount the amount to hold
 * @param currency ISO 4217 code
 */
public record PendingCall(
    String commandId, String orderId, String customerId, BigDecimal amount, String currency) {}
