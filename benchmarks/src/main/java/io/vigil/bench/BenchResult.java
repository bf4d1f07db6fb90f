package io.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a benchmark measured: rows of named metrics (the component and its reference), the ratio the
 * benchmark is judged on and its target.
 *
 * @param benchmark benchmark name
 * @param columns metric names, in table order
 * @param rows one row per measured side: label → values (same order as {@code columns})
 * @param ratio component / reference on the headline metric
 * @param target the ratio the benchmark aims at (≥)
 * @param ratioMeaning what the ratio compares, e.g. "sagas/s ÷ pass-through msgs/s"
 * @param notes extra facts (settings, counts)
 */
public record BenchResult(
    String benchmark,
    List<String> columns,
    Map<String, List<Double>> rows,
    double ratio,
    double target,
    String ratioMeaning,
    Map<String, String> notes) {

  public BenchResult {
    columns = List.copyOf(columns);
    rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    notes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notes));
  }

  /** The Markdown table, the notes, and the closing {@code ratio: X (target ≥ Y)} line. */
  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("| ")
        .append(benchmark)
        .append(" | ")
        .append(String.join(" | ", columns))
        .append(" |\n");
    md.append("|---|")
        .append(columns.stream().map(c -> "---:").collect(Collectors.joining("|")))
        .append("|\n");
    rows.forEach(
        (label, values) ->
            md.append("| ")
                .append(label)
                .append(" | ")
                .append(values.stream().map(BenchResult::format).collect(Collectors.joining(" | ")))
                .append(" |\n"));
    notes.forEach((k, v) -> md.append("\n- ").append(k).append(": ").append(v));
    if (!notes.isEmpty()) {
      md.append('\n');
    }
    md.append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "ratio: %s (target ≥ %.2f) — %s",
                // Two decimals, but a small real ratio must not print as 0.00.
                String.format(Locale.ROOT, ratio >= 0.1 ? "%.2f" : "%.4f", ratio),
                target,
                ratioMeaning))
        .append('\n');
    return md.toString();
  }

  /** Writes this result as JSON to {@code <dir>/<benchmark>.json} and returns the path. */
  public Path writeJson(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(benchmark + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    return file;
  }

  private static String format(Double value) {
    if (value == null || value.isNaN()) {
      return "–";
    }
    return Math.abs(value) >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
