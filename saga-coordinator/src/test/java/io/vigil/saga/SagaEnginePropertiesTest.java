package io.vigil.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.saga.TestSagas.StepSpec;
import io.vigil.saga.TestSagas.TestData;
import io.vigil.saga.order.OrderData;
import io.vigil.saga.order.OrderLine;
import io.vigil.saga.order.OrderSaga;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random runs: replies (success, failure, transient), timeouts, duplicates, late and out-of-order
 * replies and stale timers, then quiescence with participants recovered or down for good. The
 * {@link EngineHarness} checks after every input that decisions are deterministic, ignored inputs
 * change nothing, command ids are unique, timers are tracked exactly and states survive the codec;
 * at the end, that the saga reached exactly one terminal state it never left and compensated
 * exactly the (possibly) applied steps, in reverse order.
 */
class SagaEnginePropertiesTest {

  @Property(tries = 400)
  void shouldReachOneTerminalStateAndCompensateAppliedStepsWhenRepliesAreRandom(
      @ForAll("definitions") List<StepSpec> steps,
      @ForAll("scripts") List<Move> script,
      @ForAll boolean participantsRecover) {
    EngineHarness<TestData> run =
        new EngineHarness<>(
            TestSagas.definition(steps), TestSagas.stateCodec(), "saga-1", new TestData("x"));

    run.play(script);
    run.quiesce(participantsRecover);
    run.pokeAfterTerminal();

    run.verify();
    Statistics.label("terminal status").collect(run.state().status());
    Statistics.label("terminal status")
        .coverage(
            c -> {
              c.check(SagaStatus.COMPLETED).percentage(p -> p > 5);
              c.check(SagaStatus.CANCELLED).percentage(p -> p > 5);
              c.check(SagaStatus.FAILED).percentage(p -> p > 5);
            });
  }

  @Property(tries = 400)
  void shouldHoldSagaInvariantsForOrderSagaWhenRepliesAreRandom(
      @ForAll("scripts") List<Move> script, @ForAll boolean participantsRecover) {
    EngineHarness<OrderData> run =
        new EngineHarness<>(OrderSaga.definition(), OrderSaga.stateCodec(), "order-9", order());

    run.play(script);
    run.quiesce(participantsRecover);
    run.pokeAfterTerminal();

    run.verify();
  }

  @Property(tries = 200)
  void shouldProduceEqualDecisionsWhenTheSameInputsAreReplayed(
      @ForAll("definitions") List<StepSpec> steps, @ForAll("scripts") List<Move> script) {
    EngineHarness<TestData> first = runOnce(steps, script);
    EngineHarness<TestData> second = runOnce(steps, script);

    assertThat(second.decisions()).isEqualTo(first.decisions());
    assertThat(TestSagas.stateCodec().encode(second.state()))
        .isEqualTo(TestSagas.stateCodec().encode(first.state()));
  }

  private static EngineHarness<TestData> runOnce(List<StepSpec> steps, List<Move> script) {
    EngineHarness<TestData> run =
        new EngineHarness<>(
            TestSagas.definition(steps), TestSagas.stateCodec(), "saga-1", new TestData("x"));
    run.play(script);
    run.quiesce(false);
    return run;
  }

  @Provide
  Arbitrary<List<StepSpec>> definitions() {
    Arbitrary<StepSpec> step =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 3))
            .as(StepSpec::new);
    return step.list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<Move>> scripts() {
    Arbitrary<Move.Kind> kinds =
        Arbitraries.frequency(
            Tuple.of(6, Move.Kind.SUCCESS),
            Tuple.of(1, Move.Kind.FAILURE),
            Tuple.of(2, Move.Kind.TRANSIENT_FAILURE),
            Tuple.of(2, Move.Kind.FIRE_TIMER),
            Tuple.of(2, Move.Kind.DUPLICATE_REPLY),
            Tuple.of(2, Move.Kind.LATE_REPLY),
            Tuple.of(1, Move.Kind.STALE_TIMER));
    return Combinators.combine(kinds, Arbitraries.integers().between(0, 9_999))
        .as(Move::new)
        .list()
        .ofMaxSize(60);
  }

  private static OrderData order() {
    return new OrderData(
        "order-9",
        "customer-1",
        List.of(new OrderLine("sku-1", 1), new OrderLine("sku-2", 3), new OrderLine("sku-3", 2)),
        new BigDecimal("120.00"),
        "EUR");
  }
}
