package io.vigil.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandIdTest {

  @Test
  void shouldFormatActionIdWhenKindIsAction() {
    CommandId id = new CommandId("order-42", "reserve-inventory", CommandKind.ACTION, 1);

    assertThat(id).hasToString("order-42:reserve-inventory:1");
    assertThat(id.idempotencyKey()).isEqualTo("order-42:reserve-inventory");
    assertThat(id.actionKey()).isEqualTo("order-42:reserve-inventory");
  }

  @Test
  void shouldFormatCompensationIdWhenKindIsCompensation() {
    CommandId id = new CommandId("order-42", "reserve-inventory", CommandKind.COMPENSATION, 2);

    assertThat(id).hasToString("order-42:reserve-inventory-compensate:2");
    assertThat(id.idempotencyKey()).isEqualTo("order-42:reserve-inventory-compensate");
    assertThat(id.actionKey()).isEqualTo("order-42:reserve-inventory");
  }

  @Test
  void shouldParseFromTheRightWhenSagaIdContainsColons() {
    CommandId id = CommandId.parse("tenant:a:order-1:authorize-payment-compensate:12");

    assertThat(id)
        .isEqualTo(
            new CommandId("tenant:a:order-1", "authorize-payment", CommandKind.COMPENSATION, 12));
    assertThat(CommandId.parse(id.toString())).isEqualTo(id);
  }

  @Test
  void shouldNotParseWhenIdIsMalformed() {
    assertThat(CommandId.tryParse(null)).isEmpty();
    assertThat(CommandId.tryParse("")).isEmpty();
    assertThat(CommandId.tryParse("garbage")).isEmpty();
    assertThat(CommandId.tryParse("order-1:step")).isEmpty();
    assertThat(CommandId.tryParse(":step:1")).isEmpty();
    assertThat(CommandId.tryParse("order-1:step:0")).isEmpty();
    assertThat(CommandId.tryParse("order-1:step:-1")).isEmpty();
    assertThat(CommandId.tryParse("order-1:step:x")).isEmpty();
    assertThat(CommandId.tryParse("order-1:step:99999999999")).isEmpty();
    assertThat(CommandId.tryParse("order-1:Bad_Step:1")).isEmpty();
    assertThat(CommandId.tryParse("order-1:-compensate:1")).isEmpty();
    assertThatThrownBy(() -> CommandId.parse("garbage"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("garbage");
  }

  @Test
  void shouldIncrementAttemptWhenNextAttemptIsTaken() {
    CommandId first = CommandId.parse("order-1:confirm-order:1");

    assertThat(first.nextAttempt()).hasToString("order-1:confirm-order:2");
  }
}
