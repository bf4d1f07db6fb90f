package io.vigil.ingest.testing;

import io.vigil.devstack.EmbeddedStack;
import io.vigil.devstack.StackOptions;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.bench.IngestBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@link IngestBenchmark} on a fresh embedded stack, for measuring before {@code vigil bench
 * ingest} exists: {@code java -cp <test classpath> io.vigil.ingest.testing.RunIngestBenchmark
 * [seconds]}. Not a test.
 */
public final class RunIngestBenchmark {

  private RunIngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    Duration duration = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
    try (EmbeddedStack stack =
        EmbeddedStack.start(StackOptions.builder().withPostgres(false).build())) {
      IngestConfig config =
          IngestConfig.load(
              Optional.empty(),
              Map.of(),
              Map.of(
                  IngestConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                  IngestConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl(),
                  IngestConfig.TOPIC_PARTITIONS_CONFIG, "1"));
      IngestBenchmark.run(config, duration, System.out, Path.of("target", "bench"));
    }
  }
}
