package io.vigil.simulator.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.orders.OrderEvent;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.SimulationSink;
import io.vigil.simulator.SimulationStats;
import io.vigil.simulator.Simulator;
import io.vigil.simulator.TrafficProfile;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldWriteParseableJsonLinesPerTopicWhenRunToFiles(@TempDir Path dir) throws Exception {
    // Given a run of the demo script written to files and to memory at once
    MemorySink memory = new MemorySink();
    SimulationStats stats;
    try (FileSink files = FileSink.open(dir)) {
      stats =
          Simulator.builder()
              .seed(3)
              .start(Instant.parse("2026-01-05T12:00:00Z"))
              .duration(Duration.ofSeconds(35))
              .traffic(TrafficProfile.defaults().withBaseRate(8))
              .orderRate(1)
              .scenario(Scenario.demo())
              .build()
              .run(SimulationSink.tee(files, memory));
    }

    // Then every line of every file is a JSON object, one per record
    assertThat(lines(dir.resolve(FileSink.SPANS_FILE))).hasSize((int) stats.spans());
    assertThat(lines(dir.resolve(FileSink.REQUESTS_FILE))).hasSize((int) stats.requests());
    assertThat(lines(dir.resolve(FileSink.METRICS_FILE))).hasSize((int) stats.metrics());
    assertThat(lines(dir.resolve(FileSink.ORDERS_FILE))).hasSize((int) stats.orders());
    assertThat(lines(dir.resolve(FileSink.LABELS_FILE))).hasSize(stats.labels().size());
    for (String file :
        List.of(
            FileSink.SPANS_FILE,
            FileSink.REQUESTS_FILE,
            FileSink.METRICS_FILE,
            FileSink.ORDERS_FILE,
            FileSink.LABELS_FILE)) {
      for (String line : lines(dir.resolve(file))) {
        assertThat(JSON.readTree(line).isObject()).as(file).isTrue();
      }
    }
    // plain values: epoch millis, unwrapped optionals, decimals as strings
    JsonNode request = JSON.readTree(lines(dir.resolve(FileSink.REQUESTS_FILE)).get(0));
    assertThat(request.get("occurredAt").isIntegralNumber()).isTrue();
    assertThat(request.get("clientIp").isTextual()).isTrue();
    JsonNode order = JSON.readTree(lines(dir.resolve(FileSink.ORDERS_FILE)).get(0));
    assertThat(order.at("/payload/OrderPlaced/total").asText()).matches("\\d+\\.\\d{2}");

    // and the files read back as the very records that were generated
    assertThat(AvroJson.readAll(dir.resolve(FileSink.SPANS_FILE), Span.class))
        .isEqualTo(memory.spans());
    assertThat(AvroJson.readAll(dir.resolve(FileSink.REQUESTS_FILE), RequestLog.class))
        .isEqualTo(memory.requests());
    assertThat(AvroJson.readAll(dir.resolve(FileSink.METRICS_FILE), MetricPoint.class))
        .isEqualTo(memory.metrics());
    assertThat(AvroJson.readAll(dir.resolve(FileSink.ORDERS_FILE), OrderEvent.class))
        .isEqualTo(memory.orders());
    assertThat(LabelJson.readAll(dir.resolve(FileSink.LABELS_FILE))).isEqualTo(memory.labels());

    // with a manifest of the run
    JsonNode manifest = JSON.readTree(dir.resolve(FileSink.MANIFEST_FILE).toFile());
    assertThat(manifest.get("seed").asLong()).isEqualTo(3);
    assertThat(manifest.at("/records/spans").asLong()).isEqualTo(stats.spans());
    assertThat(manifest.get("attacks")).hasSize(2);
    assertThat(manifest.get("completed").asBoolean()).isTrue();
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }
}
