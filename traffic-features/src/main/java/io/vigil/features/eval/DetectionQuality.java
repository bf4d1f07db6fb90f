package io.vigil.features.eval;

import io.vigil.analytics.eval.ClassMetrics;
import io.vigil.analytics.model.ThreatClass;
import java.util.Map;

/**
 * Window-level quality of one detector on one set of windows ({@link WindowEvaluation} says how
 * each number is counted).
 *
 * @param windows windows counted (attack + normal)
 * @param ignoredWindows windows left out (they overlap only unobservable labels)
 * @param attackWindows windows of an attack
 * @param detection class-agnostic counts: an alert on an attack window is a TP whatever its class
 * @param trueNegatives normal windows without an alert
 * @param classAware strict counts: TP = alert naming the window's true class; every other alert is
 *     a FP; every attack window without such an alert is a FN
 * @param perClass per attack class (the classes of the ground truth)
 * @param perVariant per attack class and variant, keyed {@code class/variant}, in key order
 * @param timeToDetect over all attack intervals
 */
public record DetectionQuality(
    long windows,
    long ignoredWindows,
    long attackWindows,
    ClassMetrics detection,
    long trueNegatives,
    ClassMetrics classAware,
    Map<ThreatClass, ClassQuality> perClass,
    Map<String, VariantQuality> perVariant,
    TimeToDetectStats timeToDetect) {

  public DetectionQuality {
    Map<ThreatClass, ClassQuality> classes = new java.util.EnumMap<>(ThreatClass.class);
    classes.putAll(perClass);
    perClass = java.util.Collections.unmodifiableMap(classes);
    perVariant = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perVariant));
  }

  /** False-positive rate of the detection: alerts on normal windows / normal windows. */
  public double falsePositiveRate() {
    long normal = detection.falsePositives() + trueNegatives;
    return normal == 0 ? 0.0 : (double) detection.falsePositives() / normal;
  }

  /**
   * Quality for one attack class.
   *
   * @param windows attack windows of the class
   * @param detected of those, windows with an alert of any class (detection recall numerator)
   * @param classAware TP = alert of this class on a window of this class; FP = alert of this class
   *     on any other window (normal or another class); FN = window of this class without an alert
   *     of this class
   * @param timeToDetect over the class's intervals
   */
  public record ClassQuality(
      long windows, long detected, ClassMetrics classAware, TimeToDetectStats timeToDetect) {

    /** Share of the class's windows with an alert of any class. */
    public double detectionRecall() {
      return windows == 0 ? 1.0 : (double) detected / windows;
    }
  }

  /**
   * Recall for one class and variant ({@code normal}, {@code slow_and_low}).
   *
   * @param windows attack windows of the class and variant
   * @param detected of those, windows with an alert of any class
   * @param correctClass of those, windows with an alert of their class
   * @param timeToDetect over the intervals of the class and variant
   */
  public record VariantQuality(
      long windows, long detected, long correctClass, TimeToDetectStats timeToDetect) {

    /** Share of windows with an alert of any class. */
    public double detectionRecall() {
      return windows == 0 ? 1.0 : (double) detected / windows;
    }

    /** Share of windows with an alert of their class. */
    public double classRecall() {
      return windows == 0 ? 1.0 : (double) correctClass / windows;
    }
  }
}
