package io.vigil.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's configuration of the responders and the anomaly job, in one place: what a 90 s run on
 * a laptop needs beyond the components' defaults, and why.
 */
final class DemoTuning {
  private DemoTuning() {}

  /**
   * The anomaly job emits windows scoring at least this (its default): the score is the larger of
   * the isolation forest's novelty and 100 × the classifier's attack votes, so every window the
   * classifier calls an attack is emitted.
   */
  static final int MIN_SCORE = 50;

  /** Firewall keys. */
  static Map<String, String> firewall() {
    Map<String, String> o = new LinkedHashMap<>();
    // A DDoS brings dozens of bot IPs at once: the default cap (20 new decisions a minute) would
    // leave the attacks that overlap it without a decision. The demo's estate is small.
    o.put("vigil.firewall.max-new-decisions-per-minute", "500");
    // Lateral movement: one edge per attack gives the classifier few training windows (36 in 8
    // minutes of training traffic against 2,400 DDoS windows), so its votes for the class stay
    // around 0.6 where other classes reach 0.8-0.98; the default minimum confidence (0.8) would
    // never isolate the edge. 0.55 / score 60 still leaves normal edges alone once the job knows
    // them (the warm-up).
    classMinimums(o, "lateral_movement", 60, 0.55);
    return o;
  }

  private static void classMinimums(
      Map<String, String> o, String threatClass, int minScore, double minConfidence) {
    o.put("vigil.firewall.class." + threatClass + ".min-score", Integer.toString(minScore));
    o.put(
        "vigil.firewall.class." + threatClass + ".min-confidence", Double.toString(minConfidence));
  }

  /** Scaling keys (the per-service targets come from {@link Calibration}). */
  static Map<String, String> scaling() {
    Map<String, String> o = new LinkedHashMap<>();
    // A 90 s run: provision for the forecast 30 s ahead, and allow a decision every 20 s.
    o.put("vigil.scaling.default.forecast.lead-time", "30s");
    o.put("vigil.scaling.default.cooldown", "20s");
    o.put("vigil.scaling.default.max-replicas", "20");
    // Ninety seconds give the forecaster little history: its 80 % band is wide, so provision for
    // the point forecast.
    o.put("vigil.scaling.default.forecast.bound", "mean");
    return o;
  }
}
