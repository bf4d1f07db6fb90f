package io.vigil.saga.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.saga.Outcome;
import io.vigil.saga.order.ConfirmOrder;
import io.vigil.saga.order.OrderLine;
import io.vigil.saga.order.ReleaseInventory;
import io.vigil.saga.order.ReserveInventory;
import io.vigil.saga.testing.InMemoryProcessedCommands;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantHandlersTest {

  private static final List<OrderLine> LINES = List.of(new OrderLine("sku-1", 2));
  private static final ReserveInventory RESERVE = new ReserveInventory("order-1", LINES);
  private static final ReleaseInventory RELEASE = new ReleaseInventory("order-1", LINES);

  private final List<String> effects = new ArrayList<>();
  private final Deque<Outcome> reserveAnswers = new ArrayDeque<>();
  private final InMemoryProcessedCommands processed = new InMemoryProcessedCommands();
  private final ParticipantHandlers inventory =
      ParticipantHandlers.builder("inventory")
          .on(ReserveInventory.class, this::reserve)
          .on(ReleaseInventory.class, this::release)
          .build();

  private Outcome reserve(ReserveInventory command) {
    Outcome outcome = reserveAnswers.isEmpty() ? Outcome.success() : reserveAnswers.poll();
    if (outcome.isSuccess()) {
      effects.add("reserve " + command.orderId());
    }
    return outcome;
  }

  private Outcome release(ReleaseInventory command) {
    effects.add("release " + command.orderId());
    return Outcome.success();
  }

  @Test
  void shouldApplyActionOnceWhenSameCommandIsRedelivered() {
    Outcome first = inventory.handle("order-1:reserve-inventory:1", RESERVE, processed);
    Outcome second = inventory.handle("order-1:reserve-inventory:1", RESERVE, processed);

    assertThat(first).isEqualTo(Outcome.success());
    assertThat(second).isEqualTo(first);
    assertThat(effects).containsExactly("reserve order-1");
  }

  @Test
  void shouldApplyActionOnceWhenSagaRetriesUnderNextAttempt() {
    inventory.handle("order-1:reserve-inventory:1", RESERVE, processed);

    Outcome retry = inventory.handle("order-1:reserve-inventory:2", RESERVE, processed);

    assertThat(retry).isEqualTo(Outcome.success());
    assertThat(effects).containsExactly("reserve order-1");
  }

  @Test
  void shouldRunHandlerAgainWhenPreviousFailureWasTransient() {
    reserveAnswers.add(Outcome.transientFailure("store busy"));

    Outcome first = inventory.handle("order-1:reserve-inventory:1", RESERVE, processed);
    Outcome retry = inventory.handle("order-1:reserve-inventory:2", RESERVE, processed);

    assertThat(first).isEqualTo(Outcome.transientFailure("store busy"));
    assertThat(retry).isEqualTo(Outcome.success());
    assertThat(effects).containsExactly("reserve order-1");
  }

  @Test
  void shouldAnswerRecordedRefusalWhenActionIsRetriedAfterBusinessFailure() {
    reserveAnswers.add(Outcome.failure("out of stock: sku-1"));
    inventory.handle("order-1:reserve-inventory:1", RESERVE, processed);

    Outcome retry = inventory.handle("order-1:reserve-inventory:2", RESERVE, processed);

    assertThat(retry).isEqualTo(Outcome.failure("out of stock: sku-1"));
    assertThat(effects).isEmpty();
  }

  @Test
  void shouldUndoOnceWhenActionWasApplied() {
    inventory.handle("order-1:reserve-inventory:1", RESERVE, processed);

    Outcome undo = inventory.handle("order-1:reserve-inventory-compensate:1", RELEASE, processed);
    Outcome again = inventory.handle("order-1:reserve-inventory-compensate:2", RELEASE, processed);

    assertThat(undo).isEqualTo(Outcome.success());
    assertThat(again).isEqualTo(Outcome.success());
    assertThat(effects).containsExactly("reserve order-1", "release order-1");
  }

  @Test
  void shouldSucceedWithoutUndoingWhenActionFailed() {
    reserveAnswers.add(Outcome.failure("out of stock: sku-1"));
    inventory.handle("order-1:reserve-inventory:1", RESERVE, processed);

    Outcome undo = inventory.handle("order-1:reserve-inventory-compensate:1", RELEASE, processed);

    assertThat(undo).isEqualTo(Outcome.success());
    assertThat(effects).isEmpty();
  }

  @Test
  void shouldRefuseLateActionWhenItsCompensationArrivedFirst() {
    Outcome undo = inventory.handle("order-1:reserve-inventory-compensate:1", RELEASE, processed);
    Outcome lateAction = inventory.handle("order-1:reserve-inventory:1", RESERVE, processed);

    assertThat(undo).isEqualTo(Outcome.success());
    assertThat(lateAction)
        .isEqualTo(Outcome.failure(ParticipantHandlers.COMPENSATED_BEFORE_APPLIED));
    assertThat(effects).as("nothing reserved, nothing released").isEmpty();
  }

  @Test
  void shouldFailWithoutCallingAnyHandlerWhenCommandTypeIsUnknown() {
    Outcome outcome =
        inventory.handle("order-1:confirm-order:1", new ConfirmOrder("order-1"), processed);

    assertThat(outcome)
        .isEqualTo(Outcome.failure("participant inventory has no handler for ConfirmOrder"));
    assertThat(inventory.handles(new ConfirmOrder("order-1"))).isFalse();
    assertThat(inventory.commandTypes())
        .containsExactlyInAnyOrder(ReserveInventory.class, ReleaseInventory.class);
    assertThat(processed.recorded()).isEmpty();
  }

  @Test
  void shouldRejectCommandWhenIdIsMalformed() {
    assertThatThrownBy(() -> inventory.handle("not-an-id", RESERVE, processed))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(effects).isEmpty();
  }

  @Test
  void shouldRejectTableWhenTypeHasTwoHandlers() {
    ParticipantHandlers.Builder builder =
        ParticipantHandlers.builder("inventory").on(ReserveInventory.class, c -> Outcome.success());

    assertThatThrownBy(() -> builder.on(ReserveInventory.class, c -> Outcome.success()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ReserveInventory");
  }
}
