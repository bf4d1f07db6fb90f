package io.vigil.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.orders.OrderCancelled;
import io.vigil.orders.OrderConfirmed;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderState;
import io.vigil.orders.OrderStatus;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.PaymentCommand;
import io.vigil.saga.ReserveInventory;
import io.vigil.saga.SagaState;
import io.vigil.saga.SagaStatus;
import io.vigil.saga.order.OrderData;
import io.vigil.saga.order.OrderSaga;
import io.vigil.saga.participant.ParticipantHandlers;
import io.vigil.streams.inventory.SkuReservation;
import io.vigil.streams.inventory.Stock;
import io.vigil.streams.payment.Authorization;
import io.vigil.streams.payment.PaymentSettings;
import io.vigil.streams.payment.SimulatedGateway;
import io.vigil.streams.poison.DeadLetters;
import io.vigil.streams.state.StoredOutcome;
import io.vigil.streams.testing.OrderSagaTestBase;
import io.vigil.streams.testing.SagaDriver;
import io.vigil.streams.wire.ParticipantReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The whole order saga topology (orchestrator, inventory and payment participants, dead-letter
 * routing) in a TopologyTestDriver. Each scenario checks the outcome and the state left behind:
 * stock, ledger, authorizations, timer index, in-flight aggregates.
 */
class OrderSagaTopologyTest extends OrderSagaTestBase {

  @Test
  void shouldCompleteAndReserveStockWhenEverySkuIsAvailableAndPaymentApproved() {
    // Participants over topics: the command the inventory participant receives is visible.
    try (SagaDriver driver = driver(settings().withInTaskParticipants(false))) {
      // Given
      stock(driver, SKU_A, 10);
      stock(driver, SKU_B, 5);

      // When
      place(driver, orderPlaced("order-1", line(SKU_A, 2), line(SKU_B, 1)));

      // Then
      SagaState<OrderData> saga = driver.saga("order-1");
      assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
      assertThat(saga.appliedSteps())
          .containsExactly(
              OrderSaga.RESERVE_INVENTORY, OrderSaga.AUTHORIZE_PAYMENT, OrderSaga.CONFIRM_ORDER);
      assertThat(driver.stock(SKU_A)).isEqualTo(new Stock(SKU_A, 8, 2));
      assertThat(driver.stock(SKU_B)).isEqualTo(new Stock(SKU_B, 4, 1));
      assertThat(driver.ledger(SKU_A, "order-1").status())
          .isEqualTo(SkuReservation.Status.RESERVED);
      assertThat(driver.order("order-1").confirmed()).isTrue();
      assertThat(driver.order("order-1").status()).isEqualTo(OrderState.COMPLETED);
      Authorization authorization = driver.authorization("order-1");
      assertThat(authorization.status()).isEqualTo(Authorization.Status.AUTHORIZED);
      assertThat(authorization.timesAuthorized()).isEqualTo(1);

      List<OrderStatus> statuses = driver.orderStatus.readValuesToList();
      assertThat(statuses)
          .extracting(OrderStatus::getStatus)
          .containsExactly(OrderState.RESERVING, OrderState.AUTHORIZING, OrderState.COMPLETED);
      assertThat(payloads(driver.orderEventsOut.readValuesToList()))
          .hasExactlyElementsOfTypes(OrderConfirmed.class);
      InventoryCommand reserve = driver.inventoryCommands.readValue();
      assertThat(reserve.getCommandId()).isEqualTo("order-1:reserve-inventory:1");
      assertThat(((ReserveInventory) reserve.getPayload()).getLines())
          .extracting(l -> l.getSku() + "x" + l.getQuantity() + "@" + l.getUnitPrice())
          .containsExactly("sku-ax2@2.50", "sku-bx1@2.50");

      // State hygiene: nothing in flight, the reservation is held for fulfilment.
      assertThat(driver.timers()).isEmpty();
      assertThat(driver.pendingCalls()).isEmpty();
      assertThat(driver.reservation("order-1").stage().name()).isEqualTo("RESERVED");
    }
  }

