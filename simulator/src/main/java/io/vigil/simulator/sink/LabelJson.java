package io.vigil.simulator.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.analytics.EntityType;
import io.vigil.common.ThreatClass;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.LabelRole;
import io.vigil.simulator.Variant;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON of a {@link GroundTruthLabel}, as in {@code labels.jsonl} and on the labels topic:
 *
 * <pre>{@code
 * {"entityType":"CLIENT_IP","entity":"185.220.7.19","threatClass":"DDOS","role":"SOURCE",
 *  "start":1767571225000,"end":1767571245000,"scenario":"ddos-search","variant":"NORMAL"}
 * }</pre>
 *
 * Entity types and threat classes are the symbols of the Avro enums {@code EntityType} and {@code
 * ThreatClass} used by {@code Anomaly}; start (inclusive) and end (exclusive) are epoch
 * milliseconds, like {@code Anomaly.windowStart/windowEnd}.
 */
public final class LabelJson {
  private LabelJson() {}

  /** Writes one label object. */
  public static void write(JsonGenerator out, GroundTruthLabel label) throws IOException {
    out.writeStartObject();
    out.writeStringField("entityType", label.entityType().name());
    out.writeStringField("entity", label.entity());
    out.writeStringField("threatClass", label.threatClass().name());
    out.writeStringField("role", label.role().name());
    out.writeNumberField("start", label.start().toEpochMilli());
    out.writeNumberField("end", label.end().toEpochMilli());
    out.writeStringField("scenario", label.scenario());
    out.writeStringField("variant", label.variant().name());
    out.writeEndObject();
  }

  /** One label as a JSON string. */
  public static String toJson(GroundTruthLabel label) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = AvroJson.MAPPER.getFactory().createGenerator(text)) {
      write(out, label);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /**
   * Parses one label.
   *
   * @throws IllegalArgumentException when a key is missing or a symbol unknown
   */
  public static GroundTruthLabel parse(String json) {
    JsonNode node;
    try {
      node = AvroJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("label is not JSON: " + e.getMessage(), e);
    }
    return new GroundTruthLabel(
        EntityType.valueOf(text(node, "entityType")),
        text(node, "entity"),
        ThreatClass.valueOf(text(node, "threatClass")),
        LabelRole.valueOf(text(node, "role")),
        Instant.ofEpochMilli(number(node, "start")),
        Instant.ofEpochMilli(number(node, "end")),
        text(node, "scenario"),
        Variant.valueOf(text(node, "variant")));
  }

  /** Every label of a {@code labels.jsonl} file. */
  public static List<GroundTruthLabel> readAll(Path file) {
    try {
      List<GroundTruthLabel> labels = new ArrayList<>();
      int lineNumber = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          labels.add(parse(line));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ":" + lineNumber + ": " + e.getMessage(), e);
        }
      }
      return labels;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("label: '" + key + "' missing or not a string");
    }
    return value.asText();
  }

  private static long number(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isIntegralNumber()) {
      throw new IllegalArgumentException("label: '" + key + "' missing or not an integer");
    }
    return value.longValue();
  }
}
