package io.vigil.features.eval;

import io.vigil.analytics.eval.ClassMetrics;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.simulator.GroundTruthLabel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Window-level precision, recall, F1 and time-to-detect of a detector's verdicts against the
 * simulator's ground truth. Pure.
 *
 * <p>Definitions (a window is one entity over one window length, exactly the windows the anomaly
 * job scores; its truth comes from {@link io.vigil.features.GroundTruth}):
 *
 * <ul>
 *   <li>Ignored windows (overlapping only unobservable labels) are not counted anywhere.
 *   <li><b>Detection</b> (class-agnostic): TP = alert on an attack window, FP = alert on a normal
 *       window, FN = attack window without an alert, TN = normal window without an alert.
 *   <li><b>Class-aware</b> (strict): TP = alert naming the window's true class; FP = any other
 *       alert (on a normal window, or naming another class, or naming {@code none}); FN = attack
 *       window without an alert naming its class. Per class {@code c}: TP = alert {@code c} on a
 *       {@code c} window, FP = alert {@code c} on any other window, FN = {@code c} window without
 *       an alert {@code c}.
 *   <li><b>Detection recall per class</b>: share of the class's windows with an alert of any class.
 *   <li><b>Time to detect</b>: see {@link TimeToDetectStats}, per label (entity and attack).
 * </ul>
 */
public final class WindowEvaluation {

  private WindowEvaluation() {}

  /** Evaluates {@code windows} (every scored window, alerted or not). */
  public static DetectionQuality evaluate(Collection<JudgedWindow> windows) {
    long counted = 0;
    long ignored = 0;
    long attacks = 0;
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    long caTp = 0;
    long caFp = 0;
    long caFn = 0;
    Map<ThreatClass, long[]> perClass = new EnumMap<>(ThreatClass.class); // windows, detected
    Map<ThreatClass, long[]> classAware = new EnumMap<>(ThreatClass.class); // tp, fp, fn
    Map<String, long[]> perVariant = new TreeMap<>(); // windows, detected, correct
    Map<GroundTruthLabel, List<JudgedWindow>> byLabel = new LinkedHashMap<>();
    for (JudgedWindow w : windows) {
      if (w.truth().ignored()) {
        ignored++;
        continue;
      }
      counted++;
      boolean attack = w.truth().attack();
      ThreatClass actual = w.truth().threatClass();
      if (attack) {
        attacks++;
        byLabel.computeIfAbsent(w.truth().label(), l -> new ArrayList<>()).add(w);
        long[] c = perClass.computeIfAbsent(actual, k -> new long[2]);
        long[] v = perVariant.computeIfAbsent(variantKey(w.truth().label()), k -> new long[3]);
        c[0]++;
        v[0]++;
        if (w.alerted()) {
          c[1]++;
          v[1]++;
        }
        if (w.correctClass()) {
          v[2]++;
        }
      }
      if (w.alerted() && attack) {
        tp++;
      } else if (w.alerted()) {
        fp++;
      } else if (attack) {
        fn++;
      } else {
        tn++;
      }
      if (w.correctClass()) {
        caTp++;
      } else {
        if (w.alerted()) {
          caFp++;
        }
        if (attack) {
          caFn++;
        }
      }
      if (w.alerted() && w.predicted() != ThreatClass.NONE) {
        classAware
            .computeIfAbsent(w.predicted(), k -> new long[3])[
            w.predicted() == actual && attack ? 0 : 1]++;
      }
      if (attack && !w.correctClass()) {
        classAware.computeIfAbsent(actual, k -> new long[3])[2]++;
      }
    }

    Map<ThreatClass, List<Delay>> delaysByClass = new EnumMap<>(ThreatClass.class);
    Map<String, List<Delay>> delaysByVariant = new HashMap<>();
    List<Delay> all = new ArrayList<>();
    for (Map.Entry<GroundTruthLabel, List<JudgedWindow>> e : byLabel.entrySet()) {
      Delay d = delay(e.getKey(), e.getValue());
      all.add(d);
      delaysByClass
          .computeIfAbsent(
              io.vigil.features.GroundTruth.threatClass(e.getKey()), k -> new ArrayList<>())
          .add(d);
      delaysByVariant.computeIfAbsent(variantKey(e.getKey()), k -> new ArrayList<>()).add(d);
    }

    Map<ThreatClass, DetectionQuality.ClassQuality> classes = new EnumMap<>(ThreatClass.class);
    for (Map.Entry<ThreatClass, long[]> e : perClass.entrySet()) {
      long[] ca = classAware.getOrDefault(e.getKey(), new long[3]);
      classes.put(
          e.getKey(),
          new DetectionQuality.ClassQuality(
              e.getValue()[0],
              e.getValue()[1],
              new ClassMetrics(ca[0], ca[1], ca[2]),
              stats(delaysByClass.getOrDefault(e.getKey(), List.of()))));
    }
    // Classes predicted but absent from the truth still show their false positives.
    for (Map.Entry<ThreatClass, long[]> e : classAware.entrySet()) {
      if (!classes.containsKey(e.getKey())) {
        long[] ca = e.getValue();
        classes.put(
            e.getKey(),
            new DetectionQuality.ClassQuality(
                0, 0, new ClassMetrics(ca[0], ca[1], ca[2]), stats(List.of())));
      }
    }
    Map<String, DetectionQuality.VariantQuality> variants = new TreeMap<>();
    for (Map.Entry<String, long[]> e : perVariant.entrySet()) {
      long[] v = e.getValue();
      variants.put(
          e.getKey(),
          new DetectionQuality.VariantQuality(
              v[0], v[1], v[2], stats(delaysByVariant.getOrDefault(e.getKey(), List.of()))));
    }
    return new DetectionQuality(
        counted,
        ignored,
        attacks,
        new ClassMetrics(tp, fp, fn),
        tn,
        new ClassMetrics(caTp, caFp, caFn),
        classes,
        variants,
        stats(all));
  }

