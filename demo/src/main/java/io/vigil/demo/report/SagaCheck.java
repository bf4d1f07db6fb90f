package io.vigil.demo.report;

import io.vigil.saga.SagaState;
import io.vigil.saga.SagaStatus;
import io.vigil.saga.order.OrderData;
import io.vigil.streams.inventory.SkuReservation;
import io.vigil.streams.inventory.Stock;
import io.vigil.streams.payment.Authorization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The saga invariants of DESIGN.md, checked on the order-saga stores after a run — the same rules
 * as the streams-topology ITs' {@code SagaInvariants}, but collecting violations for a report
 * instead of failing an assertion: every placed order has a saga and every saga is terminal, none
 * needs a human (FAILED); reserved stock equals the units of completed orders and no unit is lost;
 * each (SKU, order) was reserved at most once and is held exactly when its order completed; no
 * payment stays authorized for a cancelled order.
 */
public final class SagaCheck {
  /** At most this many violations are listed (all are counted). */
  static final int MAX_LISTED = 20;

  private SagaCheck() {}

  /** Outcome of the check. */
  public record Summary(
      int ordersPlaced,
      int sagas,
      Map<String, Integer> byStatus,
      Map<String, Integer> cancelReasons,
      int violationCount,
      List<String> violations) {

    /** Sagas in a terminal status. */
    public int terminal() {
      return byStatus.getOrDefault("COMPLETED", 0)
          + byStatus.getOrDefault("CANCELLED", 0)
          + byStatus.getOrDefault("FAILED", 0);
    }

    /** Whether every invariant holds. */
    public boolean holds() {
      return violationCount == 0;
    }
  }

  /**
   * Checks the stores.
   *
   * @param placed ids of the orders the demo placed
   * @param sagas {@code saga-state}, decoded
   * @param seeded units given to each SKU at start
   * @param stock {@code inventory-stock}
   * @param ledger {@code inventory-sku-reservations}
   * @param authorizations {@code payment-authorizations}
   */
  public static Summary check(
      Collection<String> placed,
      Map<String, SagaState<OrderData>> sagas,
      Map<String, Long> seeded,
      Map<String, Stock> stock,
      Map<String, SkuReservation> ledger,
      Map<String, Authorization> authorizations) {
    List<String> violations = new ArrayList<>();
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> reasons = new TreeMap<>();
    for (SagaState<OrderData> s : sagas.values()) {
      byStatus.merge(s.status().name(), 1, Integer::sum);
      if (s.status() == SagaStatus.CANCELLED) {
        reasons.merge(reasonKind(s.reason().orElse("")), 1, Integer::sum);
      }
    }
    for (String id : placed) {
      if (!sagas.containsKey(id)) {
        violations.add("order " + id + " has no saga");
      }
    }
    for (SagaState<OrderData> s : sagas.values()) {
      if (!s.isTerminal()) {
        violations.add("saga " + s.sagaId() + " is not terminal: " + s.status());
      } else if (s.status() == SagaStatus.FAILED) {
        violations.add("saga " + s.sagaId() + " FAILED (needs a human): " + s.incident());
      }
    }
    Set<String> completed = ids(sagas, SagaStatus.COMPLETED);
    Set<String> cancelled = ids(sagas, SagaStatus.CANCELLED);
    Map<String, Long> confirmedUnits = new HashMap<>();
    for (String id : completed) {
      sagas
          .get(id)
          .data()
          .lines()
          .forEach(l -> confirmedUnits.merge(l.sku(), (long) l.quantity(), Long::sum));
    }
    for (Map.Entry<String, Long> sku : new TreeMap<>(seeded).entrySet()) {
      Stock s = stock.get(sku.getKey());
      if (s == null) {
        violations.add("no stock record for seeded " + sku.getKey());
        continue;
      }
      long expected = confirmedUnits.getOrDefault(sku.getKey(), 0L);
      if (s.reserved() != expected) {
        violations.add(
            sku.getKey()
                + ": "
                + s.reserved()
                + " units reserved, completed orders hold "
                + expected);
      }
      if (s.available() + s.reserved() != sku.getValue()) {
        violations.add(
            sku.getKey()
                + ": "
                + (s.available() + s.reserved())
                + " units in all, "
                + sku.getValue()
                + " seeded");
      }
    }
    for (SkuReservation entry : ledger.values()) {
      if (entry.timesReserved() > 1) {
        violations.add(entry + " reserved " + entry.timesReserved() + " times");
      }
      boolean held = entry.status() == SkuReservation.Status.RESERVED;
      if (held != completed.contains(entry.orderId())) {
        violations.add(entry + (held ? " held for an order that did not complete" : " not held"));
      }
    }
    for (String id : cancelled) {
      Authorization auth = authorizations.get(id);
      if (auth != null && auth.status() != Authorization.Status.VOIDED) {
        violations.add("cancelled order " + id + " still " + auth.status());
      }
    }
    int count = violations.size();
    return new Summary(
        placed.size(),
        sagas.size(),
        byStatus,
        reasons,
        count,
        List.copyOf(violations.subList(0, Math.min(count, MAX_LISTED))));
  }

  private static Set<String> ids(Map<String, SagaState<OrderData>> sagas, SagaStatus status) {
    Set<String> ids = new java.util.HashSet<>();
    sagas.forEach(
        (id, s) -> {
          if (s.status() == status) {
            ids.add(id);
          }
        });
    return ids;
  }

  /** A short reason for grouping: "out of stock", "declined", else the reason's first words. */
  static String reasonKind(String reason) {
    String lower = reason.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("out of stock")) {
      return "out of stock";
    }
    if (lower.contains("declin")) {
      return "payment declined";
    }
    if (lower.contains("timeout") || lower.contains("timed out")) {
      return "timed out";
    }
    return reason.length() > 40 ? reason.substring(0, 40) + "…" : reason;
  }
}
