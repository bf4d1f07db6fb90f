package io.vigil.responders.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.vigil.analytics.ForecastPoint;
import io.vigil.analytics.LoadForecast;
import io.vigil.devstack.StackEndpoints;
import io.vigil.ops.ForecastStatus;
import io.vigil.ops.ScalingBasis;
import io.vigil.ops.ScalingCommand;
import io.vigil.ops.ScalingMode;
import io.vigil.responders.RunningComponent;
import io.vigil.responders.ScalingResponder;
import io.vigil.responders.kafka.ScalingHandler;
import io.vigil.responders.kafka.ScalingHandler.ScalingTopics;
import io.vigil.responders.scaling.ScalingConfig;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.MetricType;
import io.vigil.telemetry.RequestLog;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The scaling responder on the embedded stack: forecast and load in, scaling commands out. */
@VigilStack
class ScalingResponderIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SERVICE = "checkout";

  private final List<RunningComponent> started = new ArrayList<>();
  private StackKafka kafka;
  private ScalingResponder.Options options;
  private ScalingTopics topics;
  private ScalingConfig policy;

  @BeforeEach
  void setUp(StackEndpoints stack, TestInfo info) {
    kafka = new StackKafka(stack);
    String name = TestNames.unique(info);
    ScalingResponder.TopicNames names =
        new ScalingResponder.TopicNames(
            name + ".forecasts", name + ".metrics", name + ".requests", name + ".commands");
    options =
        ScalingResponder.Options.defaults()
            .withTopics(names)
            .withIds(name + "-group", name + "-tx")
            .withHttpPort(-1);
    topics = names.resolve(kafka.catalog());
    Properties p = new Properties();
    p.setProperty("vigil.scaling.services", SERVICE);
    policy = ScalingConfig.fromProperties(p);
  }

  @AfterEach
  void tearDown() {
    started.forEach(RunningComponent::close);
    kafka.close();
  }

  @Test
  void shouldScaleOutAheadOfLoadWhenTheForecastUpperBoundExceedsTheObservedLoad() {
    // Given a responder, 2 replicas and a forecast of 800 req/s (upper80) two minutes ahead
    RunningComponent responder = start(options);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    kafka.produce(topics.metrics(), SERVICE, metric("k8s.deployment.desired_pods", 2, now));
    kafka.produce(topics.forecasts(), SERVICE, forecast(now.minusSeconds(10), 500, 800));
    await()
        .atMost(WAIT)
        .until(
            () ->
                processed(responder, topics.metrics().name()) >= 1
                    && processed(responder, topics.forecasts().name()) >= 1);

    // When the service observes 150 req/s, within what 2 replicas carry
    kafka.produce(topics.metrics(), SERVICE, metric("http.server.request.rate", 150, now));

    // Then it scales out on the forecast, as far as the scale-up rate policy allows (2 -> 6)
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(kafka.values(topics.commands())).hasSize(1));
    ScalingCommand c = kafka.values(topics.commands()).get(0);
    assertThat(c.getService()).isEqualTo(SERVICE);
    assertThat(c.getCurrentReplicas()).isEqualTo(2);
    assertThat(c.getDesiredReplicas()).isEqualTo(6);
    assertThat(c.getBasis()).isEqualTo(ScalingBasis.FORECAST);
    assertThat(c.getForecastStatus()).isEqualTo(ForecastStatus.USED);
    assertThat(c.getForecastUpperBound()).isEqualTo(800.0);
    assertThat(c.getObservedLoad()).isEqualTo(150.0);
    assertThat(c.getMode()).isEqualTo(ScalingMode.ENFORCE);
    assertThat(c.getCommandId()).isEqualTo(c.getEventId());
    assertThat(c.getOccurredAt()).isEqualTo(now);
  }

  @Test
  void shouldScaleOnTheRequestRateWhenLoadComesFromAccessLogs() {
    // Given a responder counting requests in 10 s windows, 10 req/s per replica, and 1 replica
    Properties p = new Properties();
    p.setProperty("vigil.scaling.services", SERVICE);
    p.setProperty("vigil.scaling.default.target-per-replica", "10");
    policy = ScalingConfig.fromProperties(p);
    RunningComponent responder =
        start(
            options.withWiring(
                new ScalingHandler.Wiring(
                    ScalingHandler.LoadSource.REQUESTS,
                    "unused",
                    "k8s.deployment.desired_pods",
                    "request_rate",
                    Duration.ofSeconds(10),
                    false)));
    long windowMs = 10_000;
    Instant window =
        Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), windowMs) * windowMs);
    kafka.produce(topics.metrics(), SERVICE, metric("k8s.deployment.desired_pods", 1, window));
    await().atMost(WAIT).until(() -> processed(responder, topics.metrics().name()) >= 1);

    // When 450 requests arrive in one window, then one in the next window closes it
    for (int i = 0; i < 450; i++) {
      kafka.produce(topics.requests(), SERVICE, request(window.plusMillis(i * 10L)));
    }
    kafka.produce(topics.requests(), SERVICE, request(window.plusMillis(windowMs)));

    // Then 45 req/s against 10 per replica scales 1 -> 5, reactively (no forecast)
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(kafka.values(topics.commands())).hasSize(1));
    ScalingCommand c = kafka.values(topics.commands()).get(0);
    assertThat(c.getCurrentReplicas()).isEqualTo(1);
    assertThat(c.getDesiredReplicas()).isEqualTo(5);
    assertThat(c.getObservedLoad()).isEqualTo(45.0);
    assertThat(c.getBasis()).isEqualTo(ScalingBasis.OBSERVED);
    assertThat(c.getForecastStatus()).isEqualTo(ForecastStatus.MISSING);
    assertThat(c.getOccurredAt()).isEqualTo(window.plusMillis(windowMs));
  }

  private RunningComponent start(ScalingResponder.Options o) {
    RunningComponent c = ScalingResponder.start(kafka.config(), policy, o);
    started.add(c);
    return c;
  }

  private static double processed(RunningComponent c, String topic) {
    Counter counter =
        c.metrics()
            .find("vigil.loop.records")
            .tags("topic", topic, "outcome", "processed")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static MetricPoint metric(String name, double value, Instant at) {
    return MetricPoint.newBuilder()
        .setEventId(java.util.UUID.randomUUID().toString())
        .setOccurredAt(at)
        .setService(SERVICE)
        .setName(name)
        .setType(MetricType.GAUGE)
        .setValue(value)
        .build();
  }

  private static LoadForecast forecast(Instant generatedAt, double mean, double upper80) {
    List<ForecastPoint> points = new ArrayList<>();
    for (int m = 1; m <= 10; m++) {
      points.add(
          ForecastPoint.newBuilder()
              .setTimestamp(generatedAt.plus(Duration.ofMinutes(m)))
              .setMean(mean)
              .setLower80(mean / 2)
              .setUpper80(upper80)
              .setLower95(mean / 3)
              .setUpper95(upper80 * 1.2)
              .build());
    }
    return LoadForecast.newBuilder()
        .setEventId(java.util.UUID.randomUUID().toString())
        .setOccurredAt(generatedAt)
        .setService(SERVICE)
        .setMetric("request_rate")
        .setStepMs(60_000)
        .setGeneratedAt(generatedAt)
        .setPoints(points)
        .setModel("test@1")
        .build();
  }

  private static RequestLog request(Instant at) {
    return RequestLog.newBuilder()
        .setEventId(java.util.UUID.randomUUID().toString())
        .setOccurredAt(at)
        .setService(SERVICE)
        .setClientIp("192.0.2.10")
        .setMethod("GET")
        .setPath("/cart")
        .setStatus(200)
        .setLatencyMs(12.5)
        .build();
  }
}