  @Test
  void shouldCancelAndLeaveNothingReservedWhenOneSkuIsOutOfStock() {
    try (SagaDriver driver = driver(settings())) {
      // Given: enough of A, too little of B
      stock(driver, SKU_A, 10);
      stock(driver, SKU_B, 1);

      // When
      place(driver, orderPlaced("order-2", line(SKU_A, 3), line(SKU_B, 2)));

      // Then: all or nothing — A was reserved, then released before the saga heard "out of stock"
      SagaState<OrderData> saga = driver.saga("order-2");
      assertThat(saga.status()).isEqualTo(SagaStatus.CANCELLED);
      assertThat(saga.reason()).hasValueSatisfying(r -> assertThat(r).contains("out of stock"));
      assertThat(saga.reason().orElseThrow()).contains("sku-b (requested 2, available 1)");
      assertThat(driver.stock(SKU_A)).isEqualTo(new Stock(SKU_A, 10, 0));
      assertThat(driver.stock(SKU_B)).isEqualTo(new Stock(SKU_B, 1, 0));
      assertThat(driver.ledger(SKU_A, "order-2").status())
          .isEqualTo(SkuReservation.Status.RELEASED);
      assertThat(driver.ledger(SKU_B, "order-2").status())
          .isEqualTo(SkuReservation.Status.REJECTED);
      assertThat(driver.paymentCommands.isEmpty()).isTrue();
      assertThat(driver.order("order-2").status()).isEqualTo(OrderState.CANCELLED);
      assertThat(driver.order("order-2").confirmed()).isFalse();
      assertThat(payloads(driver.orderEventsOut.readValuesToList()))
          .hasExactlyElementsOfTypes(OrderCancelled.class);

      assertThat(driver.timers()).isEmpty();
      assertThat(driver.reservation("order-2")).isNull();
      assertThat(driver.processed(StoreNames.INVENTORY_PROCESSED))
          .containsOnlyKeys("order-2:reserve-inventory");
    }
  }

  @Test
  void shouldCancelAndReleaseInventoryWhenPaymentIsDeclined() {
    OrderSagaTopology.Settings declineAll =
        settings().withPayment(PaymentSettings.approveAll().withDeclineRate(1.0));
    try (SagaDriver driver = driver(declineAll)) {
      // Given
      stock(driver, SKU_A, 10);
      stock(driver, SKU_B, 10);

      // When
      place(driver, orderPlaced("order-3", line(SKU_A, 4), line(SKU_B, 1)));

      // Then
      SagaState<OrderData> saga = driver.saga("order-3");
      assertThat(saga.status()).isEqualTo(SagaStatus.CANCELLED);
      assertThat(saga.reason().orElseThrow()).contains(SimulatedGateway.DECLINED);
      assertThat(saga.compensatedSteps()).containsExactly(OrderSaga.RESERVE_INVENTORY);
      assertThat(driver.stock(SKU_A)).isEqualTo(new Stock(SKU_A, 10, 0));
      assertThat(driver.stock(SKU_B)).isEqualTo(new Stock(SKU_B, 10, 0));
      assertThat(driver.authorization("order-3")).isNull();
      assertThat(driver.order("order-3").status()).isEqualTo(OrderState.CANCELLED);
      assertThat(driver.orderStatus.readValuesToList())
          .extracting(OrderStatus::getStatus)
          .containsExactly(
              OrderState.RESERVING,
              OrderState.AUTHORIZING,
              OrderState.COMPENSATING,
              OrderState.CANCELLED);

      assertThat(driver.timers()).isEmpty();
      assertThat(driver.reservation("order-3")).isNull();
    }
  }

