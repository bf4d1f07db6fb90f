package io.vigil.streams.inventory;

/**
 * The stock of one SKU. Only the task owning the SKU's partition writes it, one request at a time,
 * so a unit is never reserved twice.
 *
 * @param sku the SKU
 * @param available units that can be reserved
 * @param reserved units reserved by orders (not yet shipped)
 */
public record Stock(String sku, long available, long reserved) {

  /** An SKU never seen: nothing available. */
  public static Stock empty(String sku) {
    return new Stock(sku, 0, 0);
  }
}
