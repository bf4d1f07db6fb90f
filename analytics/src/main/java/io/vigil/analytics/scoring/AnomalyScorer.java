package io.vigil.analytics.scoring;

import io.vigil.analytics.baseline.FeatureBaseline;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.ModelBundle;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.analytics.model.ThreatPrediction;

/**
 * Scores one entity window: what the anomaly job calls per window.
 *
 * <p>Rules: the explanation compares the window with the entity's baseline <em>before</em> the
 * window; with a model bundle the score is the larger of the bundle's isolation-forest score
 * (novelty: unlike normal training traffic) and the classifier's threat score {@code 100 ×} the
 * share of trees voting for an attack class (resemblance to a known attack), and the class is the
 * classifier's ({@link ThreatPrediction}: an attack class whenever the threat score is ≥ 50);
 * without one (cold start) the score is {@link FeatureBaseline#coldStartScore}, the class is {@link
 * ThreatClass#NONE} with confidence 0 and {@code coldStart} is true. Finally the window is added to
 * the baseline, whatever its score (an exponentially weighted baseline adapts to lasting changes).
 */
public final class AnomalyScorer {

  /** {@link AnomalyAssessment#modelVersion()} of a cold-start assessment. */
  public static final String BASELINE_MODEL_VERSION = "baseline";

  /** Default explanation length. */
  public static final int DEFAULT_TOP_K = 3;

  private final int topK;

  /** A scorer explaining with {@link #DEFAULT_TOP_K} features. */
  public AnomalyScorer() {
    this(DEFAULT_TOP_K);
  }

  /** A scorer explaining with the top {@code topK} (≥ 1) features. */
  public AnomalyScorer(int topK) {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1: " + topK);
    }
    this.topK = topK;
  }

  /** {@code 100 × attackShare}: 50 when half of the classifier's trees vote for an attack. */
  public static double threatScore(ThreatPrediction p) {
    return 100.0 * p.attackShare();
  }

  /**
   * Assesses {@code window} and then updates {@code baseline} with it.
   *
   * @param window the entity window
   * @param baseline the entity's baseline (mutated: the window is added)
   * @param bundle current models, or null before the first model arrives
   */
  public AnomalyAssessment assess(
      FeatureVector window, FeatureBaseline baseline, ModelBundle bundle) {
    long before = baseline.count();
    var explanation = baseline.explain(window, topK);
    AnomalyAssessment result;
    if (bundle == null) {
      result =
          new AnomalyAssessment(
              window.entityType(),
              window.entity(),
              window.windowStartMillis(),
              window.windowEndMillis(),
              baseline.coldStartScore(window),
              true,
              ThreatClass.NONE,
              0.0,
              explanation,
              BASELINE_MODEL_VERSION,
              before);
    } else {
      ThreatPrediction p = bundle.classify(window);
      result =
          new AnomalyAssessment(
              window.entityType(),
              window.entity(),
              window.windowStartMillis(),
              window.windowEndMillis(),
              Math.max(bundle.anomalyScore(window), threatScore(p)),
              false,
              p.threatClass(),
              p.confidence(),
              explanation,
              bundle.version(),
              before);
    }
    baseline.update(window);
    return result;
  }
}
