package io.vigil.streams.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.saga.SagaState;
import io.vigil.saga.order.OrderData;
import io.vigil.streams.inventory.SkuReservation;
import io.vigil.streams.inventory.Stock;
import io.vigil.streams.payment.Authorization;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The saga invariants of DESIGN.md, checked on the stores after a run (shared by the ITs). */
public final class SagaInvariants {
  private SagaInvariants() {}

  /**
   * Reserved stock equals the stock of confirmed orders, no unit is lost, and each (SKU, order) was
   * reserved at most once and is held exactly when its order completed.
   */
  public static void assertStockMatchesConfirmedOrders(
      Map<String, SagaState<OrderData>> sagas,
      Set<String> completed,
      Map<String, Long> seeded,
      Map<String, Stock> stock,
      Map<String, SkuReservation> ledger) {
    Map<String, Long> confirmedUnits = new HashMap<>();
    for (String id : completed) {
      sagas
          .get(id)
          .data()
          .lines()
          .forEach(l -> confirmedUnits.merge(l.sku(), (long) l.quantity(), Long::sum));
    }
    for (Map.Entry<String, Long> sku : seeded.entrySet()) {
      Stock s = stock.get(sku.getKey());
      assertThat(s.reserved())
          .as("reserved units of %s", sku.getKey())
          .isEqualTo(confirmedUnits.getOrDefault(sku.getKey(), 0L));
      assertThat(s.available() + s.reserved())
          .as("units of %s", sku.getKey())
          .isEqualTo(sku.getValue());
    }
    for (SkuReservation entry : ledger.values()) {
      assertThat(entry.timesReserved()).as("reservations of %s", entry).isLessThanOrEqualTo(1);
      boolean held = entry.status() == SkuReservation.Status.RESERVED;
      assertThat(held)
          .as("%s held iff its order completed", entry)
          .isEqualTo(completed.contains(entry.orderId()));
    }
  }

  /** No payment stays authorized for a cancelled order: it is voided or was never made. */
  public static void assertCancelledOrdersNotCharged(
      Set<String> cancelled, Map<String, Authorization> authorizations) {
    for (String id : cancelled) {
      Authorization auth = authorizations.get(id);
      assertThat(auth == null || auth.status() == Authorization.Status.VOIDED)
          .as("authorization of cancelled %s: %s", id, auth)
          .isTrue();
    }
  }
}
