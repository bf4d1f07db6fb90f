package io.vigil.streams.orchestrator;

import io.vigil.orders.OrderPlaced;
import io.vigil.orders.OrderState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The order as the saga application sees it: what was placed, how far its saga got, and whether the
 * {@code orders} participant confirmed it. Stored per order id in {@code orders-view} and published
 * to {@code orders.status} on every saga transition.
 *
 * @param orderId the order (and saga) id
 * @param customerId who placed it
 * @param lines the ordered lines, with unit prices
 * @param total the order total
 * @param currency ISO 4217 code of the total
 * @param status the order state derived from the saga
 * @param reason why it was cancelled or failed, else {@code null}
 * @param confirmed whether ConfirmOrder was applied (the order is final)
 * @param placedAt when the saga started (epoch millis, wall clock)
 * @param updatedAt the last transition (epoch millis, wall clock)
 */
public record OrderView(
    String orderId,
    String customerId,
    List<Line> lines,
    BigDecimal total,
    String currency,
    OrderState status,
    String reason,
    boolean confirmed,
    long placedAt,
    long updatedAt) {

  public OrderView {
    Objects.requireNonNull(orderId, "orderId");
    lines = lines == null ? List.of() : List.copyOf(lines);
    Objects.requireNonNull(status, "status");
  }

  /**
   * One ordered line.
   *
   * @param sku the SKU
   * @param quantity units
   * @param unitPrice price of one unit in the order's currency
   */
  public record Line(String sku, int quantity, BigDecimal unitPrice) {}

  /** The view of a freshly placed order. */
  public static OrderView placed(String orderId, OrderPlaced placed, long now) {
    List<Line> lines =
        placed.getLines().stream()
            .map(l -> new Line(l.getSku(), l.getQuantity(), l.getUnitPrice()))
            .toList();
    return new OrderView(
        orderId,
        placed.getCustomerId(),
        lines,
        placed.getTotal(),
        placed.getCurrency(),
        OrderState.PENDING,
        null,
        false,
        now,
        now);
  }

  /** A copy in {@code newStatus}. */
  public OrderView withStatus(OrderState newStatus, String newReason, long now) {
    return new OrderView(
        orderId,
        customerId,
        lines,
        total,
        currency,
        newStatus,
        newReason,
        confirmed,
        placedAt,
        now);
  }

  /** A copy marked confirmed. */
  public OrderView confirm(long now) {
    return new OrderView(
        orderId, customerId, lines, total, currency, status, reason, true, placedAt, now);
  }

  /** Whether the order can no longer change. */
  public boolean isTerminal() {
    return status == OrderState.COMPLETED
        || status == OrderState.CANCELLED
        || status == OrderState.FAILED;
  }
}
