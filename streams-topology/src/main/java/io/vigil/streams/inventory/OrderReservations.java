package io.vigil.streams.inventory;

import io.vigil.inventory.SkuOperation;
import io.vigil.inventory.SkuRequest;
import io.vigil.saga.CommandId;
import io.vigil.saga.Outcome;
import io.vigil.saga.Participant;
import io.vigil.saga.participant.ParticipantHandlers;
import io.vigil.saga.participant.ProcessedCommands;
import io.vigil.streams.inventory.OrderReservation.Line;
import io.vigil.streams.inventory.OrderReservation.Stage;
import io.vigil.streams.wire.EventIds;
import io.vigil.streams.wire.SagaWire;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-order half of the inventory participant: it turns the saga's ReserveInventory and
 * ReleaseInventory (keyed by order) into per-SKU requests (keyed by SKU), aggregates the per-SKU
 * results back per order, and answers the saga once per command.
 *
 * <p>Business rules:
 *
 * <ul>
 *   <li><b>All or nothing.</b> An order is reserved only if every line is. If any SKU is short, the
 *       SKUs that were reserved are released first, and only then the saga is told "out of stock",
 *       so a cancelled order never leaves stock reserved.
 *   <li><b>Idempotent by command.</b> Final outcomes are recorded under the command's idempotency
 *       key ({@code sagaId:step}, the attempt left out). A retry while the reservation is in flight
 *       only moves the answer to the newer command id; a retry after it answers the recorded
 *       outcome. The per-SKU side is idempotent per (SKU, order) as well.
 *   <li><b>Compensation.</b> ReleaseInventory gives back every SKU reserved for the order and
 *       succeeds with nothing to undo. If it arrives while the reservation is still in flight (the
 *       saga timed the reservation out), the reservation is blocked for good (its outcome is
 *       recorded as a failure) and every SKU is released behind its reserve request; per-SKU
 *       ordering on the SKU's partition guarantees the release is applied after the reserve.
 * </ul>
 *
 * Follows the contract of {@link ParticipantHandlers}, whose synchronous handler table cannot
 * express a reservation that completes asynchronously across partitions.
 */
final class OrderReservations {

  private final KeyValueStore<String, OrderReservation> reservations;
  private final ProcessedCommands processed;
  private final Consumer<Record<String, InventoryOutput>> out;

  OrderReservations(
      KeyValueStore<String, OrderReservation> reservations,
      ProcessedCommands processed,
      Consumer<Record<String, InventoryOutput>> out) {
    this.reservations = reservations;
    this.processed = processed;
    this.out = out;
  }

  /** ReserveInventory {@code commandId} for the order's {@code lines}. */
  void reserve(String orderId, String commandId, List<Line> lines, long now) {
    CommandId id = CommandId.parse(commandId);
    Optional<Outcome> recorded = processed.find(id.idempotencyKey());
    if (recorded.isPresent()) {
      reply(orderId, commandId, recorded.get(), now);
      return;
    }
    OrderReservation current = reservations.get(orderId);
    if (current != null) {
      // In flight (RESERVING / CLEANING_UP): answer the newest attempt when it completes.
      reservations.put(orderId, current.withReplyTo(commandId));
      return;
    }
    Optional<String> invalid = invalidLines(lines);
    if (invalid.isPresent()) {
      Outcome refused = new Outcome.Failure("invalid reservation: " + invalid.get(), false);
      processed.record(id.idempotencyKey(), refused);
      reply(orderId, commandId, refused, now);
      return;
    }
    reservations.put(orderId, OrderReservation.reserving(orderId, lines, commandId));
    for (Line line : lines) {
      toSku(SkuOperation.RESERVE, commandId, orderId, line.sku(), line.quantity(), now);
    }
  }

  /** ReleaseInventory {@code commandId}: the compensation of the order's reservation. */
  void release(String orderId, String commandId, long now) {
    CommandId id = CommandId.parse(commandId);
    Optional<Outcome> recorded = processed.find(id.idempotencyKey());
    if (recorded.isPresent()) {
      reply(orderId, commandId, recorded.get(), now);
      return;
    }
    OrderReservation current = reservations.get(orderId);
    if (current != null && current.stage() == Stage.RELEASING) {
      // An earlier attempt of this compensation is being carried out.
      reservations.put(orderId, current.withReplyTo(commandId));
      return;
    }
    if (current != null && current.stage() == Stage.RESERVED) {
      releaseAll(current, commandId, current.reserved(), now);
      return;
    }
    if (current != null) {
      // RESERVING or CLEANING_UP: the saga gave up waiting. Block the reservation so it can never
      // answer success, and release every SKU that is or may become reserved.
      processed.record(
          id.actionKey(),
          new Outcome.Failure(ParticipantHandlers.COMPENSATED_BEFORE_APPLIED, false));
      List<String> toRelease =
          current.stage() == Stage.CLEANING_UP
              ? current.awaitingRelease()
              : current.skus().stream()
                  .filter(sku -> current.reserved().contains(sku) || isAwaited(current, sku))
                  .toList();
      if (current.stage() == Stage.CLEANING_UP) {
        // The cleanup releases already out are the ones this compensation needs.
        reservations.put(
            orderId, current.withStage(Stage.RELEASING, commandId, current.awaitingRelease()));
      } else {
        releaseAll(current, commandId, toRelease, now);
      }
      return;
    }
    if (processed.find(id.actionKey()).isEmpty()) {
      // Never seen: block a late reservation, nothing to undo.
      processed.record(
          id.actionKey(),
          new Outcome.Failure(ParticipantHandlers.COMPENSATED_BEFORE_APPLIED, false));
    }
    // The reservation failed (nothing held) or never happened: nothing to undo.
    succeed(orderId, id, commandId, now);
  }

