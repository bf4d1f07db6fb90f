package io.vigil.responders.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.analytics.LoadForecast;
import io.vigil.ops.ScalingCommand;
import io.vigil.ops.ScalingMode;
import io.vigil.responders.ScalingResponder;
import io.vigil.responders.kafka.ScalingHandler.LoadSource;
import io.vigil.responders.kafka.ScalingHandler.ScalingTopics;
import io.vigil.responders.kafka.ScalingHandler.Wiring;
import io.vigil.responders.scaling.ScalingConfig;
import io.vigil.responders.scaling.ScalingPolicy;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The scaling responder's wiring rules, without Kafka. */
class ScalingHandlerTest extends HandlerTestSupport {

  private static final String LOAD = "http.server.request.rate";
  private static final String REPLICAS = "k8s.deployment.desired_pods";

  private final ScalingTopics topics = ScalingResponder.TopicNames.defaults().resolve(catalog);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void shouldSumTheLatestPointOfEachInstanceWhenLoadIsReportedPerInstance() {
    // Given 2 replicas of checkout
    ScalingHandler handler = handler(LoadSource.METRICS, false);
    Recorder out = new Recorder();
    step(handler, metric("checkout", null, REPLICAS, 2, NOW), out);

    // When instance a reports 120 req/s, then instance b 130 req/s
    step(handler, metric("checkout", "a", LOAD, 120, NOW.plusSeconds(1)), out);
    step(handler, metric("checkout", "b", LOAD, 130, NOW.plusSeconds(2)), out);

    // Then the second evaluation sees 250 req/s in total and scales 2 -> 3
    assertThat(out.values(topics.commands()))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getObservedLoad()).isEqualTo(250.0);
              assertThat(c.getDesiredReplicas()).isEqualTo(3);
              assertThat(c.getMode()).isEqualTo(ScalingMode.ENFORCE);
              assertThat(c.getOccurredAt()).isEqualTo(NOW.plusSeconds(2));
            });
  }

  @Test
  void shouldPublishDryRunCommandsWhenTheResponderIsInDryRun() {
    // Given a responder in dry-run and 1 replica
    ScalingHandler handler = handler(LoadSource.METRICS, true);
    Recorder out = new Recorder();
    step(handler, metric("checkout", null, REPLICAS, 1, NOW), out);

    // When the load calls for 3
    step(handler, metric("checkout", null, LOAD, 300, NOW), out);

    // Then the command says so but is marked DRY_RUN
    ScalingCommand c = out.values(topics.commands()).get(0);
    assertThat(c.getDesiredReplicas()).isEqualTo(3);
    assertThat(c.getMode()).isEqualTo(ScalingMode.DRY_RUN);
    assertThat(c.getReason()).endsWith("[dry-run]");
  }

  @Test
  void shouldIgnoreUnmanagedServicesAndOtherForecastMetricsWhenTheyArrive() {
    // Given a responder managing checkout only
    ScalingHandler handler = handler(LoadSource.METRICS, false);
    Recorder out = new Recorder();

    // When another service reports, and a forecast of another metric arrives
    step(handler, metric("billing", null, REPLICAS, 1, NOW), out);
    step(handler, metric("billing", null, LOAD, 900, NOW), out);
    handler.begin();
    handler.onRecord(record(topics.forecasts(), "checkout", forecast("cpu_millicores", NOW)), out);
    handler.committed();

    // Then nothing is published or remembered, and the records are counted as ignored
    assertThat(out.sent).isEmpty();
    assertThat(handler.services()).isZero();
    assertThat(meters.find("vigil.scaling.ignored").counters())
        .extracting(c -> c.getId().getTag("record"))
        .containsOnly("metric", "forecast");
  }

  @Test
  void shouldCloseAnIdleRequestWindowOnATickWhenNoLaterRequestArrives() {
    // Given 1 replica and 300 requests in the one-second window [NOW, NOW+1s)
    ScalingHandler handler = handler(LoadSource.REQUESTS, false);
    Recorder out = new Recorder();
    step(handler, metric("checkout", null, REPLICAS, 1, NOW), out);
    handler.begin();
    for (int i = 0; i < 300; i++) {
      handler.onRecord(record(topics.requests(), "checkout", request(NOW.plusMillis(i))), out);
    }
    handler.committed();
    assertThat(out.values(topics.commands())).isEmpty();

    // When a tick runs one window after the window's end
    handler.begin();
    handler.onTick(NOW.plusSeconds(2), out);
    handler.committed();

    // Then the window is evaluated at its end: 300 req/s against 100 per replica -> 3
    assertThat(out.values(topics.commands()))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getObservedLoad()).isEqualTo(300.0);
              assertThat(c.getDesiredReplicas()).isEqualTo(3);
              assertThat(c.getOccurredAt()).isEqualTo(NOW.plusSeconds(1));
            });
  }

  @Test
  void shouldRejectAsInvalidWhenALoadValueIsNegative() {
    ScalingHandler handler = handler(LoadSource.METRICS, false);
    handler.begin();
    assertThatThrownBy(
            () ->
                handler.onRecord(
                    record(topics.metrics(), "checkout", metric("checkout", null, LOAD, -1, NOW)),
                    new Recorder()))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("load must be");
  }

  private ScalingHandler handler(LoadSource source, boolean dryRun) {
    Properties p = new Properties();
    p.setProperty("vigil.scaling.services", "checkout");
    return new ScalingHandler(
        new ScalingPolicy(ScalingConfig.fromProperties(p)),
        topics,
        new Wiring(source, LOAD, REPLICAS, "request_rate", Duration.ofSeconds(1), dryRun),
        meters);
  }

  private void step(ScalingHandler handler, MetricPoint p, Recorder out) {
    handler.begin();
    handler.onRecord(record(topics.metrics(), p.getService(), p), out);
    handler.committed();
  }

  private static MetricPoint metric(
      String service, String instance, String name, double value, Instant at) {
    return MetricPoint.newBuilder()
        .setEventId(service + name + at)
        .setOccurredAt(at)
        .setService(service)
        .setServiceInstance(instance)
        .setName(name)
        .setValue(value)
        .build();
  }

  private static LoadForecast forecast(String metric, Instant at) {
    return LoadForecast.newBuilder()
        .setEventId("f1")
        .setOccurredAt(at)
        .setService("checkout")
        .setMetric(metric)
        .setStepMs(60_000)
        .setGeneratedAt(at)
        .setPoints(List.of())
        .setModel("test@1")
        .build();
  }

  private static RequestLog request(Instant at) {
    return RequestLog.newBuilder()
        .setEventId("r" + at.toEpochMilli())
        .setOccurredAt(at)
        .setService("checkout")
        .setClientIp("192.0.2.1")
        .setMethod("GET")
        .setPath("/")
        .setStatus(200)
        .setLatencyMs(1)
        .build();
  }
}
