package io.vigil.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.gateway.IngestGateway;
import io.vigil.ingest.producer.VigilProducer;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.MetricType;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code vigil bench ingest}: in one run on one broker, the raw {@code KafkaProducer} (with the
 * same Avro serdes and settings), the {@link VigilProducer} (target ≥ 0.9× raw) and the HTTP
 * gateway with batches of events (target ≥ 0.5× raw, plus the p99 request latency). Prints a
 * Markdown table, writes JSON to {@code <outputDir>/ingest.json} and ends with the line {@code
 * ratio: X (target ≥ 0.5)} for the gateway, the weaker target.
 */
public final class IngestBenchmark {

  /** Target of the library's throughput relative to the raw producer. */
  public static final double LIBRARY_TARGET = 0.9;

  /** Target of the gateway's throughput relative to the raw producer. */
  public static final double GATEWAY_TARGET = 0.5;

  private static final int GATEWAY_BATCH = 500;
  private static final int GATEWAY_CLIENTS = 16;

  /**
   * One phase's figures.
   *
   * @param name what was measured
   * @param records records (events) acknowledged
   * @param seconds wall time including the final flush
   * @param p99Ms 99th percentile latency of a request (gateway) or {@code NaN}
   */
  public record Phase(String name, long records, double seconds, double p99Ms) {
    /** Records per second. */
    public double perSecond() {
      return records / seconds;
    }
  }

  /**
   * The run's result.
   *
   * @param raw reference: raw KafkaProducer
   * @param library the producer library
   * @param gateway the HTTP gateway
   */
  public record Result(Phase raw, Phase library, Phase gateway) {
    /** Library throughput relative to raw. */
    public double libraryRatio() {
      return library.perSecond() / raw.perSecond();
    }

    /** Gateway throughput relative to raw. */
    public double gatewayRatio() {
      return gateway.perSecond() / raw.perSecond();
    }
  }

  private IngestBenchmark() {}

  /**
   * Runs the three phases for {@code duration} each against the configured Kafka and registry.
   *
   * @param config Kafka, registry and producer settings (the gateway runs on a free port, without
   *     authentication and rate limit)
   * @param duration length of each phase
   * @param out where the table and ratio lines go
   * @param outputDir directory of {@code ingest.json}
   */
  public static Result run(IngestConfig config, Duration duration, PrintStream out, Path outputDir)
      throws IOException, InterruptedException {
    String run = "bench-ingest-" + UUID.randomUUID().toString().substring(0, 8);
    TopicCatalog catalog = TopicCatalog.from(config);
    Topic<String, MetricPoint> rawTopic = renamed(catalog.metrics(), run + ".raw");
    Topic<String, MetricPoint> libraryTopic = renamed(catalog.metrics(), run + ".library");
    String gatewayTopic = run + ".gateway";
    try (Admin admin = Admin.create(config.adminProps())) {
      admin
          .createTopics(
              List.of(
                  rawTopic.toNewTopic(),
                  libraryTopic.toNewTopic(),
                  new NewTopic(gatewayTopic, config.partitions(), config.replicationFactor())))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("Cannot create the benchmark topics", e);
    }

    // Warm-up (not reported): JIT, broker log segments and registry caches, so that the reference
    // measured first is not penalised.
    raw(config, rawTopic, duration.dividedBy(2));
    Phase raw = raw(config, rawTopic, duration);
    Phase library = library(config, libraryTopic, duration);
    Phase gateway = gateway(config, gatewayTopic, duration);
    Result result = new Result(raw, library, gateway);
    report(result, out, outputDir, duration);
    return result;
  }

