package io.vigil.flink.anomaly;

import io.vigil.analytics.univariate.UnivariateDetector;
import io.vigil.analytics.univariate.UnivariateScore;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Univariate anomaly detection of service metrics (e.g. CPU, request count), feeding the same
 * {@code analytics.anomalies} output as the traffic windows.
 *
 * <p><b>Business rule:</b> every metric series ({@code service|metric}) is scored point by point,
 * causally, by analytics' {@link UnivariateDetector}; a point whose score (0-1, scaled to 0-100)
 * reaches {@code minScore} becomes an anomaly of the SERVICE entity, explained by the metric's
 * value against the level the detector expected. While the detector warms up the anomaly says
 * {@code coldStart=true}. A series silent for {@code seriesTtl} of event time is forgotten.
 */
public final class MetricAnomalyFunction
    extends KeyedProcessFunction<String, MetricSample, AnomalyEvent> {

  private static final long serialVersionUID = 1L;

  /** {@link AnomalyEvent#modelVersion()} of metric anomalies. */
  public static final String MODEL_VERSION = "univariate-ewma";

  /** Name of the per-series detector state. */
  public static final String DETECTOR_STATE = "detector";

  /** Name of the per-series clean-up timer state. */
  public static final String TIMER_STATE = "cleanup-at";

  private final double minScore;
  private final long seriesTtlMs;

  private transient ValueState<UnivariateDetector> detector;
  private transient ValueState<Long> cleanupAt;

  /**
   * @param minScore points scoring below this (0-100) are not emitted
   * @param seriesTtl event time after a series' last point when its detector is dropped
   */
  public MetricAnomalyFunction(double minScore, Duration seriesTtl) {
    this.minScore = minScore;
    this.seriesTtlMs = seriesTtl.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    detector =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    DETECTOR_STATE, TypeInformation.of(UnivariateDetector.class)));
    cleanupAt = getRuntimeContext().getState(new ValueStateDescriptor<>(TIMER_STATE, Types.LONG));
  }

  @Override
  public void processElement(MetricSample point, Context ctx, Collector<AnomalyEvent> out)
      throws Exception {
    UnivariateDetector d = detector.value();
    if (d == null) {
      d = new UnivariateDetector();
    }
    UnivariateScore s = d.score(point.timestampMillis(), point.value());
    detector.update(d);

    Long previous = cleanupAt.value();
    long next =
        Math.max(
            previous == null ? Long.MIN_VALUE : previous, point.timestampMillis() + seriesTtlMs);
    if (previous == null || previous != next) {
      if (previous != null) {
        ctx.timerService().deleteEventTimeTimer(previous);
      }
      ctx.timerService().registerEventTimeTimer(next);
      cleanupAt.update(next);
    }

    double score = 100.0 * s.score();
    if (score >= minScore) {
      boolean warmingUp = s.status() == UnivariateScore.Status.WARMING_UP;
      double expected = Double.isFinite(s.expected()) ? s.expected() : point.value();
      out.collect(
          new AnomalyEvent(
              "SERVICE",
              point.service(),
              point.timestampMillis(),
              point.timestampMillis() + 1,
              score,
              warmingUp,
              "NONE",
              0.0,
              MODEL_VERSION,
              new String[] {point.metric()},
              new double[] {point.value()},
              new double[] {expected},
              new boolean[] {point.value() > expected}));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AnomalyEvent> out)
      throws Exception {
    Long due = cleanupAt.value();
    if (due != null && due == timestamp) {
      detector.clear();
      cleanupAt.clear();
    }
  }
}