  @Test
  void shouldCompensateAndCancelWhenThePaymentParticipantTimesOut() {
    // The gateway answers after a minute; the saga waits 5 s per attempt, two attempts.
    OrderSagaTopology.Settings slowGateway =
        settings().withPayment(PaymentSettings.approveAll().withLatency(Duration.ofMinutes(1)));
    try (SagaDriver driver = driver(slowGateway)) {
      // Given
      stock(driver, SKU_A, 10);
      place(driver, orderPlaced("order-4", line(SKU_A, 2)));
      assertThat(driver.saga("order-4").currentStep()).isEqualTo(OrderSaga.AUTHORIZE_PAYMENT);
      assertThat(driver.pendingCalls()).hasSize(1);

      // When: attempt 1 times out, backoff, attempt 2 times out
      driver.advance(REPLY_TIMEOUT);
      assertThat(driver.saga("order-4").awaitingCommandId()).isEmpty(); // in backoff
      driver.advance(Duration.ofSeconds(1));
      assertThat(driver.saga("order-4").awaitingCommandId())
          .hasValue("order-4:authorize-payment:2");
      driver.advance(REPLY_TIMEOUT);

      // Then: the possibly applied payment is voided, the stock released, the order cancelled
      SagaState<OrderData> saga = driver.saga("order-4");
      assertThat(saga.status()).isEqualTo(SagaStatus.CANCELLED);
      assertThat(saga.reason().orElseThrow()).contains("timed out");
      assertThat(saga.compensatedSteps())
          .containsExactly(OrderSaga.AUTHORIZE_PAYMENT, OrderSaga.RESERVE_INVENTORY);
      assertThat(driver.stock(SKU_A)).isEqualTo(new Stock(SKU_A, 10, 0));
      assertThat(driver.timers()).isEmpty();

      // And when the late gateway calls finally run, the void has blocked them: nothing is held.
      driver.advance(Duration.ofMinutes(2));
      assertThat(driver.pendingCalls()).isEmpty();
      assertThat(driver.authorization("order-4")).isNull();
      assertThat(driver.processed(StoreNames.PAYMENT_PROCESSED))
          .containsEntry(
              "order-4:authorize-payment",
              new StoredOutcome(false, ParticipantHandlers.COMPENSATED_BEFORE_APPLIED, false));
      assertThat(driver.saga("order-4").status()).isEqualTo(SagaStatus.CANCELLED);
      assertThat(driver.saga("order-4").revision()).isEqualTo(saga.revision());
    }
  }

  @Test
  void shouldCompleteAfterTheGatewayLatencyWhenItIsShorterThanTheTimeout() {
    OrderSagaTopology.Settings latency =
        settings().withPayment(PaymentSettings.approveAll().withLatency(Duration.ofSeconds(2)));
    try (SagaDriver driver = driver(latency)) {
      stock(driver, SKU_A, 1);
      place(driver, orderPlaced("order-5", line(SKU_A, 1)));
      assertThat(driver.saga("order-5").status()).isEqualTo(SagaStatus.RUNNING);

      driver.advance(Duration.ofSeconds(2));

      assertThat(driver.saga("order-5").status()).isEqualTo(SagaStatus.COMPLETED);
      assertThat(driver.pendingCalls()).isEmpty();
      assertThat(driver.timers()).isEmpty();
    }
  }

  @Test
  void shouldRunTheParticipantsInTheOrchestratorsTaskAndLogTheirReplies() {
    try (SagaDriver driver = driver(settings())) {
      stock(driver, SKU_A, 10);

      place(driver, orderPlaced("order-11", line(SKU_A, 2)));

      // One input (plus the per-SKU round trip) completes the saga: no command crosses a topic.
      assertThat(driver.saga("order-11").status()).isEqualTo(SagaStatus.COMPLETED);
      assertThat(driver.inventoryCommands.isEmpty()).isTrue();
      assertThat(driver.paymentCommands.isEmpty()).isTrue();
      assertThat(driver.repliesOut.readValuesToList())
          .extracting(ParticipantReply::commandId)
          .containsExactly("order-11:reserve-inventory:1", "order-11:authorize-payment:1");
      assertThat(driver.stock(SKU_A)).isEqualTo(new Stock(SKU_A, 8, 2));
      assertThat(driver.authorization("order-11").timesAuthorized()).isEqualTo(1);

      // A command sent over the command topic is answered by the in-task participant.
      PaymentCommand retry =
          PaymentCommand.newBuilder()
              .setEventId("retry-order-11")
              .setCommandId("order-11:authorize-payment:2")
              .setSagaId("order-11")
              .setOrderId("order-11")
              .setOccurredAt(java.time.Instant.parse("2026-11-23T10:00:00Z"))
              .setPayload(
                  io.vigil.saga.AuthorizePayment.newBuilder()
                      .setCustomerId("customer-order-11")
                      .setAmount(new java.math.BigDecimal("5.00"))
                      .setCurrency("EUR")
                      .build())
              .build();
      driver
          .rawInput(driver.topics().paymentCommands().name())
          .pipeInput(
              "order-11".getBytes(StandardCharsets.UTF_8),
              driver
                  .topics()
                  .paymentCommands()
                  .valueSerde()
                  .serializer()
                  .serialize(driver.topics().paymentCommands().name(), retry));
      ParticipantReply reply = driver.repliesOut.readValue();
      assertThat(reply.commandId()).isEqualTo("order-11:authorize-payment:2");
      assertThat(reply.success()).isTrue();
      assertThat(driver.authorization("order-11").timesAuthorized()).isEqualTo(1);
      assertThat(driver.saga("order-11").status()).isEqualTo(SagaStatus.COMPLETED);
    }
  }