  /** A per-SKU result for the order. */
  void result(SkuResult result, long now) {
    String orderId = result.orderId();
    OrderReservation current = reservations.get(orderId);
    if (current == null) {
      return; // Duplicate of a result already accounted for (the aggregation is complete).
    }
    OrderReservation next =
        result.op() == SkuOperation.RESERVE
            ? current.reserveResult(result.sku(), result.success(), result.reason())
            : current.releaseResult(result.sku());
    switch (next.stage()) {
      case RESERVING -> afterReserveResult(next, now);
      case CLEANING_UP -> {
        if (next.awaitingRelease().isEmpty()) {
          fail(next, now);
        } else {
          reservations.put(orderId, next);
        }
      }
      case RELEASING -> {
        if (next.awaitingRelease().isEmpty()) {
          reservations.delete(orderId);
          succeed(orderId, CommandId.parse(next.replyTo()), next.replyTo(), now);
        } else {
          reservations.put(orderId, next);
        }
      }
      case RESERVED -> {
        // A duplicate result after the reservation completed: nothing changes.
      }
    }
  }

  private void afterReserveResult(OrderReservation next, long now) {
    if (!next.awaitingReserve().isEmpty()) {
      reservations.put(next.orderId(), next);
      return;
    }
    if (next.shortages().isEmpty()) {
      OrderReservation held = next.withStage(Stage.RESERVED, null, List.of());
      reservations.put(next.orderId(), held);
      CommandId id = CommandId.parse(next.replyTo());
      processed.record(id.idempotencyKey(), new Outcome.Success());
      reply(next.orderId(), next.replyTo(), new Outcome.Success(), now);
      return;
    }
    if (next.reserved().isEmpty()) {
      fail(next, now);
      return;
    }
    // All or nothing: give the reserved SKUs back before answering "out of stock".
    reservations.put(
        next.orderId(), next.withStage(Stage.CLEANING_UP, next.replyTo(), next.reserved()));
    for (String sku : next.reserved()) {
      toSku(SkuOperation.RELEASE, next.replyTo(), next.orderId(), sku, 0, now);
    }
  }

  private void fail(OrderReservation reservation, long now) {
    reservations.delete(reservation.orderId());
    Outcome outOfStock =
        new Outcome.Failure("out of stock: " + String.join(", ", reservation.shortages()), false);
    CommandId id = CommandId.parse(reservation.replyTo());
    processed.record(id.idempotencyKey(), outOfStock);
    reply(reservation.orderId(), reservation.replyTo(), outOfStock, now);
  }

  private void releaseAll(OrderReservation current, String commandId, List<String> skus, long now) {
    if (skus.isEmpty()) {
      reservations.delete(current.orderId());
      succeed(current.orderId(), CommandId.parse(commandId), commandId, now);
      return;
    }
    reservations.put(current.orderId(), current.withStage(Stage.RELEASING, commandId, skus));
    for (String sku : skus) {
      toSku(SkuOperation.RELEASE, commandId, current.orderId(), sku, 0, now);
    }
  }

  private void succeed(String orderId, CommandId id, String commandId, long now) {
    processed.record(id.idempotencyKey(), new Outcome.Success());
    reply(orderId, commandId, new Outcome.Success(), now);
  }

  private static boolean isAwaited(OrderReservation reservation, String sku) {
    return reservation.awaitingReserve().contains(sku);
  }

  private static Optional<String> invalidLines(List<Line> lines) {
    if (lines.isEmpty()) {
      return Optional.of("no lines");
    }
    if (new HashSet<>(lines.stream().map(Line::sku).toList()).size() != lines.size()) {
      return Optional.of("a SKU appears on several lines");
    }
    return lines.stream()
        .filter(l -> l.sku() == null || l.sku().isBlank() || l.quantity() <= 0)
        .findFirst()
        .map(l -> "invalid line " + l);
  }

  private void toSku(
      SkuOperation operation,
      String commandId,
      String orderId,
      String sku,
      int quantity,
      long now) {
    SkuRequest request =
        SkuRequest.newBuilder()
            .setEventId(EventIds.of("sku-request", commandId, operation.name(), sku))
            .setOccurredAt(Instant.ofEpochMilli(now))
            .setCommandId(commandId)
            .setOrderId(orderId)
            .setSku(sku)
            .setOperation(operation)
            .setQuantity(quantity)
            .build();
    out.accept(new Record<>(sku, new InventoryOutput.ToSku(request), now));
  }

  private void reply(String orderId, String commandId, Outcome outcome, long now) {
    out.accept(
        new Record<>(
            orderId,
            new InventoryOutput.Reply(
                SagaWire.reply(
                    commandId, orderId, Participant.INVENTORY, outcome, Instant.ofEpochMilli(now))),
            now));
  }
}
