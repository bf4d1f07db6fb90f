package io.vigil.analytics.eval;

import io.vigil.analytics.model.ThreatClass;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores alerts against labelled intervals (used by the evaluation command and the demo report).
 *
 * <p>Window rules: a window's true class is the class of the interval of the same entity that
 * overlaps it most (overlap of half-open ranges), or {@link ThreatClass#NONE}. Detection
 * (class-agnostic): an alerted window inside an attack is a TP, an alerted window outside is a FP,
 * a silent window inside an attack is a FN. Per attack class {@code c}: TP = alerted, predicted
 * {@code c}, true {@code c}; FP = alerted, predicted {@code c}, true other; FN = true {@code c} and
 * not (alerted and predicted {@code c}). Interval rules: see {@link TimeToDetect}.
 */
public final class DetectionEvaluator {

  private DetectionEvaluator() {}

  /** Evaluates all scored windows (alerted or not) against the ground truth. */
  public static EvaluationReport evaluate(
      List<ScoredWindow> windows, List<LabelledInterval> truth) {
    Map<String, List<LabelledInterval>> byEntity = new HashMap<>();
    for (LabelledInterval i : truth) {
      byEntity.computeIfAbsent(i.entity(), e -> new ArrayList<>()).add(i);
    }
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    Map<ThreatClass, long[]> counts = new EnumMap<>(ThreatClass.class);
    Map<LabelledInterval, Long> firstDetection = new HashMap<>();
    for (ScoredWindow w : windows) {
      List<LabelledInterval> candidates = byEntity.getOrDefault(w.entity(), List.of());
      ThreatClass actual = ThreatClass.NONE;
      long bestOverlap = 0;
      for (LabelledInterval i : candidates) {
        long overlap =
            Math.min(w.endMillis(), i.endMillis()) - Math.max(w.startMillis(), i.startMillis());
        if (overlap > 0) {
          if (overlap > bestOverlap) {
            bestOverlap = overlap;
            actual = i.threatClass();
          }
          if (w.alerted()) {
            long delay = Math.max(0, w.endMillis() - i.startMillis());
            firstDetection.merge(i, delay, Math::min);
          }
        }
      }
      boolean attack = actual != ThreatClass.NONE;
      if (w.alerted() && attack) {
        tp++;
      } else if (w.alerted()) {
        fp++;
      } else if (attack) {
        fn++;
      } else {
        tn++;
      }
      ThreatClass predicted = w.alerted() ? w.predictedClass() : ThreatClass.NONE;
      if (predicted != ThreatClass.NONE) {
        counts.computeIfAbsent(predicted, c -> new long[3])[predicted == actual ? 0 : 1]++;
      }
      if (attack && predicted != actual) {
        counts.computeIfAbsent(actual, c -> new long[3])[2]++;
      }
    }
    for (LabelledInterval i : truth) {
      counts.computeIfAbsent(i.threatClass(), c -> new long[3]);
    }
    counts.remove(ThreatClass.NONE);
    Map<ThreatClass, ClassMetrics> perClass = new EnumMap<>(ThreatClass.class);
    double f1Sum = 0;
    for (Map.Entry<ThreatClass, long[]> e : counts.entrySet()) {
      long[] c = e.getValue();
      ClassMetrics m = new ClassMetrics(c[0], c[1], c[2]);
      perClass.put(e.getKey(), m);
      f1Sum += m.f1();
    }
    double macroF1 = perClass.isEmpty() ? 1.0 : f1Sum / perClass.size();

    Map<ThreatClass, List<LabelledInterval>> intervalsByClass = new EnumMap<>(ThreatClass.class);
    for (LabelledInterval i : truth) {
      intervalsByClass.computeIfAbsent(i.threatClass(), c -> new ArrayList<>()).add(i);
    }
    Map<ThreatClass, TimeToDetect> ttdPerClass = new EnumMap<>(ThreatClass.class);
    for (Map.Entry<ThreatClass, List<LabelledInterval>> e : intervalsByClass.entrySet()) {
      ttdPerClass.put(e.getKey(), timeToDetect(e.getValue(), firstDetection));
    }
    return new EvaluationReport(
        new ClassMetrics(tp, fp, fn),
        tn,
        perClass,
        macroF1,
        timeToDetect(truth, firstDetection),
        ttdPerClass);
  }

  private static TimeToDetect timeToDetect(
      List<LabelledInterval> intervals, Map<LabelledInterval, Long> firstDetection) {
    List<Long> delays = new ArrayList<>();
    for (LabelledInterval i : intervals) {
      Long d = firstDetection.get(i);
      if (d != null) {
        delays.add(d);
      }
    }
    if (delays.isEmpty()) {
      return new TimeToDetect(intervals.size(), 0, Double.NaN, -1, -1);
    }
    Collections.sort(delays);
    double mean = delays.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
    return new TimeToDetect(
        intervals.size(),
        delays.size(),
        mean,
        delays.get((delays.size() - 1) / 2),
        delays.get(delays.size() - 1));
  }
}
