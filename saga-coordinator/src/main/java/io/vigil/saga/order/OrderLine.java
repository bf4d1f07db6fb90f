package io.vigil.saga.order;

import java.util.Objects;

/**
 * One line of an order: a quantity of one SKU.
 *
 * @param sku stock keeping unit, not blank
 * @param quantity units, positive
 */
public record OrderLine(String sku, int quantity) {
  public OrderLine {
    Objects.requireNonNull(sku, "sku");
    if (sku.isBlank()) {
      throw new IllegalArgumentException("sku must not be blank");
    }
    if (quantity <= 0) {
      throw new IllegalArgumentException("quantity must be positive, was " + quantity);
    }
  }
}
