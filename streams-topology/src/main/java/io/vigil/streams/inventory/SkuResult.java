package io.vigil.streams.inventory;

import io.vigil.inventory.SkuOperation;

/**
 * The answer of one SKU's stock to a {@link io.vigil.inventory.SkuRequest}; keyed by order id on
 * the internal {@code inventory-sku-results} repartition topic so that the order's aggregation gets
 * it.
 *
 * @param op the request's operation
 * @param orderId the order
 * @param sku the SKU
 * @param success whether the units are reserved (RESERVE) or not reserved any more (RELEASE)
 * @param reason why a reservation was refused, else {@code null}
 */
public record SkuResult(
    SkuOperation op, String orderId, String sku, boolean success, String reason) {}
