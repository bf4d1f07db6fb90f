package io.vigil.saga;

import static io.vigil.saga.testing.SagaUnitTestSupport.failure;
import static io.vigil.saga.testing.SagaUnitTestSupport.given;
import static io.vigil.saga.testing.SagaUnitTestSupport.success;
import static io.vigil.saga.testing.SagaUnitTestSupport.transientFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.saga.TestSagas.StepSpec;
import io.vigil.saga.TestSagas.TestCommand;
import io.vigil.saga.TestSagas.TestData;
import io.vigil.saga.order.OrderSaga;
import io.vigil.saga.testing.SagaScenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaEngineTest {

  private static final TestData DATA = new TestData("x");

  private static SagaScenario<TestData> start(StepSpec... steps) {
    return given(TestSagas.definition(List.of(steps)))
        .withStateCodec(TestSagas.stateCodec())
        .start("saga-1", DATA, TestSagas.T0);
  }

  @Test
  void shouldSkipStepsWithoutCompensationWhenCompensating() {
    start(new StepSpec(true, 1, 1), new StepSpec(false, 1, 1), new StepSpec(true, 1, 1))
        .whenReply(success())
        .whenReply(success())
        .whenReply(failure("no"))
        .expectCommand(
            TestCommand.class,
            c -> assertThat(c).isEqualTo(new TestCommand("step-0", CommandKind.COMPENSATION, "x")))
        .whenReply(success())
        .expectState(SagaStatus.CANCELLED)
        .expectCompensated("step-0");
  }

  @Test
  void shouldCompensateTimedOutStepFirstWhenItsRetriesAreExhausted() {
    start(new StepSpec(true, 1, 1), new StepSpec(true, 1, 1))
        .whenReply(success())
        .whenTimesOut()
        .expectCommandId("saga-1:step-1-compensate:1")
        .whenReply(success())
        .expectCommandId("saga-1:step-0-compensate:1")
        .whenReply(success())
        .expectCompensated("step-1", "step-0")
        .expectReason("step-1 failed: timed out (no reply within PT1S)");
  }

  @Test
  void shouldCompensateStepThatFailedAfterEarlierAttemptTimedOut() {
    // attempt 1 may have been applied late, so a definitive failure of attempt 2 still compensates
    start(new StepSpec(true, 2, 1))
        .whenTimesOut()
        .whenRetryBackoffElapses()
        .whenReply(failure("no"))
        .expectCommandId("saga-1:step-0-compensate:1")
        .whenReply(success())
        .expectState(SagaStatus.CANCELLED)
        .expectReason("step-0 failed after 2 attempts: no");
  }

  @Test
  void shouldNotRetryFailureWhenPredicateRejectsIt() {
    SagaDefinition<TestData> definition =
        SagaDefinition.<TestData>builder("picky")
            .step("only")
            .participant("p")
            .invoke(d -> new TestCommand("only", CommandKind.ACTION, d.label()))
            .retry(
                RetryPolicy.exponential(5, Duration.ofMillis(1), Duration.ofMillis(1))
                    .retryingOn(f -> f.reason().startsWith("rate limited")))
            .build();

    given(definition)
        .start("saga-2", DATA, TestSagas.T0)
        .whenReply(failure("rate limited"))
        .expectEvents(SagaEventType.RETRY_SCHEDULED)
        .whenRetryBackoffElapses()
        .whenReply(transientFailure("busy"))
        .expectState(SagaStatus.CANCELLED)
        .expectReason("only failed after 2 attempts: busy");
  }

  @Test
  void shouldKeepRevisionAndTimesWhenStateChanges() {
    SagaScenario<TestData> saga = start(new StepSpec(true, 1, 1), new StepSpec(true, 1, 1));
    assertThat(saga.state().revision()).isEqualTo(1);
    assertThat(saga.state().startedAt()).isEqualTo(TestSagas.T0);

    saga.after(Duration.ofMillis(250)).whenReply(success());

    assertThat(saga.state().revision()).isEqualTo(2);
    assertThat(saga.state().startedAt()).isEqualTo(TestSagas.T0);
    assertThat(saga.state().updatedAt()).isEqualTo(TestSagas.T0.plusMillis(250));
    assertThat(saga.state().appliedSteps()).containsExactly("step-0");
    assertThat(saga.state().currentStep()).isEqualTo("step-1");
  }

  @Test
  void shouldRejectStateWhenItBelongsToAnotherSagaType() {
    SagaScenario<TestData> saga = start(new StepSpec(true, 1, 1));
    SagaEngine<?> orderEngine = new SagaEngine<>(OrderSaga.definition());

    @SuppressWarnings({"unchecked", "rawtypes"})
    SagaEngine<TestData> mismatched = (SagaEngine) orderEngine;
    assertThatThrownBy(
            () ->
                mismatched.handle(
                    saga.state(), SagaInput.reply("saga-1:step-0:1", success(), TestSagas.T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("saga type test");
  }

  @Test
  void shouldRejectStartWhenSagaIdIsBlank() {
    SagaEngine<TestData> engine =
        new SagaEngine<>(TestSagas.definition(List.of(new StepSpec(true, 1, 1))));

    assertThatThrownBy(() -> engine.start(" ", DATA, TestSagas.T0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
