package io.vigil.saga.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The data of one order saga, taken from {@code OrderPlaced}.
 *
 * @param orderId the order id, also the saga id ({@link OrderSaga#sagaIdOf})
 * @param customerId the paying customer
 * @param lines the SKU lines: at least one, each SKU once
 * @param amount the total to authorize, not negative (money as {@link BigDecimal}, never double)
 * @param currency ISO 4217 code, three upper-case letters
 */
public record OrderData(
    String orderId, String customerId, List<OrderLine> lines, BigDecimal amount, String currency) {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  public OrderData {
    requireNotBlank(orderId, "orderId");
    requireNotBlank(customerId, "customerId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("an order has at least one line");
    }
    if (lines.stream().map(OrderLine::sku).distinct().count() != lines.size()) {
      throw new IllegalArgumentException("each SKU appears on one line only: " + lines);
    }
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("amount must not be negative, was " + amount);
    }
    if (!CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code, was " + currency);
    }
  }

  private static void requireNotBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
