package io.vigil.bench;

import java.util.List;
import java.util.Optional;

/** Every benchmark {@code vigil bench} can run. */
public final class Benchmarks {
  private Benchmarks() {}

  /** All benchmarks, in the order {@code vigil bench --list} shows them. */
  public static List<Benchmark> all() {
    return List.of(
        new ResponderBenchmark(),
        new SagaBenchmark(),
        new IngestBenchmarkAdapter(),
        new FlinkBenchmark());
  }

  public static Optional<Benchmark> named(String name) {
    return all().stream().filter(b -> b.name().equals(name)).findFirst();
  }
}