  @Test
  void shouldIgnoreDuplicateReplies() {
    try (SagaDriver driver = driver(settings())) {
      // Given a completed saga and the replies it got
      stock(driver, SKU_A, 10);
      place(driver, orderPlaced("order-6", line(SKU_A, 1)));
      List<TestRecord<String, ParticipantReply>> replies = driver.repliesOut.readRecordsToList();
      assertThat(replies).hasSize(2);
      SagaState<OrderData> before = driver.saga("order-6");
      driver.orderStatus.readValuesToList();

      // When every reply is delivered again
      replies.forEach(r -> driver.replies.pipeInput(r.key(), r.value()));

      // Then nothing changes and nothing is sent
      assertThat(driver.saga("order-6")).isEqualTo(before);
      assertThat(driver.orderStatus.isEmpty()).isTrue();
      assertThat(driver.repliesOut.isEmpty()).isTrue();
      assertThat(driver.inventoryCommands.isEmpty()).isTrue(); // in-task: no command topic
      assertThat(driver.stock(SKU_A)).isEqualTo(new Stock(SKU_A, 9, 1));
    }
  }

  @Test
  void shouldAnswerARetriedCommandFromTheRecordedOutcomeWithoutApplyingItAgain() {
    // Participants over topics: the original command is read from saga.inventory.commands.
    try (SagaDriver driver = driver(settings().withInTaskParticipants(false))) {
      // Given a reservation applied for order-7
      stock(driver, SKU_A, 10);
      place(driver, orderPlaced("order-7", line(SKU_A, 3)));
      InventoryCommand reserve = driver.inventoryCommands.readValue();
      driver.repliesOut.readRecordsToList();

      // When the same command arrives again as attempt 2 (a retry after a lost reply)
      InventoryCommand retry =
          InventoryCommand.newBuilder(reserve).setCommandId("order-7:reserve-inventory:2").build();
      driver
          .rawInput(driver.topics().inventoryCommands().name())
          .pipeInput(
              "order-7".getBytes(StandardCharsets.UTF_8),
              driver
                  .topics()
                  .inventoryCommands()
                  .valueSerde()
                  .serializer()
                  .serialize(driver.topics().inventoryCommands().name(), retry));

      // Then it is answered with the recorded success, and no unit is taken twice
      ParticipantReply reply = driver.repliesOut.readValue();
      assertThat(reply.commandId()).isEqualTo("order-7:reserve-inventory:2");
      assertThat(reply.success()).isTrue();
      assertThat(driver.stock(SKU_A)).isEqualTo(new Stock(SKU_A, 7, 3));
      assertThat(driver.ledger(SKU_A, "order-7").timesReserved()).isEqualTo(1);
    }
  }

