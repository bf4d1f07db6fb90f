package io.vigil.simulator.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.orders.OrderEvent;
import io.vigil.schemas.catalog.TopicNames;
import io.vigil.simulator.AttackWindow;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.SimulationSink;
import io.vigil.simulator.SimulationStats;
import io.vigil.simulator.SurgeWindow;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes a run to a directory as JSON Lines, one file per topic plus the labels, for training and
 * offline scoring:
 *
 * <ul>
 *   <li>{@value #SPANS_FILE}, {@value #REQUESTS_FILE}, {@value #METRICS_FILE}, {@value
 *       #ORDERS_FILE}: one record per line in {@link AvroJson}'s plain JSON ({@link AvroJson#lines}
 *       reads them back as the Avro classes);
 *   <li>{@value #LABELS_FILE}: one {@link LabelJson} per line;
 *   <li>{@value #MANIFEST_FILE}, at the end: seed, virtual start and end, record counts, attacks
 *       and surges of the run.
 * </ul>
 *
 * Existing files are replaced. Lines are in event-time order, as the simulator emits them.
 */
public final class FileSink implements SimulationSink {
  /** Spans file. */
  public static final String SPANS_FILE = TopicNames.TELEMETRY_SPANS + ".jsonl";

  /** Request logs file. */
  public static final String REQUESTS_FILE = TopicNames.TELEMETRY_REQUESTS + ".jsonl";

  /** Metric points file. */
  public static final String METRICS_FILE = TopicNames.TELEMETRY_METRICS + ".jsonl";

  /** Order events file. */
  public static final String ORDERS_FILE = TopicNames.ORDERS_EVENTS + ".jsonl";

  /** Ground-truth labels file. */
  public static final String LABELS_FILE = "labels.jsonl";

  /** Run summary file. */
  public static final String MANIFEST_FILE = "manifest.json";

  private final Path directory;
  private final JsonGenerator spans;
  private final JsonGenerator requests;
  private final JsonGenerator metrics;
  private final JsonGenerator orders;
  private final JsonGenerator labels;
  private final List<JsonGenerator> all;

  private FileSink(Path directory) throws IOException {
    this.directory = directory;
    List<JsonGenerator> opened = new ArrayList<>();
    try {
      spans = open(directory.resolve(SPANS_FILE), opened);
      requests = open(directory.resolve(REQUESTS_FILE), opened);
      metrics = open(directory.resolve(METRICS_FILE), opened);
      orders = open(directory.resolve(ORDERS_FILE), opened);
      labels = open(directory.resolve(LABELS_FILE), opened);
    } catch (IOException e) {
      for (JsonGenerator generator : opened) {
        try {
          generator.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    this.all = List.copyOf(opened);
  }

  /**
   * Creates {@code directory} if needed and opens its files for writing.
   *
   * @throws UncheckedIOException when the directory or a file cannot be created
   */
  public static FileSink open(Path directory) {
    try {
      Files.createDirectories(directory);
      return new FileSink(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write simulator files to " + directory, e);
    }
  }

  private static JsonGenerator open(Path file, List<JsonGenerator> opened) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    JsonGenerator generator;
    try {
      generator = AvroJson.MAPPER.getFactory().createGenerator(out);
    } catch (IOException e) {
      out.close();
      throw e;
    }
    // One object per line: no separator between root values, a newline after each.
    generator.setPrettyPrinter(new MinimalPrettyPrinter(""));
    opened.add(generator);
    return generator;
  }

  /** The directory written to. */
  public Path directory() {
    return directory;
  }

  @Override
  public void span(Span span) {
    record(spans, span);
  }

  @Override
  public void request(RequestLog request) {
    record(requests, request);
  }

  @Override
  public void metric(MetricPoint metric) {
    record(metrics, metric);
  }

  @Override
  public void order(OrderEvent order) {
    record(orders, order);
  }

  @Override
  public void label(GroundTruthLabel label) {
    try {
      LabelJson.write(labels, label);
      labels.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + directory.resolve(LABELS_FILE), e);
    }
  }

  private void record(JsonGenerator out, IndexedRecord record) {
    try {
      AvroJson.write(out, record);
      out.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + directory, e);
    }
  }

  @Override
  public void flush() {
    try {
      for (JsonGenerator generator : all) {
        generator.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush files in " + directory, e);
    }
  }

  @Override
  public void completed(SimulationStats stats) {
    ObjectNode root = AvroJson.MAPPER.createObjectNode();
    root.put("seed", stats.seed());
    root.put("start", stats.start().toString());
    root.put("end", stats.reached().toString());
    root.put("completed", stats.completed());
    ObjectNode counts = root.putObject("records");
    counts.put("spans", stats.spans());
    counts.put("requests", stats.requests());
    counts.put("metrics", stats.metrics());
    counts.put("orders", stats.orders());
    counts.put("labels", stats.labels().size());
    ArrayNode attacks = root.putArray("attacks");
    for (AttackWindow a : stats.attacks()) {
      ObjectNode n = attacks.addObject();
      n.put("name", a.name());
      n.put("threatClass", a.threatClass().name());
      n.put("variant", a.variant().name());
      n.put("start", a.start().toEpochMilli());
      n.put("end", a.end().toEpochMilli());
      n.put("target", a.target());
      n.put("sources", a.sources());
    }
    ArrayNode surges = root.putArray("surges");
    for (SurgeWindow s : stats.surges()) {
      ObjectNode n = surges.addObject();
      n.put("name", s.name());
      n.put("service", s.service());
      n.put("factor", s.factor());
      n.put("start", s.start().toEpochMilli());
      n.put("end", s.end().toEpochMilli());
    }
    root.put("wallTimeMs", stats.wallTime().toMillis());
    root.put(
        "recordsPerSecond",
        Double.parseDouble(String.format(Locale.ROOT, "%.1f", stats.recordsPerSecond())));
    Path file = directory.resolve(MANIFEST_FILE);
    try {
      AvroJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Flushes and closes every file. */
  @Override
  public void close() {
    IOException failure = null;
    for (JsonGenerator generator : all) {
      try {
        generator.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw new UncheckedIOException("cannot close files in " + directory, failure);
    }
  }
}
