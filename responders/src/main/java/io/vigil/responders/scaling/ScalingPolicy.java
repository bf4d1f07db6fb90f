package io.vigil.responders.scaling;

import io.vigil.responders.config.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * The scaling policy: the Kubernetes HorizontalPodAutoscaler algorithm plus a predictive part, as a
 * pure function of a {@link ScalingState}, an observation and {@code now}. It never reads the clock
 * and does no I/O.
 *
 * <p>One evaluation, in the HPA's order:
 *
 * <ol>
 *   <li>A target with 0 replicas is not scaled (as the HPA, which treats it as switched off); a
 *       replica count outside min..max is brought back to the nearest bound at once.
 *   <li><b>Reactive</b>: {@code desired = ceil(current * observed / target)}, i.e. {@code
 *       ceil(totalLoad / targetPerReplica)}, unless the ratio is within the tolerance of 1 (then
 *       the current count; separate tolerances up and down, default 0.1).
 *   <li><b>Predictive</b> (mode predictive): the configured bound (upper80 by default) of the
 *       forecast point at {@code now + leadTime} is a candidate load, giving a candidate count the
 *       same way. The recommendation is {@code max(reactive, predictive)}: a forecast scales out
 *       ahead of load but never scales in on its own. A missing, stale ({@code generatedAt} older
 *       than the max age) or too short forecast means reactive only, and the decision says so.
 *   <li><b>Stabilization</b>: the recommendation is recorded; scaling down goes only to the highest
 *       recommendation within the scale-down window (default 300 s), so a brief dip does not scale
 *       in, and scaling up only to the lowest within the scale-up window (default 0). As the HPA,
 *       the first evaluation of a service seeds the scale-down window with the current count, so a
 *       restart never scales in at once.
 *   <li><b>Rate policies</b>: within each policy's period, at most {@code value} pods or percent of
 *       the replicas at the period's start may be added/removed; {@code selectPolicy} MAX takes the
 *       most permissive policy, MIN the least, DISABLED forbids the direction. Then min/max
 *       replicas clamp.
 *   <li><b>Cooldown</b>: no actionable decision within the cooldown after the last one.
 * </ol>
 *
 * <p>In forecast-only mode the service is scaled reactively; when the forecast would have led to
 * another count and no action is taken, a decision marked not actionable recommends it.
 */
public final class ScalingPolicy {

  /** Floating-point noise ignored when comparing ratios and rounding replica counts. */
  private static final double FLOAT_NOISE = 1e-9;

  private final ScalingConfig config;