  @Test
  void shouldStartOneSagaWhenAnOrderIsPlacedTwice() {
    try (SagaDriver driver = driver(settings())) {
      stock(driver, SKU_A, 10);

      place(driver, orderPlaced("order-8", line(SKU_A, 2)));
      place(driver, orderPlaced("order-8", line(SKU_A, 5)));

      assertThat(driver.saga("order-8").status()).isEqualTo(SagaStatus.COMPLETED);
      assertThat(driver.saga("order-8").data().lines().get(0).quantity()).isEqualTo(2);
      assertThat(driver.repliesOut.readValuesToList())
          .extracting(ParticipantReply::commandId)
          .containsOnlyOnce("order-8:reserve-inventory:1")
          .noneMatch(id -> id.contains(":reserve-inventory:2"));
      assertThat(driver.stock(SKU_A)).isEqualTo(new Stock(SKU_A, 8, 2));
    }
  }

  @Test
  void shouldDeadLetterPoisonRecordsWithTheirErrorAndKeepProcessing() {
    try (SagaDriver driver = driver(settings())) {
      String ordersTopic = driver.topics().orderEvents().name();
      byte[] garbageKey = "order-x".getBytes(StandardCharsets.UTF_8);
      byte[] garbage = {0, 0, 0, 0, 42, 1, 2, 3}; // wire format, unknown schema id 42

      // When: an undecodable record, a record keyed by another order, then a valid order
      driver.rawInput(ordersTopic).pipeInput(garbageKey, garbage);
      driver.orderEvents.pipeInput("not-order-z", orderPlaced("order-z", line(SKU_A, 1)));
      stock(driver, SKU_A, 5);
      place(driver, orderPlaced("order-9", line(SKU_A, 1)));

      // Then the poison is in orders.events.dlq with its original bytes and the error headers
      List<TestRecord<byte[], byte[]>> dead =
          driver.rawOutput(driver.topics().orderEvents().dlq()).readRecordsToList();
      assertThat(dead).hasSize(2);
      TestRecord<byte[], byte[]> first = dead.get(0);
      assertThat(first.key()).isEqualTo(garbageKey);
      assertThat(first.value()).isEqualTo(garbage);
      assertThat(DeadLetters.header(first.headers(), DeadLetters.ERROR_CLASS))
          .isEqualTo(SerializationException.class.getName());
      assertThat(DeadLetters.header(first.headers(), DeadLetters.ERROR_MESSAGE)).contains("42");
      assertThat(DeadLetters.header(first.headers(), DeadLetters.SOURCE_TOPIC))
          .isEqualTo(ordersTopic);
      assertThat(DeadLetters.header(first.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
      assertThat(DeadLetters.header(first.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
      assertThat(DeadLetters.header(dead.get(1).headers(), DeadLetters.ERROR_MESSAGE))
          .contains("record key 'not-order-z' is not the orderId 'order-z'");

      // And processing went on
      assertThat(driver.saga("order-9").status()).isEqualTo(SagaStatus.COMPLETED);
      assertThat(driver.saga("not-order-z")).isNull();
      assertThat(driver.saga("order-z")).isNull();
    }
  }

  @Test
  void shouldDeadLetterAReplyWithAMalformedCommandId() {
    try (SagaDriver driver = driver(settings())) {
      ParticipantReply reply =
          new ParticipantReply(
              "e-1",
              T0,
              "not-a-command-id",
              "order-10",
              "order-10",
              io.vigil.saga.Participant.PAYMENT,
              true,
              null,
              false);

      driver.replies.pipeInput("order-10", reply);

      List<TestRecord<byte[], byte[]>> dead =
          driver.rawOutput(driver.topics().sagaReplies().dlq()).readRecordsToList();
      assertThat(dead).hasSize(1);
      assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.ERROR_MESSAGE))
          .contains("malformed command id");
    }
  }

  @Test
  void shouldNeverLetStockGoNegative() {
    try (SagaDriver driver = driver(settings())) {
      stock(driver, SKU_C, 3);
      driver.stockAdjustments.pipeInput(SKU_C, adjustment(SKU_C, -5));
      assertThat(driver.stock(SKU_C)).isEqualTo(new Stock(SKU_C, 0, 0));
    }
  }

  private static List<Object> payloads(List<OrderEvent> events) {
    return events.stream().map(OrderEvent::getPayload).toList();
  }
}
