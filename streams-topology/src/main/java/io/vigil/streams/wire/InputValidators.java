package io.vigil.streams.wire;

import io.vigil.inventory.SkuOperation;
import io.vigil.inventory.SkuRequest;
import io.vigil.inventory.StockAdjustment;
import io.vigil.orders.OrderCancelled;
import io.vigil.orders.OrderConfirmed;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.saga.AuthorizePayment;
import io.vigil.saga.CommandId;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.PaymentCommand;
import io.vigil.saga.ReleaseInventory;
import io.vigil.saga.ReserveInventory;
import io.vigil.saga.VoidPayment;
import io.vigil.saga.order.OrderData;
import io.vigil.streams.poison.InputValidator;
import io.vigil.streams.poison.PoisonRecordException;

/**
 * What makes a decoded input record poison, per topic. Every topic is keyed by the id the value
 * carries (order id or SKU): a record whose key differs was partitioned by something else and would
 * reach the wrong task's state, so it is rejected rather than processed.
 */
public final class InputValidators {

  private InputValidators() {}

  /**
   * {@code orders.events}: key = orderId; the payload is a known event type; an OrderPlaced must
   * make valid saga data (lines, SKUs once each, positive quantities, amount, currency).
   */
  public static InputValidator<OrderEvent> orderEvents() {
    return (key, event) -> {
      requireKey(key, event.getOrderId(), "orderId");
      Object payload = event.getPayload();
      if (payload instanceof OrderPlaced placed) {
        orderData(key, placed);
      } else if (!(payload instanceof OrderConfirmed || payload instanceof OrderCancelled)) {
        throw unknownPayload(payload);
      }
    };
  }

  /** {@code saga.replies}: key = orderId; a well-formed command id of this order's saga. */
  public static InputValidator<ParticipantReply> sagaReplies() {
    return (key, reply) -> {
      requireKey(key, reply.orderId(), "orderId");
      requireCommandId(reply.commandId(), reply.sagaId());
    };
  }

  /** {@code saga.inventory.commands}: key = orderId; well-formed command id; known payload. */
  public static InputValidator<InventoryCommand> inventoryCommands() {
    return (key, command) -> {
      requireKey(key, command.getOrderId(), "orderId");
      requireCommandId(command.getCommandId(), command.getSagaId());
      Object payload = command.getPayload();
      if (!(payload instanceof ReserveInventory || payload instanceof ReleaseInventory)) {
        throw unknownPayload(payload);
      }
    };
  }

  /** {@code saga.payment.commands}: key = orderId; well-formed command id; known payload. */
  public static InputValidator<PaymentCommand> paymentCommands() {
    return (key, command) -> {
      requireKey(key, command.getOrderId(), "orderId");
      requireCommandId(command.getCommandId(), command.getSagaId());
      Object payload = command.getPayload();
      if (!(payload instanceof AuthorizePayment || payload instanceof VoidPayment)) {
        throw unknownPayload(payload);
      }
    };
  }

  /** {@code inventory.stock-adjustments}: key = sku. */
  public static InputValidator<StockAdjustment> stockAdjustments() {
    return (key, adjustment) -> requireKey(key, adjustment.getSku(), "sku");
  }

  /**
   * {@code inventory.sku-requests}: key = sku; a known operation; a positive quantity to reserve; a
   * well-formed command id.
   */
  public static InputValidator<SkuRequest> skuRequests() {
    return (key, request) -> {
      requireKey(key, request.getSku(), "sku");
      if (request.getOperation() == SkuOperation.UNKNOWN) {
        throw new PoisonRecordException("unknown SKU operation");
      }
      if (request.getOperation() == SkuOperation.RESERVE && request.getQuantity() <= 0) {
        throw new PoisonRecordException("reserve of " + request.getQuantity() + " units");
      }
      if (CommandId.tryParse(request.getCommandId()).isEmpty()) {
        throw new PoisonRecordException("malformed command id '" + request.getCommandId() + "'");
      }
    };
  }

  /**
   * The saga data of an OrderPlaced.
   *
   * @throws PoisonRecordException if it is not valid saga data
   */
  public static OrderData orderData(String orderId, OrderPlaced placed) {
    try {
      return new OrderData(
          orderId,
          placed.getCustomerId(),
          SagaWire.sagaLines(placed.getLines()),
          placed.getTotal(),
          placed.getCurrency());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new PoisonRecordException("invalid OrderPlaced: " + e.getMessage(), e);
    }
  }

  private static void requireKey(String key, String id, String field) {
    if (!key.equals(id)) {
      throw new PoisonRecordException(
          "record key '" + key + "' is not the " + field + " '" + id + "' of the value");
    }
  }

  private static void requireCommandId(String commandId, String sagaId) {
    CommandId id =
        CommandId.tryParse(commandId)
            .orElseThrow(
                () ->
                    new PoisonRecordException(
                        "malformed command id '" + commandId + "' (want sagaId:step:attempt)"));
    if (!id.sagaId().equals(sagaId)) {
      throw new PoisonRecordException(
          "command id '" + commandId + "' does not belong to saga '" + sagaId + "'");
    }
  }

  private static PoisonRecordException unknownPayload(Object payload) {
    return new PoisonRecordException(
        "unknown payload type " + (payload == null ? "null" : payload.getClass().getSimpleName()));
  }
}
