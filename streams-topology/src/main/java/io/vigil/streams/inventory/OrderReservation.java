package io.vigil.streams.inventory;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The per-order side of the inventory participant, key order id: the lines of the order and the
 * per-SKU results still awaited for the reservation or its release. Immutable; the "with" methods
 * return copies. An entry exists while a reservation is in flight or held; it is deleted once the
 * reservation failed (and was cleaned up) or was released.
 *
 * @param orderId the order
 * @param lines what the order reserves
 * @param stage where the order's reservation is
 * @param replyTo the command id answered when the stage completes (the latest attempt received)
 * @param awaitingReserve SKUs whose reserve result has not arrived
 * @param awaitingRelease SKUs whose release result has not arrived
 * @param reserved SKUs reserved for the order according to the results so far
 * @param shortages SKUs that could not be reserved, with the reason
 */
public record OrderReservation(
    String orderId,
    List<Line> lines,
    Stage stage,
    String replyTo,
    List<String> awaitingReserve,
    List<String> awaitingRelease,
    List<String> reserved,
    List<String> shortages) {

  public OrderReservation {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(stage, "stage");
    lines = copy(lines);
    awaitingReserve = sorted(awaitingReserve);
    awaitingRelease = sorted(awaitingRelease);
    reserved = sorted(reserved);
    shortages = copy(shortages);
  }

  /**
   * One line to reserve.
   *
   * @param sku the SKU
   * @param quantity units, positive
   */
  public record Line(String sku, int quantity) {}

  /** Where an order's reservation is. */
  public enum Stage {
    /** Reserve requests are out; waiting for every SKU's result. */
    RESERVING,
    /** Some SKU was short: giving back the SKUs that were reserved before answering failure. */
    CLEANING_UP,
    /** Every line is reserved and the saga was told so. */
    RESERVED,
    /** The saga's ReleaseInventory is being carried out SKU by SKU. */
    RELEASING
  }

  /** A reservation just requested. */
  public static OrderReservation reserving(String orderId, List<Line> lines, String replyTo) {
    List<String> skus = lines.stream().map(Line::sku).toList();
    return new OrderReservation(
        orderId, lines, Stage.RESERVING, replyTo, skus, List.of(), List.of(), List.of());
  }

  /** The SKUs of the order. */
  public List<String> skus() {
    return lines.stream().map(Line::sku).toList();
  }

  OrderReservation withReplyTo(String commandId) {
    return new OrderReservation(
        orderId, lines, stage, commandId, awaitingReserve, awaitingRelease, reserved, shortages);
  }

  OrderReservation withStage(Stage newStage, String commandId, List<String> newAwaitingRelease) {
    return new OrderReservation(
        orderId,
        lines,
        newStage,
        commandId,
        awaitingReserve,
        newAwaitingRelease,
        reserved,
        shortages);
  }

  /** The state after a reserve result for {@code sku}; a result not awaited changes nothing. */
  OrderReservation reserveResult(String sku, boolean success, String reason) {
    if (!awaitingReserve.contains(sku)) {
      return this;
    }
    TreeSet<String> newReserved = new TreeSet<>(reserved);
    List<String> newShortages = new java.util.ArrayList<>(shortages);
    if (success) {
      newReserved.add(sku);
    } else {
      newShortages.add(reason == null ? sku : reason);
    }
    return new OrderReservation(
        orderId,
        lines,
        stage,
        replyTo,
        without(awaitingReserve, sku),
        awaitingRelease,
        List.copyOf(newReserved),
        newShortages);
  }

  /** The state after a release result for {@code sku}: it is no longer reserved for the order. */
  OrderReservation releaseResult(String sku) {
    return new OrderReservation(
        orderId,
        lines,
        stage,
        replyTo,
        awaitingReserve,
        without(awaitingRelease, sku),
        without(reserved, sku),
        shortages);
  }

  private static List<String> without(List<String> values, String value) {
    return values.stream().filter(v -> !v.equals(value)).toList();
  }

  private static <T> List<T> copy(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }

  private static List<String> sorted(List<String> values) {
    return values == null ? List.of() : List.copyOf(new TreeSet<>(values));
  }
}