  /** {@code class/variant}, e.g. {@code ddos/slow_and_low}. */
  public static String variantKey(GroundTruthLabel label) {
    return io.vigil.features.GroundTruth.threatClass(label).label()
        + "/"
        + label.variant().name().toLowerCase(Locale.ROOT);
  }

  /** Delay of one interval; null millis when it was not detected. */
  private record Delay(Long millis, long windowMillis) {}

  private static Delay delay(GroundTruthLabel label, List<JudgedWindow> windows) {
    long start = label.start().toEpochMilli();
    Long first = null;
    long length = windows.get(0).endMillis() - windows.get(0).startMillis();
    for (JudgedWindow w : windows) {
      if (w.alerted()) {
        long d = Math.max(0, w.endMillis() - start);
        if (first == null || d < first) {
          first = d;
          length = w.endMillis() - w.startMillis();
        }
      }
    }
    return new Delay(first, length);
  }

  private static TimeToDetectStats stats(List<Delay> delays) {
    List<Long> windows = new ArrayList<>();
    double sum = 0;
    int withinOne = 0;
    for (Delay d : delays) {
      if (d.millis() == null) {
        continue;
      }
      long w = Math.max(1, (d.millis() + d.windowMillis() - 1) / d.windowMillis());
      windows.add(w);
      sum += d.millis();
      if (w <= 1) {
        withinOne++;
      }
    }
    if (windows.isEmpty()) {
      return new TimeToDetectStats(delays.size(), 0, 0, Double.NaN, -1, -1);
    }
    Collections.sort(windows);
    return new TimeToDetectStats(
        delays.size(),
        windows.size(),
        withinOne,
        sum / windows.size() / 1000.0,
        windows.get((windows.size() - 1) / 2),
        windows.get(windows.size() - 1));
  }
}
