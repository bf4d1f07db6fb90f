package io.vigil.responders.scaling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Named instants, builders and a small driver shared by the scaling tests. */
abstract class ScalingTestBase {

  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  static final String SERVICE = "checkout";

  static Instant seconds(long s) {
    return T0.plusSeconds(s);
  }

  /**
   * A policy managing {@value #SERVICE}, from {@code property=value} settings of that service (e.g.
   * {@code min-replicas=2}); keys starting with {@code vigil.} are taken as they are.
   */
  static ScalingPolicy policy(String... settings) {
    return new ScalingPolicy(config(settings));
  }

  static ScalingConfig config(String... settings) {
    return ScalingConfig.fromProperties(properties(settings));
  }

  static Properties properties(String... settings) {
    Properties p = new Properties();
    p.setProperty(ScalingConfig.SERVICES.name(), SERVICE);
    for (String s : settings) {
      int eq = s.indexOf('=');
      String key = s.substring(0, eq).trim();
      if (!key.startsWith("vigil.")) {
        key = ScalingConfig.SERVICE_PREFIX + SERVICE + "." + key;
      }
      p.setProperty(key, s.substring(eq + 1).trim());
    }
    return p;
  }

  /** Settings without cooldown and stabilization, to observe one HPA rule at a time. */
  static String[] plainHpa(String... more) {
    List<String> s = new ArrayList<>(List.of("cooldown=0s", "scale-down.stabilization-window=0s"));
    s.addAll(List.of(more));
    return s.toArray(new String[0]);
  }

  static LoadObservation total(int replicas, double load, Instant at) {
    return LoadObservation.total(SERVICE, at, replicas, load);
  }

  static ForecastSignal forecast(Instant generatedAt, ForecastPoint... points) {
    return new ForecastSignal(SERVICE, generatedAt, List.of(points));
  }

  static ForecastPoint point(Instant at, double mean, double upper80, double upper95) {
    return new ForecastPoint(at, mean, upper80, upper95);
  }

  /**
   * Drives one service like a deployment that applies every actionable decision at once: the
   * replica count follows the decisions.
   */
  static final class Driver {
    final ScalingPolicy policy;
    ScalingState state = ScalingState.initial(SERVICE);
    int replicas;
    final List<ScalingDecision> decisions = new ArrayList<>();
    ScalingResult last;

    Driver(ScalingPolicy policy, int replicas) {
      this.policy = policy;
      this.replicas = replicas;
    }

    /** Observes the given total load at {@code at}; returns the replicas afterwards. */
    int observe(double totalLoad, Instant at) {
      last = policy.evaluate(state, LoadObservation.total(SERVICE, at, replicas, totalLoad), at);
      state = last.state();
      last.decision()
          .ifPresent(
              d -> {
                decisions.add(d);
                if (d.actionable()) {
                  replicas = d.desiredReplicas();
                }
              });
      return replicas;
    }

    /** Observes an HPA-style per-replica average at {@code at}. */
    int observeAverage(double averagePerReplica, Instant at) {
      return observe(averagePerReplica * replicas, at);
    }

    void forecast(ForecastSignal f) {
      state = policy.onForecast(state, f);
    }

    ScalingDecision decision() {
      return last.decision().orElseThrow(() -> new AssertionError(last.explanation()));
    }
  }
}