  /** A policy with the given validated configuration. */
  public ScalingPolicy(ScalingConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The configuration. */
  public ScalingConfig config() {
    return config;
  }

  /** The state of a service never seen before. */
  public ScalingState initialState(String service) {
    return ScalingState.initial(service);
  }

  /**
   * Records a forecast for the service; the newest forecast (by {@code generatedAt}) is kept, so a
   * late, older one does not replace it.
   */
  public ScalingState onForecast(ScalingState state, ForecastSignal forecast) {
    if (!state.service().equals(forecast.service())) {
      throw new IllegalArgumentException(
          "forecast for " + forecast.service() + " given to the state of " + state.service());
    }
    ForecastSignal current = state.forecast();
    if (current != null && current.generatedAt().isAfter(forecast.generatedAt())) {
      return state;
    }
    return state.withForecast(forecast);
  }

  /** Evaluates one observation at {@code now}: at most one decision. */
  public ScalingResult evaluate(ScalingState state, LoadObservation observation, Instant now) {
    Objects.requireNonNull(observation, "observation");
    Objects.requireNonNull(now, "now");
    if (!state.service().equals(observation.service())) {
      throw new IllegalArgumentException(
          "observation of " + observation.service() + " given to the state of " + state.service());
    }
    Optional<ServiceScalingConfig> maybe = config.service(observation.service());
    if (maybe.isEmpty()) {
      return none(
          state,
          "service "
              + observation.service()
              + " is not managed (not listed in "
              + ScalingConfig.SERVICES.name()
              + ")");
    }
    ServiceScalingConfig cfg = maybe.get();
    ScalingState s = state.pruned(now, cfg.recommendationHorizon(), cfg.eventHorizon());
    int current = observation.currentReplicas();
    if (current == 0) {
      return none(s, "scaling inactive: the target has 0 replicas (as the HPA)");
    }
    List<String> notes = new ArrayList<>();
    Forecast fc = forecast(s, cfg, now);

    int reactive = desiredFor(observation.totalLoad(), current, cfg);
    notes.add(
        "observed "
            + num(observation.totalLoad())
            + " over "
            + current
            + " replicas vs target "
            + num(cfg.targetPerReplica())
            + "/replica (ratio "
            + num(ratio(observation.totalLoad(), current, cfg))
            + ") -> "
            + reactive
            + (reactive == current ? " (within tolerance)" : ""));
    int predictive = -1;
    ForecastStatus status = fc.status;
    if (fc.load.isPresent()) {
      predictive = desiredFor(fc.load.getAsDouble(), current, cfg);
      status = predictive > reactive ? ForecastStatus.USED : ForecastStatus.BELOW_REACTIVE;
      notes.add(
          "forecast "
              + cfg.forecastBound().name().toLowerCase(Locale.ROOT)
              + " "
              + num(fc.load.getAsDouble())
              + " at "
              + fc.pointAt
              + " (lead "
              + Durations.format(cfg.leadTime())
              + ") -> "
              + predictive
              + (predictive > reactive
                  ? (cfg.mode() == ScalingMode.PREDICTIVE ? ", above observed: used" : "")
                  : ", not above observed: never scales in on a forecast alone"));
    } else {
      notes.add(fc.note);
    }
    boolean forecastAbove = predictive > reactive;
    int withForecast = forecastAbove ? predictive : reactive;
    int raw = cfg.mode() == ScalingMode.PREDICTIVE ? withForecast : reactive;
    ScalingBasis basis =
        cfg.mode() == ScalingMode.PREDICTIVE && forecastAbove
            ? ScalingBasis.FORECAST
            : ScalingBasis.OBSERVED;
    ScalingRule baseRule =
        basis == ScalingBasis.FORECAST ? ScalingRule.FORECAST_LOAD : ScalingRule.OBSERVED_LOAD;

    Normalized n;
    if (current > cfg.maxReplicas()) {
      n = new Normalized(cfg.maxReplicas(), ScalingRule.MAX_REPLICAS, "current above max-replicas");
    } else if (current < cfg.minReplicas()) {
      n = new Normalized(cfg.minReplicas(), ScalingRule.MIN_REPLICAS, "current below min-replicas");
    } else {
      if (s.recommendations().isEmpty() && !cfg.scaleDown().stabilizationWindow().isZero()) {
        s = s.withRecommendation(now, current); // as the HPA: no scale-in right after start
      }
      n = normalize(s, cfg, current, raw, baseRule, now);
    }
    ScalingState recorded = s.withRecommendation(now, raw);
    if (n.replicas != current) {
      notes.add(n.note);
    }

    Instant cooldownEnd =
        recorded.lastScaleAt() == null ? null : recorded.lastScaleAt().plus(cfg.cooldown());
    boolean inCooldown = cooldownEnd != null && now.isBefore(cooldownEnd);
    if (n.replicas != current && !inCooldown) {
      if (cfg.mode() == ScalingMode.FORECAST_ONLY && forecastAbove) {
        notes.add("forecast-only mode: forecast would give " + predictive);
      }
      ScalingDecision d =
          decision(cfg, observation, now, n.replicas, n.rule, basis, notes, fc, status, true);
      return new ScalingResult(
          recorded.withScale(now, n.replicas - current), Optional.of(d), d.reason());
    }
    if (n.replicas != current) {
      notes.add("cooldown until " + cooldownEnd + " (" + Durations.format(cfg.cooldown()) + ")");
    }
    if (cfg.mode() == ScalingMode.FORECAST_ONLY && forecastAbove) {
      Normalized would =
          current > cfg.maxReplicas() || current < cfg.minReplicas()
              ? n
              : normalize(s, cfg, current, withForecast, ScalingRule.FORECAST_LOAD, now);
      if (would.replicas != current) {
        notes.add(
            "forecast-only mode: recommending "
                + would.replicas
                + (would.rule == ScalingRule.FORECAST_LOAD ? "" : " (" + would.note + ")")
                + ", no action");
        ScalingDecision d =
            decision(
                cfg,
                observation,
                now,
                would.replicas,
                would.rule,
                ScalingBasis.FORECAST,
                notes,
                fc,
                status,
                false);
        return new ScalingResult(recorded, Optional.of(d), d.reason());
      }
    }
    return none(recorded, "no change from " + current + ": " + String.join("; ", notes));
  }

  /** HPA replica calculation with tolerance, for a total load. */
  private static int desiredFor(double totalLoad, int current, ServiceScalingConfig cfg) {
    double ratio = ratio(totalLoad, current, cfg);
    double deviation = Math.abs(1 - ratio) - FLOAT_NOISE; // a ratio of exactly 1.1 is within 0.1
    double tolerance = ratio > 1 ? cfg.scaleUp().tolerance() : cfg.scaleDown().tolerance();
    if (deviation <= tolerance) {
      return current;
    }
    // Subtract a hair so that float noise (e.g. 2.0000000000000004) does not add a replica.
    double exact = totalLoad / cfg.targetPerReplica();
    double desired = Math.ceil(exact - FLOAT_NOISE);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, desired));
  }

  private static double ratio(double totalLoad, int current, ServiceScalingConfig cfg) {
    return totalLoad / (current * cfg.targetPerReplica());
  }

  /** Stabilization windows, then rate policies and min/max, as the HPA's normalization. */
  private static Normalized normalize(
      ScalingState s,
      ServiceScalingConfig cfg,
      int current,
      int raw,
      ScalingRule baseRule,
      Instant now) {
    Instant upCutoff = now.minus(cfg.scaleUp().stabilizationWindow());
    Instant downCutoff = now.minus(cfg.scaleDown().stabilizationWindow());
    int upRecommendation = raw;
    int downRecommendation = raw;
    for (Recommendation r : s.recommendations()) {
      if (r.at().isAfter(upCutoff)) {
        upRecommendation = Math.min(upRecommendation, r.replicas());
      }
      if (r.at().isAfter(downCutoff)) {
        downRecommendation = Math.max(downRecommendation, r.replicas());
      }
    }
    int stabilized = current;
    if (stabilized < upRecommendation) {
      stabilized = upRecommendation;
    }
    if (stabilized > downRecommendation) {
      stabilized = downRecommendation;
    }
    ScalingRule rule = baseRule;
    String note = "recommendation " + raw;
    if (stabilized != raw) {
      if (raw >= current) {
        rule = ScalingRule.SCALE_UP_STABILIZATION;
        note =
            "scale-up stabilization ("
                + Durations.format(cfg.scaleUp().stabilizationWindow())
                + " window, lowest recent recommendation) -> "
                + stabilized;
      } else {
        rule = ScalingRule.SCALE_DOWN_STABILIZATION;
        note =
            "scale-down stabilization ("
                + Durations.format(cfg.scaleDown().stabilizationWindow())
                + " window, highest recent recommendation) -> "
                + stabilized;
      }
    }
    int result = stabilized;
    if (stabilized > current) {
      int limit = scaleUpLimit(current, s.scaleEvents(), cfg.scaleUp(), now);
      if (limit < current) {
        limit = current;
      }
      int maxAllowed;
      ScalingRule limiting;
      String why;
      if (cfg.maxReplicas() > limit) {
        maxAllowed = limit;
        limiting = ScalingRule.SCALE_UP_RATE_LIMIT;
        why =
            "scale-up policies "
                + cfg.scaleUp().policies()
                + " select "
                + cfg.scaleUp().select().name().toLowerCase(Locale.ROOT)
                + " allow "
                + limit;
      } else {
        maxAllowed = cfg.maxReplicas();
        limiting = ScalingRule.MAX_REPLICAS;
        why = "max-replicas " + cfg.maxReplicas();
      }
      if (stabilized > maxAllowed) {
        result = maxAllowed;
        rule = limiting;
        note = note + "; limited by " + why + " -> " + maxAllowed;
      }
    } else if (stabilized < current) {
      int limit = scaleDownLimit(current, s.scaleEvents(), cfg.scaleDown(), now);
      if (limit > current) {
        limit = current;
      }
      int minAllowed;
      ScalingRule limiting;
      String why;
      if (cfg.minReplicas() < limit) {
        minAllowed = limit;
        limiting = ScalingRule.SCALE_DOWN_RATE_LIMIT;
        why =
            "scale-down policies "
                + cfg.scaleDown().policies()
                + " select "
                + cfg.scaleDown().select().name().toLowerCase(Locale.ROOT)
                + " allow "
                + limit;
      } else {
        minAllowed = cfg.minReplicas();
        limiting = ScalingRule.MIN_REPLICAS;
        why = "min-replicas " + cfg.minReplicas();
      }
      if (stabilized < minAllowed) {
        result = minAllowed;
        rule = limiting;
        note = note + "; limited by " + why + " -> " + minAllowed;
      }
    }
    return new Normalized(result, rule, note);
  }

  /**
   * Highest count the scale-up policies allow: per policy, the replicas at the start of its period
   * plus the policy's pods or percent (rounded up, so a percentage always adds at least one).
   */
  static int scaleUpLimit(int current, List<ScaleEvent> events, ScalingRules rules, Instant now) {
    if (rules.select() == SelectPolicy.DISABLED) {
      return current;
    }
    boolean min = rules.select() == SelectPolicy.MIN;
    long result = min ? Long.MAX_VALUE : Long.MIN_VALUE;
    for (RatePolicy p : rules.policies()) {
      long start = periodStart(current, events, p.period(), now);
      long proposed =
          p.type() == RatePolicy.Type.PODS
              ? start + p.value()
              : ceilDiv(start * (100L + p.value()), 100L);
      result = min ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, result));
  }

  /**
   * Lowest count the scale-down policies allow: per policy, the replicas at the start of its period
   * minus the policy's pods or percent (the remaining count rounded down).
   */
  static int scaleDownLimit(int current, List<ScaleEvent> events, ScalingRules rules, Instant now) {
    if (rules.select() == SelectPolicy.DISABLED) {
      return current;
    }
    boolean min = rules.select() == SelectPolicy.MIN;
    // MIN change when scaling down is the highest count; MAX change the lowest.
    long result = min ? Long.MIN_VALUE : Long.MAX_VALUE;
    for (RatePolicy p : rules.policies()) {
      long start = periodStart(current, events, p.period(), now);
      long proposed =
          p.type() == RatePolicy.Type.PODS
              ? start - p.value()
              : Math.floorDiv(start * (100L - p.value()), 100L);
      result = min ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, result));
  }

  /** Replicas at the start of the period: current minus added plus removed within it. */
  private static long periodStart(
      int current, List<ScaleEvent> events, Duration period, Instant now) {
    Instant cutoff = now.minus(period);
    long start = current;
    for (ScaleEvent e : events) {
      if (e.at().isAfter(cutoff)) {
        start -= e.change();
      }
    }
    return start;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private Forecast forecast(ScalingState s, ServiceScalingConfig cfg, Instant now) {
    if (cfg.mode() == ScalingMode.REACTIVE) {
      return Forecast.unusable(ForecastStatus.NOT_CONSULTED, "reactive mode: forecast not used");
    }
    ForecastSignal f = s.forecast();
    if (f == null) {
      return Forecast.unusable(ForecastStatus.MISSING, "no forecast received: reactive only");
    }
    Duration age = Duration.between(f.generatedAt(), now);
    if (age.compareTo(cfg.forecastMaxAge()) > 0) {
      return Forecast.unusable(
          ForecastStatus.STALE,
          "forecast generated at "
              + f.generatedAt()
              + " is stale (older than "
              + Durations.format(cfg.forecastMaxAge())
              + "): reactive only");
    }
    Instant at = now.plus(cfg.leadTime());
    for (ForecastPoint p : f.points()) {
      if (!p.at().isBefore(at)) {
        return new Forecast(
            ForecastStatus.USED, OptionalDouble.of(cfg.forecastBound().of(p)), p.at(), null);
      }
    }
    return Forecast.unusable(
        ForecastStatus.HORIZON_TOO_SHORT,
        "forecast horizon ends before now + lead time " + at + ": reactive only");
  }

  private ScalingDecision decision(
      ServiceScalingConfig cfg,
      LoadObservation o,
      Instant now,
      int desired,
      ScalingRule rule,
      ScalingBasis basis,
      List<String> notes,
      Forecast fc,
      ForecastStatus status,
      boolean actionable) {
    long bucketMillis = config.decisionIdBucket().toMillis();
    long bucket = now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), bucketMillis);
    String name =
        "vigil-scaling|"
            + cfg.service()
            + "|"
            + bucket
            + "|"
            + desired
            + "|"
            + (actionable ? "act" : "recommend");
    String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    String reason =
        (actionable ? "scale " : "recommend (forecast-only) ")
            + cfg.service()
            + " "
            + o.currentReplicas()
            + " -> "
            + desired
            + " by "
            + rule.name().toLowerCase(Locale.ROOT)
            + ": "
            + String.join("; ", notes);
    return new ScalingDecision(
        id,
        cfg.service(),
        o.currentReplicas(),
        desired,
        now,
        rule,
        basis,
        reason,
        o.totalLoad(),
        fc.load,
        status,
        actionable);
  }

  private static ScalingResult none(ScalingState s, String why) {
    return new ScalingResult(s, Optional.empty(), why);
  }

  private static String num(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e12) {
      return Long.toString((long) d);
    }
    return String.format(Locale.ROOT, "%.3f", d);
  }

  private static final class Normalized {
    final int replicas;
    final ScalingRule rule;
    final String note;

    Normalized(int replicas, ScalingRule rule, String note) {
      this.replicas = replicas;
      this.rule = rule;
      this.note = note;
    }
  }

  private static final class Forecast {
    final ForecastStatus status;
    final OptionalDouble load;
    final Instant pointAt;
    final String note;

    Forecast(ForecastStatus status, OptionalDouble load, Instant pointAt, String note) {
      this.status = status;
      this.load = load;
      this.pointAt = pointAt;
      this.note = note;
    }

    static Forecast unusable(ForecastStatus status, String note) {
      return new Forecast(status, OptionalDouble.empty(), null, note);
    }
  }
}
