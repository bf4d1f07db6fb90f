package io.vigil.bench;

import io.vigil.config.VigilConfig;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.bench.IngestBenchmark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil bench ingest}: the ingest module's benchmark (raw producer, producer library, HTTP
 * gateway, each for the duration, in one run) in the common report format. The headline ratio is
 * the gateway's events/s ÷ the raw producer's records/s.
 */
public final class IngestBenchmarkAdapter implements Benchmark {

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public BenchResult run(VigilConfig cluster, Duration duration) throws Exception {
    IngestConfig config = new IngestConfig(cluster.originalsStrings());
    ByteArrayOutputStream ignored = new ByteArrayOutputStream();
    IngestBenchmark.Result result;
    try (PrintStream sink = new PrintStream(ignored, true, StandardCharsets.UTF_8)) {
      result =
          IngestBenchmark.run(
              config, duration, sink, Files.createTempDirectory("vigil-bench-ingest"));
    }
    Map<String, List<Double>> rows = new LinkedHashMap<>();
    for (IngestBenchmark.Phase phase : List.of(result.raw(), result.library(), result.gateway())) {
      rows.put(
          phase.name(),
          new ArrayList<>(
              List.of(
                  (double) phase.records(), phase.seconds(), phase.perSecond(), phase.p99Ms())));
    }
    return new BenchResult(
        name(),
        List.of("records", "seconds", "records/s", "p99 ms"),
        rows,
        result.gatewayRatio(),
        IngestBenchmark.GATEWAY_TARGET,
        "gateway events/s ÷ raw KafkaProducer records/s",
        Map.of(
            "library ratio",
            String.format(
                java.util.Locale.ROOT,
                "%.2f (target ≥ %.2f)",
                result.libraryRatio(),
                IngestBenchmark.LIBRARY_TARGET)));
  }
}
