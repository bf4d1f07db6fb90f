package io.vigil.flink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.analytics.LoadForecast;
import io.vigil.devstack.StackEndpoints;
import io.vigil.flink.runner.FlinkSubmitter.RunRequest;
import io.vigil.telemetry.RequestLog;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole production path: the shaded job jar (kafka-clients 4.2.0 inside) uploaded over REST to
 * a local cluster in a JVM that also runs the 4.3.1 broker, reading and writing that broker with
 * EXACTLY_ONCE; output checked with read_committed.
 */
@VigilStack
@ExtendWith(SharedFlinkCluster.class)
class FlinkJobSubmissionIT {

  private static final Logger LOG = LoggerFactory.getLogger(FlinkJobSubmissionIT.class);
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, step-aligned

  @Test
  void shouldKeepForecastStateWhenStoppedWithSavepointAndResubmittedFromIt(
      StackEndpoints stack, LocalFlinkCluster flink, TestInfo info) throws Exception {
    // Given: four 1-second steps of requests (the fourth still open)
    String name = TestNames.unique(info);
    String requests = name + ".requests";
    String forecasts = name + ".forecasts";
    KafkaTestSupport kafka = new KafkaTestSupport(stack);
    kafka.createTopics(requests, forecasts);
    kafka.produce(requests, steps(0, 4), RequestLog::getService);
    RunRequest run =
        RunRequest.of(
            FlinkSubmitter.FORECAST_JOB,
            commonArgs(
                stack,
                name,
                "--topic.requests",
                requests,
                "--topic.forecasts",
                forecasts,
                "--step-ms",
                "1000",
                "--season-steps",
                "3",
                "--horizon",
                "3"));
    FlinkSubmitter submitter = new FlinkSubmitter(flink.restUrl());

    // When: the job jar is uploaded and run over REST
    long start = System.nanoTime();
    String jarId = submitter.uploadJar(jobJar());
    long uploaded = System.nanoTime();
    String first = submitter.run(jarId, run);
    submitter.awaitRunning(first, Duration.ofMinutes(2));
    LOG.info(
        "forecast job: upload {} ms, run -> all tasks RUNNING {} ms",
        (uploaded - start) / 1_000_000,
        (System.nanoTime() - uploaded) / 1_000_000);

    // Then: one committed forecast per closed step
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> assertThat(kafka.readCommitted(forecasts, LoadForecast.class)).hasSize(3));
    assertThat(submitter.listJobs()).extracting(JobSummary::id).contains(first);
    HttpResponse<String> ui =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(flink.restUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ui.statusCode()).as("web UI").isEqualTo(200);
    assertThat(ui.body()).containsIgnoringCase("flink");

    // When: stopped with a savepoint, resubmitted from it, and traffic goes on
    String savepoint = submitter.stopWithSavepoint(first, null, Duration.ofMinutes(1));
    String second = submitter.run(jarId, run.fromSavepoint(savepoint));
    try {
      submitter.awaitRunning(second, Duration.ofMinutes(2));
      List<RequestLog> more = steps(4, 7);
      more.add(request("checkout", T0 + 20_000L));
      kafka.produce(requests, more, RequestLog::getService);

      // Then: every step forecast exactly once across the restart, and the history survived:
      // 7 steps >= 2 seasons of 3 only if the 3 steps before the savepoint were kept
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> assertThat(kafka.readCommitted(forecasts, LoadForecast.class)).hasSize(7));
      List<ConsumerRecord<String, LoadForecast>> out =
          kafka.readCommitted(forecasts, LoadForecast.class);
      assertThat(out).extracting(ConsumerRecord::key).containsOnly("checkout");
      assertThat(out)
          .extracting(r -> r.value().getGeneratedAt().toEpochMilli())
          .containsExactly(
              T0 + 1_000, T0 + 2_000, T0 + 3_000, T0 + 4_000, T0 + 5_000, T0 + 6_000, T0 + 7_000);
      assertThat(out).allSatisfy(r -> assertThat(r.value().getPoints()).hasSize(3));
      assertThat(out.get(2).value().getSeasonal()).isFalse();
      assertThat(out.get(2).value().getNote()).contains("too short");
      assertThat(out.get(6).value().getSeasonal()).isTrue();
    } finally {
      submitter.cancel(second);
    }
  }

  /** Requests of steps {@code [from, to)}: 2-4 per 1-second step, so the series varies. */
  private static List<RequestLog> steps(int from, int to) {
    List<RequestLog> logs = new ArrayList<>();
    for (int step = from; step < to; step++) {
      for (int i = 0; i < 2 + step % 3; i++) {
        logs.add(request("checkout", T0 + step * 1_000L + i * 100L));
      }
    }
    return logs;
  }

  static List<String> commonArgs(StackEndpoints stack, String name, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.schemaRegistryUrl(),
                "--group-id",
                name,
                "--transactional-id-prefix",
                name,
                "--checkpoint-interval-ms",
                "500",
                "--out-of-orderness-ms",
                "1",
                "--parallelism",
                "1"));
    args.addAll(List.of(extra));
    return args;
  }

  static Path jobJar() {
    Path jar =
        Path.of(System.getProperty("vigil.flink-jobs.jar", "target/job-jars/vigil-flink-jobs.jar"));
    assertThat(jar).as("shaded job jar copied at pre-integration-test").exists();
    assertThat(Files.isRegularFile(jar)).isTrue();
    return jar;
  }

  static RequestLog request(String service, long at) {
    return RequestLog.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.ofEpochMilli(at))
        .setService(service)
        .setClientIp("10.0.0.1")
        .setMethod("GET")
        .setRoute("/orders/{id}")
        .setPath("/orders/1")
        .setStatus(200)
        .setLatencyMs(12.5)
        .build();
  }
}
