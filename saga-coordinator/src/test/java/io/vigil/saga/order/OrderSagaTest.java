package io.vigil.saga.order;

import static io.vigil.saga.SagaEventType.CANCELLED;
import static io.vigil.saga.SagaEventType.COMPENSATING;
import static io.vigil.saga.SagaEventType.COMPENSATION_COMPLETED;
import static io.vigil.saga.SagaEventType.COMPLETED;
import static io.vigil.saga.SagaEventType.FAILED;
import static io.vigil.saga.SagaEventType.RETRY_SCHEDULED;
import static io.vigil.saga.SagaEventType.STARTED;
import static io.vigil.saga.SagaEventType.STEP_COMPLETED;
import static io.vigil.saga.order.OrderSaga.AUTHORIZE_PAYMENT;
import static io.vigil.saga.order.OrderSaga.CONFIRM_ORDER;
import static io.vigil.saga.order.OrderSaga.RESERVE_INVENTORY;
import static io.vigil.saga.testing.SagaUnitTestSupport.failure;
import static io.vigil.saga.testing.SagaUnitTestSupport.success;
import static io.vigil.saga.testing.SagaUnitTestSupport.transientFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.saga.IgnoreReason;
import io.vigil.saga.OutboundCommand;
import io.vigil.saga.SagaStatus;
import io.vigil.saga.SagaTimer;
import io.vigil.saga.TimerKind;
import io.vigil.saga.testing.SagaScenario;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrderSagaTest extends OrderSagaTestBase {

  @Test
  void shouldConfirmOrderWhenEveryParticipantSucceeds() {
    givenOrderSagaStarted()
        .expectEvents(STARTED)
        .expectCommand(ReserveInventory.class, c -> assertThat(c.lines()).isEqualTo(LINES))
        .expectCommandId(id(RESERVE_INVENTORY, 1))
        .expectParticipant(OrderSaga.INVENTORY)
        .expectTimer(TimerKind.REPLY_TIMEOUT, REPLY_TIMEOUT)
        .whenReply(success())
        .expectEvents(STEP_COMPLETED)
        .expectCommand(
            AuthorizePayment.class,
            c ->
                assertThat(c)
                    .isEqualTo(new AuthorizePayment(ORDER_ID, CUSTOMER_ID, AMOUNT, CURRENCY)))
        .expectParticipant(OrderSaga.PAYMENT)
        .whenReply(success())
        .expectCommand(ConfirmOrder.class)
        .expectCommandId(id(CONFIRM_ORDER, 1))
        .whenReply(success())
        .expectEvents(STEP_COMPLETED, COMPLETED)
        .expectNoCommand()
        .expectState(SagaStatus.COMPLETED)
        .expectCompensated()
        .expectNoLiveTimer();
  }

  @Test
  void shouldCancelWithNothingReservedWhenOutOfStock() {
    SagaScenario<OrderData> saga =
        givenOrderSagaStarted()
            .expectCommand(ReserveInventory.class)
            .whenReply(failure("out of stock: sku-2"))
            .expectEvents(CANCELLED)
            .expectNoCommand()
            .expectState(SagaStatus.CANCELLED)
            .expectReason("reserve-inventory failed: out of stock: sku-2")
            .expectCompensated()
            .expectNoLiveTimer();

    assertThat(saga.commands())
        .singleElement()
        .extracting(OutboundCommand::payload)
        .isInstanceOf(ReserveInventory.class);
  }

  @Test
  void shouldReleaseInventoryThenCancelWhenPaymentDeclined() {
    givenOrderSagaStarted()
        .whenReply(success())
        .expectCommand(AuthorizePayment.class)
        .whenReply(failure("card declined"))
        .expectEvents(COMPENSATING)
        .expectCommand(ReleaseInventory.class, c -> assertThat(c.lines()).isEqualTo(LINES))
        .expectCommandId(compensationId(RESERVE_INVENTORY, 1))
        .expectState(SagaStatus.COMPENSATING)
        .whenReply(success())
        .expectEvents(COMPENSATION_COMPLETED, CANCELLED)
        .expectState(SagaStatus.CANCELLED)
        .expectReason("authorize-payment failed: card declined")
        .expectCompensated(RESERVE_INVENTORY)
        .expectNoLiveTimer();
  }

  @Test
  void shouldVoidPaymentThenReleaseInventoryWhenPaymentTimesOutAfterRetries() {
    givenOrderSagaStarted()
        .whenReply(success())
        .expectCommandId(id(AUTHORIZE_PAYMENT, 1))
        .whenTimesOut()
        .expectEvents(RETRY_SCHEDULED)
        .expectTimer(TimerKind.RETRY_BACKOFF, FIRST_BACKOFF)
        .whenRetryBackoffElapses()
        .expectCommandId(id(AUTHORIZE_PAYMENT, 2))
        .whenTimesOut()
        .expectTimer(TimerKind.RETRY_BACKOFF, SECOND_BACKOFF)
        .whenRetryBackoffElapses()
        .expectCommandId(id(AUTHORIZE_PAYMENT, 3))
        .whenTimesOut()
        .expectEvents(COMPENSATING)
        .expectCommand(VoidPayment.class)
        .expectCommandId(compensationId(AUTHORIZE_PAYMENT, 1))
        // the gateway answers attempt 1 long after it timed out: ignored, the void undoes it
        .whenReplyTo(id(AUTHORIZE_PAYMENT, 1), success())
        .expectIgnored(IgnoreReason.STALE_COMMAND)
        .whenReplyTo(compensationId(AUTHORIZE_PAYMENT, 1), success())
        .expectCommand(ReleaseInventory.class)
        .whenReply(success())
        .expectState(SagaStatus.CANCELLED)
        .expectReason("authorize-payment failed after 3 attempts: timed out (no reply within PT5S)")
        .expectCompensated(AUTHORIZE_PAYMENT, RESERVE_INVENTORY)
        .expectNoLiveTimer();
  }

  @Test
  void shouldCancelThroughTimeoutsWhenParticipantCrashesAndRestarts() {
    // The inventory participant is down for every attempt, then back for the compensation.
    SagaScenario<OrderData> saga =
        givenOrderSagaStarted()
            .whenTimesOut()
            .whenRetryBackoffElapses()
            .whenTimesOut()
            .whenRetryBackoffElapses()
            .whenTimesOut()
            .expectEvents(COMPENSATING)
            .expectCommand(ReleaseInventory.class)
            .whenReply(success())
            .expectState(SagaStatus.CANCELLED)
            .expectReason(
                "reserve-inventory failed after 3 attempts: timed out (no reply within PT5S)")
            .expectCompensated(RESERVE_INVENTORY)
            .expectNoLiveTimer();

    assertThat(saga.commands())
        .extracting(c -> c.payload().getClass().getSimpleName())
        .containsExactly(
            "ReserveInventory", "ReserveInventory", "ReserveInventory", "ReleaseInventory");
  }

  @Test
  void shouldFailWithIncidentWhenParticipantNeverComesBack() {
    SagaScenario<OrderData> saga = givenOrderSagaStarted();
    for (int attempt = 1; attempt < 3; attempt++) {
      saga.whenTimesOut().whenRetryBackoffElapses();
    }
    saga.whenTimesOut().expectCommand(ReleaseInventory.class);
    for (int attempt = 1; attempt < 5; attempt++) {
      saga.whenTimesOut().whenRetryBackoffElapses();
    }

    saga.whenTimesOut()
        .expectEvents(FAILED)
        .expectState(SagaStatus.FAILED)
        .expectIncident(
            incident -> {
              assertThat(incident.step()).isEqualTo(RESERVE_INVENTORY);
              assertThat(incident.commandId()).isEqualTo(compensationId(RESERVE_INVENTORY, 5));
              assertThat(incident.attempts()).isEqualTo(5);
              assertThat(incident.cause()).isEqualTo("timed out (no reply within PT5S)");
            })
        .expectNoLiveTimer();
  }

  @Test
  void shouldCompleteOnSecondAttemptWhenFirstFailureIsTransient() {
    givenOrderSagaStarted()
        .whenReply(success())
        .whenReply(transientFailure("gateway unavailable"))
        .expectEvent(
            RETRY_SCHEDULED,
            e -> {
              assertThat(e.step()).contains(AUTHORIZE_PAYMENT);
              assertThat(e.attempt()).isEqualTo(2);
              assertThat(e.reason()).contains("gateway unavailable");
            })
        .expectNoCommand()
        .expectTimer(TimerKind.RETRY_BACKOFF, FIRST_BACKOFF)
        .whenRetryBackoffElapses()
        .expectCommand(AuthorizePayment.class)
        .expectCommandId(id(AUTHORIZE_PAYMENT, 2))
        .whenReply(success())
        .expectEvent(STEP_COMPLETED, e -> assertThat(e.attempt()).isEqualTo(2))
        .expectCommand(ConfirmOrder.class)
        .whenReply(success())
        .expectState(SagaStatus.COMPLETED)
        .expectCompensated()
        .expectNoLiveTimer();
  }

  @Test
  void shouldFailWithNeedsHumanRecordWhenCompensationExhaustsRetries() {
    SagaScenario<OrderData> saga =
        givenOrderSagaStarted()
            .whenReply(success())
            .whenReply(failure("card declined"))
            .expectCommand(ReleaseInventory.class);
    for (int attempt = 1; attempt < 5; attempt++) {
      saga.whenReply(transientFailure("stock store unavailable"))
          .expectEvents(RETRY_SCHEDULED)
          .whenRetryBackoffElapses()
          .expectCommandId(compensationId(RESERVE_INVENTORY, attempt + 1));
    }

    saga.whenReply(transientFailure("stock store unavailable"))
        .expectEvents(FAILED)
        .expectNoCommand()
        .expectState(SagaStatus.FAILED)
        .expectReason("authorize-payment failed: card declined")
        .expectIncident(
            incident -> {
              assertThat(incident.step()).isEqualTo(RESERVE_INVENTORY);
              assertThat(incident.commandId()).isEqualTo(compensationId(RESERVE_INVENTORY, 5));
              assertThat(incident.attempts()).isEqualTo(5);
              assertThat(incident.cause()).isEqualTo("stock store unavailable");
              assertThat(incident.compensationsNotRun()).isEmpty();
              assertThat(incident.summary())
                  .isEqualTo(
                      "compensation of step reserve-inventory failed after 5 attempts"
                          + " (order-1:reserve-inventory-compensate:5): stock store unavailable");
            })
        .expectCompensated()
        .expectNoLiveTimer();
  }

  @Test
  void shouldListUncompensatedStepsWhenVoidPaymentFailsForGood() {
    givenOrderSagaStarted()
        .whenReply(success())
        .whenReply(success())
        .expectCommand(ConfirmOrder.class)
        .whenReply(failure("order was deleted"))
        .expectCommand(VoidPayment.class)
        .whenReply(failure("authorization unknown to gateway"))
        .expectEvents(FAILED)
        .expectIncident(
            incident -> {
              assertThat(incident.step()).isEqualTo(AUTHORIZE_PAYMENT);
              assertThat(incident.attempts()).isEqualTo(1);
              assertThat(incident.compensationsNotRun()).containsExactly(RESERVE_INVENTORY);
            })
        .expectReason("confirm-order failed: order was deleted")
        .expectNoLiveTimer();
  }

  @Test
  void shouldVoidAndReleaseInReverseOrderWhenConfirmationFails() {
    givenOrderSagaStarted()
        .whenReply(success())
        .whenReply(success())
        .whenReply(failure("order was deleted"))
        .expectEvents(COMPENSATING)
        .expectCommand(VoidPayment.class, c -> assertThat(c.amount()).isEqualByComparingTo("59.9"))
        .whenReply(success())
        .expectCommand(ReleaseInventory.class)
        .whenReply(success())
        .expectEvents(COMPENSATION_COMPLETED, CANCELLED)
        .expectState(SagaStatus.CANCELLED)
        .expectCompensated(AUTHORIZE_PAYMENT, RESERVE_INVENTORY);
  }

  @Test
  void shouldIgnoreDuplicateReplyWhenStepAlreadyCompleted() {
    givenOrderSagaStarted()
        .whenReply(success())
        .expectCommand(AuthorizePayment.class)
        .whenReplyIsDuplicated()
        .expectIgnored(IgnoreReason.STALE_COMMAND)
        .expectNoCommand()
        .whenReply(success())
        .expectAccepted()
        .expectCommand(ConfirmOrder.class);
  }

  @Test
  void shouldIgnoreLateReplyWhenTimeoutAlreadyMovedOn() {
    givenOrderSagaStarted()
        .whenTimesOut()
        // late answer to attempt 1 while waiting for the backoff
        .whenReplyTo(id(RESERVE_INVENTORY, 1), failure("out of stock"))
        .expectIgnored(IgnoreReason.STALE_COMMAND)
        .whenRetryBackoffElapses()
        .expectCommandId(id(RESERVE_INVENTORY, 2))
        // and again while attempt 2 is awaited
        .whenReplyTo(id(RESERVE_INVENTORY, 1), success())
        .expectIgnored(IgnoreReason.STALE_COMMAND)
        .expectState(SagaStatus.RUNNING)
        .whenReplyTo(id(RESERVE_INVENTORY, 2), success())
        .expectAccepted()
        .expectCommand(AuthorizePayment.class);
  }

  @Test
  void shouldIgnoreOutOfOrderReplyWhenItBelongsToAnEarlierStep() {
    givenOrderSagaStarted()
        .whenReply(success())
        .expectCommand(AuthorizePayment.class)
        .whenReplyTo(id(RESERVE_INVENTORY, 1), failure("out of stock"))
        .expectIgnored(IgnoreReason.STALE_COMMAND)
        .expectState(SagaStatus.RUNNING);
  }

  @Test
  void shouldIgnoreStaleTimerWhenItsAttemptWasAlreadyAnswered() {
    SagaScenario<OrderData> saga = givenOrderSagaStarted();
    SagaTimer reserveTimeout = saga.liveTimer();

    saga.whenReply(success())
        .whenTimerFires(reserveTimeout)
        .expectIgnored(IgnoreReason.STALE_TIMER)
        .expectState(SagaStatus.RUNNING)
        .whenReply(success())
        .expectCommand(ConfirmOrder.class);
  }

  @Test
  void shouldIgnoreTimerWhenItFiresBeforeItIsDue() {
    SagaScenario<OrderData> saga = givenOrderSagaStarted();
    SagaTimer timeout = saga.liveTimer();

    saga.whenTimerFiresAt(timeout, T0.plus(REPLY_TIMEOUT).minusMillis(1))
        .expectIgnored(IgnoreReason.TIMER_NOT_DUE)
        .whenTimerFiresAt(timeout, T0.plus(REPLY_TIMEOUT))
        .expectAccepted()
        .expectEvents(RETRY_SCHEDULED);
  }

  @Test
  void shouldIgnoreEveryInputWhenSagaIsTerminal() {
    SagaScenario<OrderData> saga =
        givenOrderSagaStarted()
            .whenReply(failure("out of stock"))
            .expectState(SagaStatus.CANCELLED);

    saga.whenReplyIsDuplicated()
        .expectIgnored(IgnoreReason.SAGA_TERMINAL)
        .whenReplyTo(id(AUTHORIZE_PAYMENT, 1), success())
        .expectIgnored(IgnoreReason.SAGA_TERMINAL)
        .after(Duration.ofMinutes(1))
        .whenTimerFires(saga.decisions().get(0).timersToSchedule().get(0))
        .expectIgnored(IgnoreReason.SAGA_TERMINAL)
        .expectState(SagaStatus.CANCELLED);
  }

  @Test
  void shouldIgnoreReplyWhenCommandIdIsNotIssuedBySaga() {
    givenOrderSagaStarted()
        .whenReplyTo("order-2:reserve-inventory:1", success())
        .expectIgnored(IgnoreReason.UNKNOWN_COMMAND)
        .whenReplyTo("order-1:ship-parcel:1", success())
        .expectIgnored(IgnoreReason.UNKNOWN_COMMAND)
        .whenReplyTo("order-1:confirm-order-compensate:1", success())
        .expectIgnored(IgnoreReason.UNKNOWN_COMMAND)
        .whenReplyTo("garbage", success())
        .expectIgnored(IgnoreReason.UNKNOWN_COMMAND)
        .expectState(SagaStatus.RUNNING);
  }
}
