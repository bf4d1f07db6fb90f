package io.vigil.simulator;

import io.vigil.common.OrderLine;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a simulated order.
 *
 * @param sku SKU from the estate's catalogue
 * @param quantity units, {@code > 0}
 * @param unitPrice price of one unit, scale 2
 */
public record OrderLineSpec(String sku, int quantity, BigDecimal unitPrice) {

  /** Validates. */
  public OrderLineSpec {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(unitPrice, "unitPrice");
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be > 0, was " + quantity);
    }
  }

  /** Price of the line: quantity x unit price. */
  public BigDecimal amount() {
    return unitPrice.multiply(BigDecimal.valueOf(quantity));
  }

  /** The Avro order line. */
  public OrderLine toAvro() {
    return new OrderLine(sku, quantity, unitPrice);
  }
}
