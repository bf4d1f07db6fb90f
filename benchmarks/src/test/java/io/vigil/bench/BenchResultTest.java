package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchResultTest {

  @Test
  void shouldPrintTableAndRatioLineWhenRendered(@TempDir Path dir) throws Exception {
    Map<String, List<Double>> rows = new LinkedHashMap<>();
    rows.put("responder", List.of(12_345.0, 4.5));
    rows.put("pass-through", List.of(20_000.0, 1.25));
    BenchResult result =
        new BenchResult(
            "responders",
            List.of("records/s", "p99 ms"),
            rows,
            0.617,
            0.5,
            "a ÷ b",
            Map.of("n", "10"));

    String md = result.toMarkdown();

    assertThat(md)
        .contains("| responders | records/s | p99 ms |")
        .contains("| responder | 12,345 | 4.50 |")
        .contains("| pass-through | 20,000 | 1.25 |")
        .contains("- n: 10");
    assertThat(md.strip().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("ratio: 0.62 (target ≥ 0.50) — a ÷ b");
    Path json = result.writeJson(dir);
    assertThat(new ObjectMapper().readTree(json.toFile()).get("ratio").asDouble()).isEqualTo(0.617);
  }

  @Test
  void shouldKeepSmallRatiosVisibleWhenBelowOneTenth() {
    BenchResult result =
        new BenchResult(
            "sagas", List.of("x"), Map.of("a", List.of(1.0)), 0.0028, 0.5, "a ÷ b", Map.of());

    assertThat(result.toMarkdown()).contains("ratio: 0.0028 (target ≥ 0.50)");
  }
}
