package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.config.VigilConfig;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged {@code vigil.jar stack} as a real process, the way a user does, and uses the
 * stack it prints: ready in time, topics created, an Avro record round trip through the registry,
 * clean stop on SIGTERM.
 */
class StackCommandIT {
  private static final Pattern READY = Pattern.compile("Vigil stack ready in ([0-9.]+) s");
  private static final Pattern ENDPOINT = Pattern.compile("^\\s*export (VIGIL_[A-Z_]+)=(\\S+)$");

  private Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldServeAvroRoundTripWhenStackCommandIsReady() throws Exception {
    // Given the packaged CLI started like bin/vigil does
    Path jar = Path.of("target", "vigil.jar");
    assertThat(jar).exists();
    process =
        new ProcessBuilder(
                "java", "-XX:TieredStopAtLevel=1", "-Xmx1g", "-jar", jar.toString(), "stack")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> collect(process, lines), "stack-stdout");
    reader.setDaemon(true);
    reader.start();

    // When it reports ready
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> lines.stream().anyMatch(l -> l.startsWith("Press Ctrl-C")));
    double readySeconds = readySeconds(lines);
    Map<String, String> env = endpoints(lines);

    // Then it reports its start-up time (measured, not gated: the 20 s target is checked on a quiet
    // machine and reported in the issue notes) and its endpoints carry an Avro round trip
    assertThat(readySeconds).isPositive();
    System.out.printf("vigil stack ready in %.1f s%n", readySeconds);
    VigilConfig config = VigilConfig.load(Optional.empty(), env, Map.of());
    TopicCatalog catalog = TopicCatalog.from(config);
    Topic<String, io.vigil.telemetry.MetricPoint> topic = catalog.metrics();
    io.vigil.telemetry.MetricPoint sent =
        io.vigil.telemetry.MetricPoint.newBuilder()
            .setEventId(java.util.UUID.randomUUID().toString())
            .setOccurredAt(java.time.Instant.parse("2026-11-23T10:00:00Z"))
            .setService("checkout")
            .setName("http.server.active_requests")
            .setType(io.vigil.telemetry.MetricType.GAUGE)
            .setValue(42.5)
            .build();
    try (KafkaProducer<String, io.vigil.telemetry.MetricPoint> producer =
        new KafkaProducer<>(
            config.producerProps(),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), "checkout", sent)).get(30, TimeUnit.SECONDS);
    }
    try (KafkaConsumer<String, io.vigil.telemetry.MetricPoint> consumer =
        new KafkaConsumer<>(
            config.consumerProps("stack-it-" + System.nanoTime()),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      List<io.vigil.telemetry.MetricPoint> received = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                ConsumerRecords<String, io.vigil.telemetry.MetricPoint> records =
                    consumer.poll(Duration.ofMillis(200));
                records.forEach(r -> received.add(r.value()));
                return !received.isEmpty();
              });
      assertThat(received).containsExactly(sent);
    }

    // And its PostgreSQL is ready for Debezium (logical decoding)
    String[] pg = postgres(lines);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg[0], pg[1], pg[2]);
        java.sql.ResultSet rs = c.createStatement().executeQuery("SHOW wal_level")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("logical");
    }

    // And SIGTERM stops it cleanly (through the handle: Process.destroy() also closes our end
    // of its stdout, and we want to read what it prints while stopping)
    assertThat(process.toHandle().destroy()).isTrue();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    reader.join(Duration.ofSeconds(10).toMillis());
    assertThat(lines).as("stdout of vigil stack").contains("Stopping the stack ...");
    assertThat(process.exitValue()).as("exit on SIGTERM").isEqualTo(143);
  }

  private static double readySeconds(List<String> lines) {
    synchronized (lines) {
      for (String line : lines) {
        Matcher m = READY.matcher(line);
        if (m.find()) {
          return Double.parseDouble(m.group(1));
        }
      }
    }
    throw new AssertionError("no ready line in " + lines);
  }

  private static final Pattern POSTGRES =
      Pattern.compile("^postgres\\s+(\\S+) \\(user (\\S+), password (\\S+)\\)$");

  private static String[] postgres(List<String> lines) {
    synchronized (lines) {
      for (String line : lines) {
        Matcher m = POSTGRES.matcher(line);
        if (m.matches()) {
          return new String[] {m.group(1), m.group(2), m.group(3)};
        }
      }
    }
    throw new AssertionError("no postgres line in " + lines);
  }

  private static Map<String, String> endpoints(List<String> lines) {
    Map<String, String> env = new java.util.HashMap<>();
    synchronized (lines) {
      for (String line : lines) {
        Matcher m = ENDPOINT.matcher(line);
        if (m.matches()) {
          env.put(m.group(1), m.group(2));
        }
      }
    }
    assertThat(env).containsKeys("VIGIL_KAFKA_BOOTSTRAP_SERVERS", "VIGIL_SCHEMA_REGISTRY_URL");
    return env;
  }

  private static void collect(Process process, List<String> lines) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("<stdout closed: " + e + ">");
    }
  }
}
