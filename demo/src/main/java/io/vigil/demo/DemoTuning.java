package io.vigil.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's configuration of the responders and the anomaly job, in one place: what a 90 s run on
 * a laptop needs beyond the components' defaults, and why.
 */
final class DemoTuning {
  private DemoTuning() {}

  /** The anomaly job emits windows scoring at least this (its default). */
  static final int MIN_SCORE = 50;

  /** Firewall keys. */
  static Map<String, String> firewall() {
    Map<String, String> o = new LinkedHashMap<>();
    // A DDoS brings dozens of bot IPs at once: the default cap (20 new decisions a minute) would
    // leave the attacks that overlap it without a decision. The demo's estate is small.
    o.put("vigil.firewall.max-new-decisions-per-minute", "500");
    return o;
  }

  /** Scaling keys (the per-service targets come from {@link Calibration}). */
  static Map<String, String> scaling() {
    Map<String, String> o = new LinkedHashMap<>();
    // A 90 s run: provision for the forecast 30 s ahead, and allow a decision every 20 s.
    o.put("vigil.scaling.default.forecast.lead-time", "30s");
    o.put("vigil.scaling.default.cooldown", "20s");
    o.put("vigil.scaling.default.max-replicas", "20");
    return o;
  }
}
