package io.vigil.flink.runner;

import static io.vigil.flink.runner.FlinkJobSubmissionIT.commonArgs;
import static io.vigil.flink.runner.FlinkJobSubmissionIT.jobJar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.analytics.Anomaly;
import io.vigil.analytics.ModelKind;
import io.vigil.analytics.ModelRef;
import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.LabelledVector;
import io.vigil.analytics.model.ModelBundle;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.analytics.model.Trainer;
import io.vigil.analytics.model.TrainerConfig;
import io.vigil.devstack.StackEndpoints;
import io.vigil.flink.runner.FlinkSubmitter.RunRequest;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.MetricType;
import io.vigil.telemetry.RequestLog;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The anomaly job from the shaded jar on a local cluster against the real broker: cold-start scores
 * first, then a model published on the model topic is hot-swapped in without a restart; metric
 * anomalies join the same output; a late record lands in the dead-letter topic.
 */
@VigilStack
@ExtendWith(SharedFlinkCluster.class)
class TrafficAnomalyJobIT {

  private static final Logger LOG = LoggerFactory.getLogger(TrafficAnomalyJobIT.class);

  private static final long T0 = 1_767_225_600_000L;
  private static final long WINDOW = 1_000L;

  @Test
  void shouldPublishColdStartThenModelScoredAnomaliesWhenModelIsPublishedWhileRunning(
      StackEndpoints stack, LocalFlinkCluster flink, TestInfo info, @TempDir Path dir)
      throws Exception {
    // Given
    String name = TestNames.unique(info);
    String requests = name + ".requests";
    String spans = name + ".spans";
    String metrics = name + ".metrics";
    String models = name + ".models";
    String anomalies = name + ".anomalies";
    KafkaTestSupport kafka = new KafkaTestSupport(stack);
    kafka.createTopics(requests, spans, metrics, models, anomalies, requests + ".dlq");
    FlinkSubmitter submitter = new FlinkSubmitter(flink.restUrl());
    long start = System.nanoTime();
    String jarId = submitter.uploadJar(jobJar());
    long uploaded = System.nanoTime();
    String jobId =
        submitter.run(
            jarId,
            RunRequest.of(
                FlinkSubmitter.ANOMALY_JOB,
                commonArgs(
                    stack,
                    name,
                    "--topic.requests",
                    requests,
                    "--topic.spans",
                    spans,
                    "--topic.metrics",
                    metrics,
                    "--topic.models",
                    models,
                    "--topic.anomalies",
                    anomalies,
                    "--window-ms",
                    Long.toString(WINDOW),
                    "--idleness-ms",
                    "500",
                    "--min-score",
                    "0")));
    try {
      submitter.awaitRunning(jobId, Duration.ofMinutes(2));
      LOG.info(
          "anomaly job: upload {} ms, run -> all tasks RUNNING {} ms",
          (uploaded - start) / 1_000_000,
          (System.nanoTime() - uploaded) / 1_000_000);
      AtomicInteger nextWindow = new AtomicInteger();

      // When: traffic without any model
      for (int w = 0; w < 3; w++) {
        kafka.produce(requests, window(nextWindow.getAndIncrement()), RequestLog::getService);
      }

      // Then: cold-start anomalies, scored from the baseline
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(kafka.readCommitted(anomalies, Anomaly.class))
                      .extracting(r -> r.value().getEntity())
                      .contains("checkout", "198.51.100.7", "alice"));
      assertThat(kafka.readCommitted(anomalies, Anomaly.class))
          .allSatisfy(
              r -> {
                assertThat(r.value().getColdStart()).isTrue();
                assertThat(r.value().getModelVersion()).isEqualTo("baseline");
              });

      // When: a model is published (stored as a file, referenced by URI) and traffic goes on
      ModelRef ref = publishableModel(dir, "it-" + name);
      kafka.produce(models, List.of(ref), ModelRef::getName);

      // Then: later windows are scored by that model, with no restart in between
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                kafka.produce(
                    requests, window(nextWindow.getAndIncrement()), RequestLog::getService);
                assertThat(kafka.readCommitted(anomalies, Anomaly.class))
                    .anySatisfy(
                        r -> {
                          assertThat(r.value().getModelVersion()).isEqualTo(ref.getVersion());
                          assertThat(r.value().getColdStart()).isFalse();
                          assertThat(r.value().getScore()).isBetween(0.0, 100.0);
                        });
              });
      assertThat(submitter.jobState(jobId)).isEqualTo("RUNNING");

      // When: a metric series and a record far behind the watermark arrive
      kafka.produce(metrics, cpuSeries(), MetricPoint::getService);
      kafka.produce(requests, List.of(request(T0, "alice")), RequestLog::getService);

      // Then: metric anomalies join the output, the late record is dead-lettered
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                assertThat(kafka.readCommitted(anomalies, Anomaly.class))
                    .anySatisfy(
                        r -> assertThat(r.value().getModelVersion()).isEqualTo("univariate-ewma"));
                assertThat(kafka.readCommittedRaw(requests + ".dlq"))
                    .isNotEmpty()
                    .allSatisfy(
                        r ->
                            assertThat(
                                    new String(
                                        r.headers().lastHeader("vigil.dlq.error.class").value(),
                                        StandardCharsets.UTF_8))
                                .isEqualTo("LateEvent"));
              });
      List<ConsumerRecord<String, Anomaly>> out = kafka.readCommitted(anomalies, Anomaly.class);
      assertThat(out).extracting(r -> r.value().getEventId()).doesNotHaveDuplicates();
    } finally {
      submitter.cancel(jobId);
    }
  }

  /** Ten requests in window {@code w}: one service, one client, one principal. */
  private static List<RequestLog> window(int w) {
    List<RequestLog> logs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      logs.add(request(T0 + 60_000 + w * WINDOW + i * 90L, "alice"));
    }
    return logs;
  }

  private static RequestLog request(long at, String principal) {
    return RequestLog.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.ofEpochMilli(at))
        .setService("checkout")
        .setClientIp("198.51.100.7")
        .setPrincipal(principal)
        .setMethod("GET")
        .setRoute("/orders/{id}")
        .setPath("/orders/1")
        .setStatus(200)
        .setLatencyMs(15)
        .setBytesOut(900)
        .build();
  }

  private static List<MetricPoint> cpuSeries() {
    List<MetricPoint> points = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      points.add(
          MetricPoint.newBuilder()
              .setEventId(UUID.randomUUID().toString())
              .setOccurredAt(Instant.ofEpochMilli(T0 + 60_000 + i * 500L))
              .setService("checkout")
              .setName("process.cpu.utilization")
              .setType(MetricType.GAUGE)
              .setValue(i == 29 ? 0.99 : 0.3)
              .build());
    }
    return points;
  }

  /** A small bundle written to a file and referenced by URI + SHA-256, as `vigil train` may. */
  private static ModelRef publishableModel(Path dir, String version) throws Exception {
    Random random = new Random(3);
    List<LabelledVector> examples = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      double[] v = new double[Feature.count()];
      v[Feature.REQUEST_RATE.ordinal()] = 5 + 10 * random.nextDouble();
      v[Feature.LATENCY_P50_MS.ordinal()] = 10 + 10 * random.nextDouble();
      v[Feature.DISTINCT_ROUTES.ordinal()] = 1 + random.nextInt(5);
      EntityType type = EntityType.values()[i % 3];
      boolean attack = i % 5 == 0;
      if (attack) {
        v[Feature.REQUEST_RATE.ordinal()] *= 50;
      }
      examples.add(
          new LabelledVector(
              new FeatureVector(type, "e" + i, T0, T0 + WINDOW, v),
              attack ? ThreatClass.DDOS : ThreatClass.NONE));
    }
    ModelBundle bundle =
        new Trainer(new TrainerConfig(11, 20, 64, 10, 8, 2, 16, 1_000))
            .train(examples, version, Instant.now());
    byte[] bytes = bundle.toBytes();
    Path file = Files.write(dir.resolve(version + ".bin"), bytes);
    return ModelRef.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.now())
        .setName("traffic")
        .setVersion(version)
        .setKind(ModelKind.ANOMALY_DETECTOR)
        .setAlgorithm("isolation-forest+random-forest")
        .setTrainedAt(Instant.now())
        .setArtifactUri(file.toUri().toString())
        .setArtifactSha256(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .setFeatureNames(featureNames())
        .setMetrics(Map.of())
        .build();
  }

  private static List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (Feature f : Feature.values()) {
      names.add(f.featureName());
    }
    return names;
  }
}
