package io.vigil.streams.wire;

import io.vigil.common.OrderLine;
import io.vigil.saga.CommandId;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.Outcome;
import io.vigil.saga.Participant;
import io.vigil.saga.PaymentCommand;
import io.vigil.saga.order.AuthorizePayment;
import io.vigil.saga.order.OrderSagaCommand;
import io.vigil.saga.order.ReleaseInventory;
import io.vigil.saga.order.ReserveInventory;
import io.vigil.saga.order.VoidPayment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The explicit mapping between the saga engine's command records and the Avro envelopes of the
 * command and reply topics (never by class name). Commands travel as {@code InventoryCommand} /
 * {@code PaymentCommand} with a union payload; replies as {@code SagaReply} ({@link
 * ParticipantReply}).
 *
 * <p>Two gaps between the engine's records and the Avro schemas are bridged here: the engine's
 * order lines carry no unit price while the Avro {@code OrderLine} requires one (the orchestrator
 * passes the prices of the placed order), and the Avro {@code VoidPayment} carries only a reason
 * (the payment participant takes amount and payer from its authorization record).
 */
public final class SagaWire {

  /** Money scale of every Avro decimal (precision 18, scale 2). */
  public static final int MONEY_SCALE = 2;

  private SagaWire() {}

  /**
   * The Avro envelope of an inventory command.
   *
   * @param unitPrices unit price per SKU of the placed order
   */
  public static InventoryCommand inventoryCommand(
      CommandId id, OrderSagaCommand command, Map<String, BigDecimal> unitPrices, Instant at) {
    Object payload;
    if (command instanceof ReserveInventory reserve) {
      payload =
          io.vigil.saga.ReserveInventory.newBuilder()
              .setLines(lines(reserve.lines(), unitPrices))
              .build();
    } else if (command instanceof ReleaseInventory release) {
      payload =
          io.vigil.saga.ReleaseInventory.newBuilder()
              .setLines(lines(release.lines(), unitPrices))
              .setReason("saga " + id.sagaId() + " compensates " + id.step())
              .build();
    } else {
      throw new IllegalArgumentException(
          "not an inventory command: " + command.getClass().getSimpleName());
    }
    return InventoryCommand.newBuilder()
        .setEventId(EventIds.of("command", id.toString()))
        .setOccurredAt(at)
        .setCommandId(id.toString())
        .setSagaId(id.sagaId())
        .setOrderId(command.orderId())
        .setPayload(payload)
        .build();
  }

  /** The Avro envelope of a payment command. */
  public static PaymentCommand paymentCommand(CommandId id, OrderSagaCommand command, Instant at) {
    Object payload;
    if (command instanceof AuthorizePayment authorize) {
      payload =
          io.vigil.saga.AuthorizePayment.newBuilder()
              .setAmount(money(authorize.amount()))
              .setCurrency(authorize.currency())
              .setCustomerId(authorize.customerId())
              .build();
    } else if (command instanceof VoidPayment) {
      payload =
          io.vigil.saga.VoidPayment.newBuilder()
              .setReason("saga " + id.sagaId() + " compensates " + id.step())
              .build();
    } else {
      throw new IllegalArgumentException(
          "not a payment command: " + command.getClass().getSimpleName());
    }
    return PaymentCommand.newBuilder()
        .setEventId(EventIds.of("command", id.toString()))
        .setOccurredAt(at)
        .setCommandId(id.toString())
        .setSagaId(id.sagaId())
        .setOrderId(command.orderId())
        .setPayload(payload)
        .build();
  }

  /** The engine's lines of an Avro line list. */
  public static List<io.vigil.saga.order.OrderLine> sagaLines(List<OrderLine> lines) {
    return lines.stream()
        .map(l -> new io.vigil.saga.order.OrderLine(l.getSku(), l.getQuantity()))
        .toList();
  }

  /**
   * A reply from {@code participant} to command {@code commandId}.
   *
   * @param orderId the order (record key)
   */
  public static ParticipantReply reply(
      String commandId, String orderId, Participant participant, Outcome outcome, Instant at) {
    CommandId id = CommandId.parse(commandId);
    boolean success = outcome instanceof Outcome.Success;
    Outcome.Failure failure = success ? null : (Outcome.Failure) outcome;
    return new ParticipantReply(
        EventIds.of("reply", commandId, success ? "ok" : "failed"),
        at,
        commandId,
        id.sagaId(),
        orderId,
        participant,
        success,
        success ? null : failure.reason(),
        !success && failure.transientFailure());
  }

  /**
   * The engine's outcome of a reply. An empty failure reason becomes a placeholder, since the
   * engine requires one.
   */
  public static Outcome outcome(ParticipantReply reply) {
    if (reply.success()) {
      return new Outcome.Success();
    }
    String reason = reply.failureReason();
    return new Outcome.Failure(
        reason == null || reason.isBlank() ? "failed without a reason" : reason,
        reply.transientFailure());
  }

  /** {@code amount} with the Avro money scale; never rounds (a finer amount is a bug). */
  public static BigDecimal money(BigDecimal amount) {
    return amount.setScale(MONEY_SCALE, RoundingMode.UNNECESSARY);
  }

  private static List<OrderLine> lines(
      List<io.vigil.saga.order.OrderLine> lines, Map<String, BigDecimal> unitPrices) {
    return lines.stream()
        .map(
            l ->
                OrderLine.newBuilder()
                    .setSku(l.sku())
                    .setQuantity(l.quantity())
                    .setUnitPrice(money(unitPrices.getOrDefault(l.sku(), BigDecimal.ZERO)))
                    .build())
        .toList();
  }
}
