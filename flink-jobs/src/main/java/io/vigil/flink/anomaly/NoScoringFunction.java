package io.vigil.flink.anomaly;

import io.vigil.analytics.features.FeatureVector;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Stands in for {@link AnomalyScoringFunction} under {@code --scoring none}: receives the same
 * keyed windows and broadcast models, counts the windows ({@value #WINDOWS_METRIC}) and emits
 * nothing. It keeps no state. Used as the reference of {@code vigil bench flink} (the windowed
 * pipeline without the cost of baselines and model scoring); never for detection.
 */
public final class NoScoringFunction
    extends KeyedBroadcastProcessFunction<String, FeatureVector, ModelArtifact, AnomalyEvent> {

  private static final long serialVersionUID = 1L;

  /** Counter of windows received. */
  public static final String WINDOWS_METRIC = "vigilWindowsUnscored";

  private transient Counter windows;

  @Override
  public void open(OpenContext openContext) {
    windows = getRuntimeContext().getMetricGroup().counter(WINDOWS_METRIC);
  }

  @Override
  public void processElement(
      FeatureVector window, ReadOnlyContext ctx, Collector<AnomalyEvent> out) {
    windows.inc();
  }

  @Override
  public void processBroadcastElement(
      ModelArtifact artifact, Context ctx, Collector<AnomalyEvent> out) {
    // Models are read like in the scoring job but not used.
  }
}
