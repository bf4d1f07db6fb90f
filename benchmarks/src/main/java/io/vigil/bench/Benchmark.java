package io.vigil.bench;

import io.vigil.config.VigilConfig;
import java.time.Duration;

/**
 * One benchmark: it measures the component and, in the same run and on the same cluster, a
 * reference (raw producer, pass-through loop or topology, ...), and reports both plus their ratio.
 * Absolute numbers on a shared machine are noisy; the ratio is what runs are compared on.
 */
public interface Benchmark {

  /** Name used on the command line: {@code vigil bench <name>}. */
  String name();

  /** Runs for about {@code duration} per measured side against the given cluster. */
  BenchResult run(VigilConfig cluster, Duration duration) throws Exception;
}
