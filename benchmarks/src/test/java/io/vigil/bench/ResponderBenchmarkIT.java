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
class ResponderBenchmarkIT {

  @Test
  void shouldMeasureTheResponderAndThePassThroughLoopInOneRun(StackEndpoints stack)
      throws Exception {
    // Given the embedded stack
    VigilConfig cluster =
        VigilConfig.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()));

    // When the benchmark runs for 3 s
    BenchResult result = new ResponderBenchmark().run(cluster, Duration.ofSeconds(3));
    System.out.println(result.toMarkdown());

    // Then both sides are reported with positive rates and the ratio is their quotient
    // (the timing itself is never asserted)
    assertThat(Benchmarks.named("responders")).isPresent();
    assertThat(result.benchmark()).isEqualTo("responders");
    assertThat(result.columns()).isEqualTo(ResponderBenchmark.COLUMNS);
    assertThat(result.rows())
        .containsOnlyKeys(ResponderBenchmark.PASS_THROUGH_ROW, ResponderBenchmark.RESPONDER_ROW);
    List<Double> pass = result.rows().get(ResponderBenchmark.PASS_THROUGH_ROW);
    List<Double> responder = result.rows().get(ResponderBenchmark.RESPONDER_ROW);
    int in = ResponderBenchmark.anomalies(Duration.ofSeconds(3));
    assertThat(pass).hasSize(5).allMatch(v -> v > 0);
    assertThat(responder).hasSize(5).allMatch(v -> v > 0);
    assertThat(pass.get(0)).isEqualTo(in);
    assertThat(responder.get(0)).isEqualTo(in);
    assertThat(pass.get(3)).as("every record copied").isEqualTo(in);
    assertThat(responder.get(3)).as("commands out").isPositive();
    assertThat(result.ratio()).isCloseTo(responder.get(2) / pass.get(2), within(1e-9));
    assertThat(result.target()).isEqualTo(ResponderBenchmark.TARGET);
    assertThat(result.notes()).containsKey("firewall config");
    assertThat(result.toMarkdown()).contains("ratio: ").contains("target ≥ 0.50");
  }
}
