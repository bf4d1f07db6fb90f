package io.vigil.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.saga.TestSagas.TestCommand;
import io.vigil.saga.TestSagas.TestData;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SagaDefinitionTest {

  @Test
  void shouldKeepStepsInOrderWithDefaultsWhenBuilt() {
    RetryPolicy retry = RetryPolicy.exponential(3, Duration.ofMillis(10), Duration.ofMillis(40));
    SagaDefinition<TestData> definition =
        SagaDefinition.<TestData>builder("two-steps")
            .defaultTimeout(Duration.ofSeconds(2))
            .defaultRetry(retry)
            .step("first")
            .participant("alpha")
            .invoke(d -> new TestCommand("first", CommandKind.ACTION, d.label()))
            .withCompensation(d -> new TestCommand("first", CommandKind.COMPENSATION, d.label()))
            .step("second")
            .participant("beta")
            .invoke(d -> new TestCommand("second", CommandKind.ACTION, d.label()))
            .timeout(Duration.ofMillis(500))
            .retry(RetryPolicy.noRetries())
            .build();

    assertThat(definition.steps()).extracting(SagaStep::name).containsExactly("first", "second");
    SagaStep<TestData> first = definition.step("first");
    assertThat(first.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(first.retry()).isSameAs(retry);
    assertThat(first.compensationRetry()).isSameAs(retry);
    assertThat(first.command(CommandKind.COMPENSATION, new TestData("x")))
        .isEqualTo(new TestCommand("first", CommandKind.COMPENSATION, "x"));
    SagaStep<TestData> second = definition.step("second");
    assertThat(second.hasCompensation()).isFalse();
    assertThat(second.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(definition.stepAfter("first")).contains(second);
    assertThat(definition.stepAfter("second")).isEmpty();
    assertThat(definition.findStep("third")).isEmpty();
  }

  @Test
  void shouldRejectDefinitionWhenNamesAreInvalid() {
    assertThatThrownBy(() -> SagaDefinition.builder("Order"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SagaDefinition.builder("order").step("a:b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SagaDefinition.builder("order").step("undo-compensate"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-compensate");
  }

  @Test
  void shouldRejectDefinitionWhenStepIsIncomplete() {
    assertThatThrownBy(
            () ->
                SagaDefinition.<TestData>builder("order")
                    .step("a")
                    .invoke(d -> new TestCommand("a", CommandKind.ACTION, "x"))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("participant");
    assertThatThrownBy(
            () -> SagaDefinition.<TestData>builder("order").step("a").participant("p").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("action");
    assertThatThrownBy(
            () ->
                SagaDefinition.<TestData>builder("order")
                    .step("a")
                    .participant("p")
                    .invoke(d -> new TestCommand("a", CommandKind.ACTION, "x"))
                    .compensationRetry(RetryPolicy.noRetries())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no compensation");
  }

  @Test
  void shouldRejectDefinitionWhenStepNamesRepeat() {
    assertThatThrownBy(
            () ->
                SagaDefinition.<TestData>builder("order")
                    .step("a")
                    .participant("p")
                    .invoke(d -> new TestCommand("a", CommandKind.ACTION, "x"))
                    .step("a")
                    .participant("p")
                    .invoke(d -> new TestCommand("a", CommandKind.ACTION, "x"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two steps named a");
  }
}
