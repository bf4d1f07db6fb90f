package io.vigil.responders.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the scaling policy over arbitrary loads and forecasts. */
class ScalingPropertiesTest {

  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  @Property(tries = 300)
  void shouldNeverGoBelowTheReactiveCountWhenAForecastIsAdded(
      @ForAll @IntRange(min = 1, max = 40) int current,
      @ForAll @DoubleRange(min = 0, max = 10_000) double observed,
      @ForAll @DoubleRange(min = 0, max = 10_000) double forecastLoad) {
    String[] common = {"max-replicas=100", "cooldown=0s", "scale-down.stabilization-window=0s"};
    ScalingPolicy reactive = ScalingTestBase.policy(with(common, "mode=reactive"));
    ScalingPolicy predictive = ScalingTestBase.policy(with(common, "mode=predictive"));
    ForecastSignal f =
        new ForecastSignal(
            ScalingTestBase.SERVICE,
            T0,
            List.of(new ForecastPoint(T0.plus(Duration.ofMinutes(2)), 0, forecastLoad, 0)));
    LoadObservation o = ScalingTestBase.total(current, observed, T0);

    int r =
        desired(reactive.evaluate(ScalingState.initial(ScalingTestBase.SERVICE), o, T0), current);
    ScalingState withForecast =
        predictive.onForecast(ScalingState.initial(ScalingTestBase.SERVICE), f);
    int p = desired(predictive.evaluate(withForecast, o, T0), current);

    assertThat(p).isGreaterThanOrEqualTo(r);
    if (r >= current) {
      assertThat(p).as("a forecast alone never scales in").isGreaterThanOrEqualTo(current);
    }
  }

  @Property(tries = 200)
  void shouldStayWithinBoundsAndRateLimitsWhenLoadVariesArbitrarily(
      @ForAll @Size(min = 1, max = 80) List<@DoubleRange(min = 0, max = 5_000) Double> loads,
      @ForAll @IntRange(min = 2, max = 20) int initial) {
    ScalingPolicy policy =
        ScalingTestBase.policy(
            "min-replicas=2",
            "max-replicas=20",
            "cooldown=0s",
            "scale-down.stabilization-window=60s",
            "scale-down.policies=pods:2:30s");
    ScalingState state = ScalingState.initial(ScalingTestBase.SERVICE);
    int replicas = initial;
    List<Instant> times = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    Instant now = T0;
    for (double load : loads) {
      now = now.plusSeconds(5);
      ScalingResult res = policy.evaluate(state, ScalingTestBase.total(replicas, load, now), now);
      state = res.state();
      if (res.decision().isPresent()) {
        ScalingDecision d = res.decision().get();
        assertThat(d.actionable()).isTrue();
        assertThat(d.currentReplicas()).isEqualTo(replicas);
        replicas = d.desiredReplicas();
      }
      assertThat(replicas).isBetween(2, 20);
      times.add(now);
      counts.add(replicas);
    }
    // As the HPA measures it, whenever a scaling action happens: against the count at the start
    // of the policy's period, at most 2 pods removed per 30 s, at most max(+4, +100 %) per 15 s
    for (int j = 0; j < times.size(); j++) {
      int before = j == 0 ? initial : counts.get(j - 1);
      int after = counts.get(j);
      if (after < before) {
        int start = countAt(times.get(j).minusSeconds(30), times, counts, initial);
        assertThat(after).isGreaterThanOrEqualTo(start - 2);
      } else if (after > before) {
        int start = countAt(times.get(j).minusSeconds(15), times, counts, initial);
        assertThat(after).isLessThanOrEqualTo(Math.max(start + 4, 2 * start));
      }
    }
  }

  /** The replica count after every evaluation at or before {@code t}. */
  private static int countAt(Instant t, List<Instant> times, List<Integer> counts, int initial) {
    int c = initial;
    for (int k = 0; k < times.size() && !times.get(k).isAfter(t); k++) {
      c = counts.get(k);
    }
    return c;
  }

  private static int desired(ScalingResult r, int current) {
    return r.decision().map(ScalingDecision::desiredReplicas).orElse(current);
  }

  private static String[] with(String[] base, String extra) {
    String[] all = new String[base.length + 1];
    System.arraycopy(base, 0, all, 0, base.length);
    all[base.length] = extra;
    return all;
  }
}
