package io.vigil.streams;

/**
 * Names of every state store (and so of its changelog topic {@code
 * <application.id>-<name>-changelog}) and of the internal repartition topic. Renaming one orphans
 * its data: treat them as schema.
 */
public final class StoreNames {

  /** Saga state per order id: {@code SagaStateCodec} bytes. The saga's source of truth. */
  public static final String SAGA_STATE = "saga-state";

  /** Saga timer index: due-time-ordered key {@code <due>|<timerId>} → saga id. */
  public static final String SAGA_TIMERS = "saga-timers";

  /** Order view per order id (JSON {@code OrderView}); what {@code orders.status} publishes. */
  public static final String ORDERS_VIEW = "orders-view";

  /** Final outcomes of the in-topology {@code orders} participant (ConfirmOrder). */
  public static final String ORDERS_PROCESSED = "orders-processed-commands";

  /** Inventory, per order: the aggregation of per-SKU results of a reserve or release. */
  public static final String INVENTORY_ORDER_RESERVATIONS = "inventory-order-reservations";

  /** Inventory, per order: final outcomes by idempotency key ({@code sagaId:step}). */
  public static final String INVENTORY_PROCESSED = "inventory-processed-commands";

  /** Inventory, per SKU: available and reserved units. */
  public static final String INVENTORY_STOCK = "inventory-stock";

  /** Inventory, per SKU and order ({@code <sku>|<orderId>}): the reservation ledger. */
  public static final String INVENTORY_SKU_RESERVATIONS = "inventory-sku-reservations";

  /** Payment: authorizations waiting for their simulated gateway latency, due-time ordered. */
  public static final String PAYMENT_PENDING = "payment-pending-calls";

  /** Payment: final outcomes by idempotency key. */
  public static final String PAYMENT_PROCESSED = "payment-processed-commands";

  /** Payment: the authorization of each order. */
  public static final String PAYMENT_AUTHORIZATIONS = "payment-authorizations";

  /** Repartition topic {@code <application.id>-inventory-sku-results-repartition}, key order. */
  public static final String SKU_RESULTS_TOPIC = "inventory-sku-results";

  private StoreNames() {}
}
