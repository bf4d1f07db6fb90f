package io.vigil.simulator;

import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An order a simulated customer places, as a plain value: the demo writes it through the outbox of
 * the sample order service; without an order consumer the simulator writes it as {@link
 * OrderPlaced} on {@code orders.events}.
 *
 * @param orderId order id, {@code ord-<16 hex>}
 * @param customerId customer, {@code cust-NNNNN} of a registered user
 * @param lines one to four lines of distinct SKUs
 * @param currency ISO 4217 code ({@code EUR})
 * @param placedAt virtual time the order is placed, millisecond precision
 */
public record OrderSpec(
    String orderId,
    String customerId,
    List<OrderLineSpec> lines,
    String currency,
    Instant placedAt) {

  /** Validates and copies. */
  public OrderSpec {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(placedAt, "placedAt");
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(orderId + ": an order has at least one line");
    }
  }

  /** Sum of the lines, scale 2. */
  public BigDecimal total() {
    BigDecimal sum = BigDecimal.ZERO;
    for (OrderLineSpec line : lines) {
      sum = sum.add(line.amount());
    }
    return sum.setScale(2, RoundingMode.UNNECESSARY);
  }

  /**
   * The {@link OrderPlaced} event of this order. Its event id is derived from the order id (a
   * name-based UUID), so writing the same order twice yields the same, deduplicable event.
   */
  public OrderEvent toOrderPlaced() {
    return new OrderEvent(
        UUID.nameUUIDFromBytes(("OrderPlaced:" + orderId).getBytes(StandardCharsets.UTF_8))
            .toString(),
        placedAt,
        orderId,
        new OrderPlaced(
            customerId, lines.stream().map(OrderLineSpec::toAvro).toList(), total(), currency));
  }
}
