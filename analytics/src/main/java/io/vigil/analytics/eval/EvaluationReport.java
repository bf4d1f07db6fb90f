package io.vigil.analytics.eval;

import io.vigil.analytics.model.ThreatClass;
import java.util.Map;

/**
 * Quality of alerts against ground truth.
 *
 * @param detection class-agnostic window-level counts (alerted vs inside any attack interval)
 * @param trueNegatives windows neither alerted nor inside an attack
 * @param perClass class-aware window-level counts per attack class (predicted class must match)
 * @param macroF1 mean F1 over the attack classes present in truth or predictions (1 if none)
 * @param timeToDetect detection delay over all intervals
 * @param timeToDetectPerClass detection delay per attack class
 */
public record EvaluationReport(
    ClassMetrics detection,
    long trueNegatives,
    Map<ThreatClass, ClassMetrics> perClass,
    double macroF1,
    TimeToDetect timeToDetect,
    Map<ThreatClass, TimeToDetect> timeToDetectPerClass) {

  public EvaluationReport {
    perClass = Map.copyOf(perClass);
    timeToDetectPerClass = Map.copyOf(timeToDetectPerClass);
  }
}
