package io.vigil.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one demo run (what {@code vigil demo} parses). Ports: 0 picks a free one.
 *
 * @param duration traffic to simulate (real time)
 * @param scenarioFile scenario JSON, or null for the built-in demo script
 * @param seed simulator seed of the run (the model is trained on another seed)
 * @param noAttacks drop the scenario's attacks (surges stay)
 * @param restPort order saga REST API
 * @param flinkUiPort Flink REST API and web UI
 * @param gatewayPort ingest gateway (JSON and OTLP/HTTP)
 * @param kafkaPort embedded broker
 * @param registryPort embedded Schema Registry
 * @param postgresPort embedded PostgreSQL
 * @param reportDir where the Markdown and JSON reports go
 * @param refresh live console period
 * @param trainingData simulated traffic the model is trained on
 * @param jobJar the Flink job jar, or null to locate it
 */
public record DemoOptions(
    Duration duration,
    Path scenarioFile,
    long seed,
    boolean noAttacks,
    int restPort,
    int flinkUiPort,
    int gatewayPort,
    int kafkaPort,
    int registryPort,
    int postgresPort,
    Path reportDir,
    Duration refresh,
    Duration trainingData,
    Path jobJar) {

  public DemoOptions {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(reportDir, "reportDir");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(trainingData, "trainingData");
    if (duration.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException("--duration must be at least 10s: " + duration);
    }
    if (refresh.isNegative() || refresh.isZero()) {
      throw new IllegalArgumentException("refresh must be positive");
    }
  }

  /** 90 s, built-in scenario, seed 7, default ports (REST 8090, Flink UI 8082, gateway 4318). */
  public static DemoOptions defaults() {
    return new DemoOptions(
        Duration.ofSeconds(90),
        null,
        7,
        false,
        8090,
        8082,
        4318,
        0,
        0,
        0,
        Path.of("vigil-demo-report"),
        Duration.ofSeconds(5),
        Duration.ofMinutes(8),
        null);
  }

  /** A copy with other ports (e.g. all 0 for tests). */
  public DemoOptions withPorts(int rest, int flinkUi, int gateway) {
    return new DemoOptions(
        duration,
        scenarioFile,
        seed,
        noAttacks,
        rest,
        flinkUi,
        gateway,
        kafkaPort,
        registryPort,
        postgresPort,
        reportDir,
        refresh,
        trainingData,
        jobJar);
  }
}
