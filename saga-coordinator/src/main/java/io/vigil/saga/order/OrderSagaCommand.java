package io.vigil.saga.order;

import io.vigil.saga.SagaCommand;

/**
 * The commands of the order saga. Sealed so that the transport mapping (to Avro in the Streams
 * module) can be checked for completeness.
 */
public sealed interface OrderSagaCommand extends SagaCommand
    permits ReserveInventory, ReleaseInventory, AuthorizePayment, VoidPayment, ConfirmOrder {

  /** The order the command is about (the partitioning key of the command topics). */
  String orderId();
}