  private static Phase raw(IngestConfig config, Topic<String, MetricPoint> topic, Duration d) {
    AtomicLong acked = new AtomicLong();
    long started = System.nanoTime();
    long deadline = started + d.toNanos();
    try (KafkaProducer<String, MetricPoint> producer =
        new KafkaProducer<>(
            config.producerProps(),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      long i = 0;
      while (System.nanoTime() < deadline) {
        MetricPoint point = point(i++);
        point.setEventId(UUID.randomUUID().toString());
        point.setOccurredAt(Instant.now());
        producer.send(
            new ProducerRecord<>(topic.name(), point.getService(), point),
            (metadata, error) -> {
              if (error == null) {
                acked.incrementAndGet();
              }
            });
      }
      producer.flush();
    }
    return new Phase("raw KafkaProducer", acked.get(), seconds(started), Double.NaN);
  }

  private static Phase library(IngestConfig config, Topic<String, MetricPoint> topic, Duration d) {
    AtomicLong acked = new AtomicLong();
    long started = System.nanoTime();
    long deadline = started + d.toNanos();
    try (VigilProducer producer =
        VigilProducer.builder(config).meterRegistry(new SimpleMeterRegistry()).build()) {
      long i = 0;
      while (System.nanoTime() < deadline) {
        MetricPoint point = point(i++);
        producer.send(topic, point.getService(), point).thenRun(acked::incrementAndGet);
      }
      producer.flush();
    }
    return new Phase("VigilProducer", acked.get(), seconds(started), Double.NaN);
  }

  private static Phase gateway(IngestConfig config, String topic, Duration d)
      throws InterruptedException, IOException {
    Map<String, String> overrides = new HashMap<>();
    config.originalsStrings().forEach(overrides::put);
    overrides.put(IngestConfig.GATEWAY_PORT_CONFIG, "0");
    overrides.put(IngestConfig.GATEWAY_AUTH_ENABLED_CONFIG, "false");
    overrides.put(IngestConfig.GATEWAY_RATE_LIMIT_CONFIG, "1000000");
    overrides.put(IngestConfig.GATEWAY_RATE_BURST_CONFIG, "1000000");
    overrides.put(IngestConfig.GATEWAY_TOPICS_CONFIG, topic + "=telemetry.metrics");
    overrides.put(IngestConfig.GATEWAY_MAX_BATCH_EVENTS_CONFIG, Integer.toString(GATEWAY_BATCH));
    IngestConfig gatewayConfig = new IngestConfig(overrides);
    byte[] body = batchBody(GATEWAY_BATCH);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong acked = new AtomicLong();
    try (IngestGateway gateway = IngestGateway.start(gatewayConfig)) {
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create(gateway.url() + "/v1/events/" + topic);
      awaitHealthy(client, URI.create(gateway.url() + "/health"));
      long started = System.nanoTime();
      long deadline = started + d.toNanos();
      ExecutorService clients = Executors.newFixedThreadPool(GATEWAY_CLIENTS);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < GATEWAY_CLIENTS; c++) {
        running.add(
            clients.submit(
                () -> {
                  while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    HttpResponse<Void> response =
                        client.send(
                            HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                            HttpResponse.BodyHandlers.discarding());
                    latencies.add(System.nanoTime() - t0);
                    if (response.statusCode() == 200) {
                      acked.addAndGet(GATEWAY_BATCH);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException("A gateway client failed", e.getCause());
        }
      }
      clients.shutdown();
      double seconds = seconds(started);
      return new Phase(
          "gateway HTTP (batches of " + GATEWAY_BATCH + ", " + GATEWAY_CLIENTS + " clients)",
          acked.get(),
          seconds,
          percentile(latencies, 0.99) / 1e6);
    }
  }

  private static void awaitHealthy(HttpClient client, URI health)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IOException("The gateway did not become healthy within 60 s");
  }

  private static void report(Result r, PrintStream out, Path outputDir, Duration d)
      throws IOException {
    out.println("| phase | records | seconds | records/s | p99 request ms |");
    out.println("|---|---:|---:|---:|---:|");
    for (Phase p : List.of(r.raw(), r.library(), r.gateway())) {
      out.printf(
          "| %s | %d | %.1f | %.0f | %s |%n",
          p.name(),
          p.records(),
          p.seconds(),
          p.perSecond(),
          Double.isNaN(p.p99Ms()) ? "" : String.format("%.1f", p.p99Ms()));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "ingest");
    json.put("phaseSeconds", d.toSeconds());
    for (Phase p : List.of(r.raw(), r.library(), r.gateway())) {
      Map<String, Object> phase = new LinkedHashMap<>();
      phase.put("records", p.records());
      phase.put("seconds", p.seconds());
      phase.put("recordsPerSecond", p.perSecond());
      if (!Double.isNaN(p.p99Ms())) {
        phase.put("p99RequestMs", p.p99Ms());
      }
      json.put(p.name(), phase);
    }
    json.put("libraryRatio", r.libraryRatio());
    json.put("gatewayRatio", r.gatewayRatio());
    Files.createDirectories(outputDir);
    Files.writeString(
        outputDir.resolve("ingest.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json),
        StandardCharsets.UTF_8);
    out.printf("library ratio: %.2f (target ≥ %.1f)%n", r.libraryRatio(), LIBRARY_TARGET);
    out.printf("ratio: %.2f (target ≥ %.1f)%n", r.gatewayRatio(), GATEWAY_TARGET);
  }

  private static MetricPoint point(long i) {
    MetricPoint point = new MetricPoint();
    point.setService("svc-" + (i % 16));
    point.setName("http.server.request.duration");
    point.setType(MetricType.HISTOGRAM);
    point.setValue(i % 1000 / 1000.0);
    point.setUnit("s");
    point.setAttributes(Map.of("http.route", "/orders/{id}", "http.response.status_code", "200"));
    return point;
  }

  private static byte[] batchBody(int events) {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < events; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append("{\"service\":\"svc-")
          .append(i % 16)
          .append("\",\"name\":\"http.server.request.duration\",\"type\":\"HISTOGRAM\",")
          .append("\"value\":")
          .append(i % 1000 / 1000.0)
          .append(",\"unit\":\"s\",\"attributes\":{\"http.route\":\"/orders/{id}\",")
          .append("\"http.response.status_code\":\"200\"}}");
    }
    return body.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static <V> Topic<String, V> renamed(Topic<String, V> topic, String name) {
    return new Topic<>(
        name,
        topic.partitions(),
        topic.replicationFactor(),
        topic.configs(),
        topic.keySerde(),
        topic.valueSerde());
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static double percentile(List<Long> values, double q) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
  }
}
