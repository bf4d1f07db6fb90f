package io.vigil.saga;

import io.vigil.saga.codec.SagaDataCodec;
import io.vigil.saga.codec.SagaStateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A generic saga family for engine tests: steps {@code step-0..n}, shaped by {@link StepSpec}s. */
final class TestSagas {

  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  private TestSagas() {}

  /** Saga data: just a label. */
  record TestData(String label) {}

  /** The command of step {@code step}, of {@code kind}, for data {@code label}. */
  record TestCommand(String step, CommandKind kind, String label) implements SagaCommand {}

  /**
   * Shape of one generated step.
   *
   * @param compensable whether it has a compensation
   * @param maxAttempts attempts of the action
   * @param compensationMaxAttempts attempts of the compensation
   */
  record StepSpec(boolean compensable, int maxAttempts, int compensationMaxAttempts) {}

  static SagaDefinition<TestData> definition(List<StepSpec> specs) {
    SagaDefinitionBuilder<TestData> builder =
        SagaDefinition.<TestData>builder("test").defaultTimeout(TIMEOUT);
    SagaDefinitionBuilder.StepBuilder<TestData> step = null;
    for (int i = 0; i < specs.size(); i++) {
      StepSpec spec = specs.get(i);
      String name = "step-" + i;
      step = step == null ? builder.step(name) : step.step(name);
      step.participant("participant-" + i % 2)
          .invoke(d -> new TestCommand(name, CommandKind.ACTION, d.label()))
          .retry(policy(spec.maxAttempts()));
      if (spec.compensable()) {
        step.withCompensation(d -> new TestCommand(name, CommandKind.COMPENSATION, d.label()))
            .compensationRetry(policy(spec.compensationMaxAttempts()));
      }
    }
    return step.build();
  }

  static SagaStateCodec<TestData> stateCodec() {
    return new SagaStateCodec<>(new TestDataCodec());
  }

  private static RetryPolicy policy(int maxAttempts) {
    return RetryPolicy.exponential(maxAttempts, Duration.ofMillis(100), Duration.ofMillis(250));
  }

  private static final class TestDataCodec implements SagaDataCodec<TestData> {
    @Override
    public void write(TestData data, DataOutput out) throws IOException {
      out.writeUTF(data.label());
    }

    @Override
    public TestData read(DataInput in) throws IOException {
      return new TestData(in.readUTF());
    }
  }
}
