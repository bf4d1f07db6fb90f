package io.vigil.streams.inventory;

/**
 * The ledger entry of one order on one SKU, key {@code <sku>|<orderId>}: the participant's record
 * of what it applied for that order there, which makes reserve and release idempotent.
 *
 * @param sku the SKU
 * @param orderId the order
 * @param status where the reservation is
 * @param quantity units reserved (or requested, when rejected)
 * @param timesReserved how often units were taken from stock for this entry; 1 at most (checked by
 *     the tests as "no command applied twice")
 */
public record SkuReservation(
    String sku, String orderId, Status status, int quantity, int timesReserved) {

  /** Ledger states. */
  public enum Status {
    /** Units taken from the available stock for the order. */
    RESERVED,
    /** Units given back, or a release arrived first (which blocks a later reserve). */
    RELEASED,
    /** Not enough stock: nothing was taken. */
    REJECTED
  }

  /** The ledger key of an order on a SKU. */
  public static String key(String sku, String orderId) {
    return sku + '|' + orderId;
  }

  /** First ledger key of a SKU (for a prefix scan). */
  public static String firstKeyOf(String sku) {
    return sku + '|';
  }

  /** Last ledger key of a SKU (for a prefix scan). */
  public static String lastKeyOf(String sku) {
    return sku + '|' + '\uffff';
  }
}
