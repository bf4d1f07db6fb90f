package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.config.VigilConfig;
import io.vigil.devstack.StackEndpoints;
import io.vigil.testkit.VigilStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@VigilStack
class SagaBenchmarkIT {

  @Test
  void shouldMeasureSagasAndThePassThroughTopologyInOneRun(StackEndpoints stack) throws Exception {
    // Given the embedded stack
    VigilConfig cluster =
        VigilConfig.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()));

    // When the benchmark runs for 3 s per phase
    BenchResult result = new SagaBenchmark().run(cluster, Duration.ofSeconds(3));
    System.out.println(result.toMarkdown());

    // Then the saga at max and half rate and the pass-through are reported with positive rates,
    // and the ratio is the saga app's msgs/s ÷ the pass-through's (the timing itself is never
    // asserted)
    assertThat(Benchmarks.named("sagas")).containsInstanceOf(SagaBenchmark.class);
    assertThat(Benchmarks.named("responders")).isPresent();
    assertThat(result.benchmark()).isEqualTo("sagas");
    assertThat(result.columns()).isEqualTo(SagaBenchmark.COLUMNS);
    assertThat(result.rows())
        .containsOnlyKeys(
            SagaBenchmark.SAGA_MAX,
            SagaBenchmark.SAGA_APP_MSGS,
            SagaBenchmark.SAGA_HALF,
            SagaBenchmark.PASS_THROUGH);
    List<Double> max = result.rows().get(SagaBenchmark.SAGA_MAX);
    List<Double> app = result.rows().get(SagaBenchmark.SAGA_APP_MSGS);
    List<Double> half = result.rows().get(SagaBenchmark.SAGA_HALF);
    List<Double> pass = result.rows().get(SagaBenchmark.PASS_THROUGH);
    assertThat(max).hasSize(4).allMatch(v -> v > 0);
    assertThat(half).hasSize(4).allMatch(v -> v > 0);
    assertThat(pass).hasSize(4);
    assertThat(pass.get(0)).isPositive();
    assertThat(pass.get(3)).isPositive();
    assertThat(max.get(1)).isLessThanOrEqualTo(max.get(2));
    assertThat(half.get(1)).isLessThanOrEqualTo(half.get(2));
    // Every saga is at least its OrderPlaced and a per-SKU request: more records than sagas.
    assertThat(app.get(0)).isGreaterThan(max.get(0));
    assertThat(result.ratio()).isCloseTo(app.get(0) / pass.get(0), within(1e-9));
    assertThat(result.target()).isEqualTo(0.5);
    assertThat(result.notes()).containsKeys("p99 at half load", "sagas/s ratio", "outcomes");
    assertThat(result.toMarkdown()).contains("ratio: ").contains("target ≥ 0.50");
  }
}
