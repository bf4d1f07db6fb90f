package io.vigil.responders.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The predictive part: forecasts scale out ahead of load and never scale in on their own. */
class PredictiveScalingTest extends ScalingTestBase {

  /** Predictive mode, target 100 per replica, lead time 2 min, no cooldown or down window. */
  static ScalingPolicy predictive(String... more) {
    String[] base = {
      "target-per-replica=100",
      "max-replicas=20",
      "mode=predictive",
      "forecast.lead-time=2m",
      "cooldown=0s",
      "scale-down.stabilization-window=0s"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return policy(all);
  }

  /** A forecast generated at {@code generatedAt}, one point per minute for 30 minutes. */
  static ForecastSignal flat(Instant generatedAt, double mean, double upper80, double upper95) {
    ForecastPoint[] points = new ForecastPoint[30];
    for (int i = 0; i < points.length; i++) {
      points[i] = point(generatedAt.plus(Duration.ofMinutes(i + 1)), mean, upper80, upper95);
    }
    return forecast(generatedAt, points);
  }

  @Test
  void shouldScaleOutAheadOfLoadWhenTheForecastUpperBoundExceedsCapacity() {
    // Given 4 replicas carrying 400 (at target) and a forecast whose upper80 reaches 800
    Driver d = new Driver(predictive(), 4);
    d.forecast(flat(T0, 600, 800, 950));
    // When the observed load is still at target
    d.observe(400, T0);
    // Then the policy scales to 8 now, for the load forecast at now + 2 min
    ScalingDecision decision = d.decision();
    assertThat(decision.desiredReplicas()).isEqualTo(8);
    assertThat(decision.basis()).isEqualTo(ScalingBasis.FORECAST);
    assertThat(decision.rule()).isEqualTo(ScalingRule.FORECAST_LOAD);
    assertThat(decision.forecastLoad()).hasValue(800);
    assertThat(decision.forecastStatus()).isEqualTo(ForecastStatus.USED);
    assertThat(decision.observedLoad()).isEqualTo(400);
    assertThat(decision.actionable()).isTrue();
    assertThat(decision.reason())
        .contains("forecast upper80 800 at " + T0.plus(Duration.ofMinutes(2)))
        .contains("above observed: used");
  }

  @Test
  void shouldStillBeLimitedByTheRatePoliciesWhenScalingOnAForecast() {
    Driver d = new Driver(predictive(), 2);
    d.forecast(flat(T0, 1500, 2000, 2500));
    assertThat(d.observe(200, T0)).isEqualTo(6); // +4 pods in the first 15 s
    assertThat(d.decision().rule()).isEqualTo(ScalingRule.SCALE_UP_RATE_LIMIT);
    assertThat(d.decision().basis()).isEqualTo(ScalingBasis.FORECAST);
  }

  @ParameterizedTest(name = "bound {0} -> {1} replicas")
  @CsvSource({"mean, 5", "upper80, 7", "upper95, 8"})
  void shouldProvisionForTheConfiguredBoundWhenForecasting(String bound, int expected) {
    Driver d = new Driver(predictive("forecast.bound=" + bound), 4);
    d.forecast(flat(T0, 500, 700, 800));
    assertThat(d.observe(400, T0)).isEqualTo(expected);
  }

  @Test
  void shouldNeverScaleInWhenOnlyTheForecastIsLow() {
    // Given 10 replicas at target and a forecast of a quiet period
    Driver d = new Driver(predictive(), 10);
    d.forecast(flat(T0, 100, 150, 200));
    // When the observed load stays at target
    for (int s = 0; s <= 600; s += 15) {
      d.observe(1000, seconds(s));
    }
    // Then there is never a scale-in
    assertThat(d.decisions).isEmpty();
    assertThat(d.replicas).isEqualTo(10);
    assertThat(d.last.explanation()).contains("never scales in on a forecast alone");
  }

  @Test
  void shouldScaleInOnlyToTheForecastLevelWhenTheObservedLoadDrops() {
    // Observed load says 3, the forecast (upper80) says 7 will be needed: max(3, 7) = 7
    Driver d = new Driver(predictive(), 10);
    d.forecast(flat(T0, 500, 700, 900));
    assertThat(d.observe(300, T0)).isEqualTo(7);
    assertThat(d.decision().basis()).isEqualTo(ScalingBasis.FORECAST);
  }

  @Test
  void shouldFallBackToReactiveAndSayItWhenTheForecastIsStale() {
    // Given a forecast generated 20 minutes before now (max age 15 min)
    Driver d = new Driver(predictive("forecast.max-age=15m"), 4);
    Instant now = T0.plus(Duration.ofMinutes(20));
    d.forecast(flat(T0.plus(Duration.ofMinutes(5)).minus(Duration.ofSeconds(1)), 900, 1200, 1500));
    // When the observed load rises moderately
    d.observe(600, now);
    // Then the decision follows the observed load only, and says why
    ScalingDecision decision = d.decision();
    assertThat(decision.desiredReplicas()).isEqualTo(6);
    assertThat(decision.basis()).isEqualTo(ScalingBasis.OBSERVED);
    assertThat(decision.forecastStatus()).isEqualTo(ForecastStatus.STALE);
    assertThat(decision.forecastLoad()).isEmpty();
    assertThat(decision.reason()).contains("is stale (older than 15m): reactive only");
  }

  @Test
  void shouldUseTheForecastWhenItIsExactlyAtTheMaximumAge() {
    Driver d = new Driver(predictive("forecast.max-age=15m"), 4);
    d.forecast(flat(T0, 900, 900, 900));
    d.observe(400, T0.plus(Duration.ofMinutes(15)));
    assertThat(d.decision().forecastStatus()).isEqualTo(ForecastStatus.USED);
  }

  @Test
  void shouldFallBackToReactiveWhenNoForecastWasReceived() {
    Driver d = new Driver(predictive(), 4);
    d.observe(600, T0);
    assertThat(d.decision().desiredReplicas()).isEqualTo(6);
    assertThat(d.decision().forecastStatus()).isEqualTo(ForecastStatus.MISSING);
    assertThat(d.decision().reason()).contains("no forecast received: reactive only");
  }

  @Test
  void shouldFallBackToReactiveWhenTheHorizonEndsBeforeTheLeadTime() {
    Driver d = new Driver(predictive("forecast.lead-time=45m"), 4);
    d.forecast(flat(T0, 2000, 2000, 2000)); // points up to T0 + 30 min
    d.observe(600, T0);
    assertThat(d.decision().desiredReplicas()).isEqualTo(6);
    assertThat(d.decision().forecastStatus()).isEqualTo(ForecastStatus.HORIZON_TOO_SHORT);
  }

  @Test
  void shouldUseThePointAtOrAfterNowPlusLeadTimeWhenSelecting() {
    Driver d = new Driver(predictive("forecast.lead-time=90s"), 4);
    d.forecast(
        forecast(
            T0,
            point(seconds(60), 0, 1000, 0),
            point(seconds(120), 0, 600, 0),
            point(seconds(180), 0, 2000, 0)));
    assertThat(d.observe(400, T0)).isEqualTo(6);
    assertThat(d.decision().forecastLoad()).hasValue(600);
  }

  @Test
  void shouldIgnoreTheForecastWhenTheModeIsReactive() {
    Driver d = new Driver(predictive("mode=reactive"), 4);
    d.forecast(flat(T0, 2000, 2000, 2000));
    d.observe(400, T0);
    assertThat(d.last.decision()).isEmpty();
    assertThat(d.last.explanation()).contains("reactive mode: forecast not used");
  }

  @Test
  void shouldKeepTheNewestForecastWhenAnOlderOneArrivesLate() {
    ScalingPolicy p = predictive();
    ScalingState s = p.initialState(SERVICE);
    ForecastSignal newer = flat(seconds(60), 1, 1, 1);
    ForecastSignal older = flat(T0, 2, 2, 2);
    s = p.onForecast(s, newer);
    s = p.onForecast(s, older);
    assertThat(s.forecast()).isEqualTo(newer);
  }

  @Test
  void shouldRecommendWithoutActingWhenTheModeIsForecastOnly() {
    // Given forecast-only mode and a forecast above capacity
    Driver d = new Driver(predictive("mode=forecast_only"), 4);
    d.forecast(flat(T0, 600, 800, 950));
    // When the observed load is at target
    d.observe(400, T0);
    // Then a recommendation marked not actionable, and the replicas do not change
    ScalingDecision r = d.decision();
    assertThat(r.actionable()).isFalse();
    assertThat(r.desiredReplicas()).isEqualTo(8);
    assertThat(r.basis()).isEqualTo(ScalingBasis.FORECAST);
    assertThat(r.forecastLoad()).hasValue(800);
    assertThat(r.reason()).startsWith("recommend (forecast-only)").contains("no action");
    assertThat(d.replicas).isEqualTo(4);
    assertThat(d.state.lastScaleAt()).isNull();
    assertThat(d.state.scaleEvents()).isEmpty();
    // And its id never collides with an action to the same count
    ScalingResult acted =
        predictive().evaluate(d.policy.initialState(SERVICE), total(4, 800, T0), T0);
    assertThat(acted.decision().get().desiredReplicas()).isEqualTo(8);
    assertThat(acted.decision().get().id()).isNotEqualTo(r.id());
  }

  @Test
  void shouldActReactivelyWhenTheModeIsForecastOnly() {
    Driver d = new Driver(predictive("mode=forecast_only"), 4);
    d.forecast(flat(T0, 600, 800, 950));
    d.observe(600, T0);
    assertThat(d.decision().actionable()).isTrue();
    assertThat(d.decision().desiredReplicas()).isEqualTo(6);
    assertThat(d.decision().basis()).isEqualTo(ScalingBasis.OBSERVED);
    assertThat(d.decision().reason()).contains("forecast-only mode: forecast would give 8");
  }
}
