package io.vigil.features.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.analytics.eval.ClassMetrics;
import io.vigil.analytics.model.ThreatClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders a {@link QualityEvaluation.Result} as Markdown tables and as JSON, and judges it against
 * the targets of the Quality acceptance point.
 *
 * <p>Targets: overall window-level F1 ≥ 0.95 (detection and class-aware), every class's recall ≥
 * 0.9 (class-aware: the alert must name the class), median time to detect ≤ 1 window (overall and
 * per class), "clearly above the rule baseline" read as F1 at least {@value #MARGIN} above the
 * rules' (detection and class-aware), forecast MASE &lt; 0.8.
 */
public final class QualityReport {

  /** Overall F1 target. */
  public static final double F1_TARGET = 0.95;

  /** Per-class recall target. */
  public static final double RECALL_TARGET = 0.9;

  /** Time-to-detect target, windows (median). */
  public static final long TTD_TARGET_WINDOWS = 1;

  /** Required F1 lead over the rule baseline. */
  public static final double MARGIN = 0.10;

  /** Forecast MASE target (strictly below). */
  public static final double MASE_TARGET = 0.8;

  /**
   * One target line.
   *
   * @param target what is required
   * @param value the measured value, formatted
   * @param met whether it is met
   */
  public record Target(String target, String value, boolean met) {}

  private QualityReport() {}

  /** The target lines, in report order. */
  public static List<Target> targets(QualityEvaluation.Result r) {
    List<Target> out = new ArrayList<>();
    DetectionQuality m = r.models();
    DetectionQuality b = r.rules();
    out.add(
        new Target(
            "overall F1 (detection) ≥ " + f2(F1_TARGET),
            f3(m.detection().f1()),
            m.detection().f1() >= F1_TARGET));
    out.add(
        new Target(
            "overall F1 (class-aware) ≥ " + f2(F1_TARGET),
            f3(m.classAware().f1()),
            m.classAware().f1() >= F1_TARGET));
    for (Map.Entry<ThreatClass, DetectionQuality.ClassQuality> e : sorted(m.perClass())) {
      if (e.getValue().windows() == 0) {
        continue;
      }
      double recall = e.getValue().classAware().recall();
      out.add(
          new Target(
              "recall " + e.getKey().label() + " (class-aware) ≥ " + f2(RECALL_TARGET),
              f3(recall),
              recall >= RECALL_TARGET));
    }
    out.add(ttdTarget("time to detect, all intervals", m.timeToDetect()));
    for (Map.Entry<ThreatClass, DetectionQuality.ClassQuality> e : sorted(m.perClass())) {
      if (e.getValue().windows() > 0) {
        out.add(ttdTarget("time to detect, " + e.getKey().label(), e.getValue().timeToDetect()));
      }
    }
    double lead = m.detection().f1() - b.detection().f1();
    out.add(
        new Target(
            "F1 (detection) ≥ rules + " + f2(MARGIN),
            f3(m.detection().f1()) + " vs " + f3(b.detection().f1()) + " (" + signed(lead) + ")",
            lead >= MARGIN));
    double leadCa = m.classAware().f1() - b.classAware().f1();
    out.add(
        new Target(
            "F1 (class-aware) ≥ rules + " + f2(MARGIN),
            f3(m.classAware().f1())
                + " vs "
                + f3(b.classAware().f1())
                + " ("
                + signed(leadCa)
                + ")",
            leadCa >= MARGIN));
    if (r.forecast() != null) {
      double mase = r.forecast().mase();
      out.add(new Target("forecast MASE < " + f2(MASE_TARGET), f3(mase), mase < MASE_TARGET));
    }
    return out;
  }

  private static Target ttdTarget(String what, TimeToDetectStats t) {
    boolean met = t.detected() > 0 && t.medianWindows() <= TTD_TARGET_WINDOWS;
    return new Target(
        what + ": median ≤ " + TTD_TARGET_WINDOWS + " window",
        (t.detected() == 0 ? "none detected" : t.medianWindows() + " window(s)")
            + String.format(
                Locale.ROOT,
                "; %d/%d intervals detected in the first window",
                t.withinOneWindow(),
                t.intervals()),
        met);
  }

  /** The report as Markdown. */
  public static String markdown(QualityEvaluation.Result r) {
    QualityEvaluation.Settings s = r.settings();
    DetectionQuality m = r.models();
    DetectionQuality b = r.rules();
    StringBuilder md = new StringBuilder();
    md.append("# Vigil quality evaluation\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Training seeds %s, evaluation seeds %s (disjoint), %s per run, %s windows, random"
                + " attack mix %.1f/h (%.0f %% slow-and-low, %s-%s each), warm-up %s not counted."
                + " Models %s (%s training windows, %.1f s, random-forest OOB accuracy %.4f),"
                + " alert = score ≥ %.0f (the job's min-score).\n\n",
            s.trainSeeds(),
            s.evalSeeds(),
            s.duration(),
            s.window(),
            s.attacks().perHour(),
            100 * s.attacks().slowAndLowShare(),
            s.attacks().minDuration(),
            s.attacks().maxDuration(),
            s.warmUp(),
            r.modelVersion(),
            r.trainingWindows(),
            r.trainingSeconds(),
            r.oobAccuracy(),
            s.minScore()));
    md.append(
        String.format(
            Locale.ROOT,
            "Windows counted: %d (%d attack, %d normal); %d ignored (they overlap only attack-target"
                + " or lateral-movement-caller labels, which the windows cannot show).\n\n",
            m.windows(),
            m.attackWindows(),
            m.windows() - m.attackWindows(),
            m.ignoredWindows()));

    md.append("## Detection, window level\n\n");
    md.append(
        "| detector | precision | recall | F1 | class-aware precision | class-aware recall |"
            + " class-aware F1 | TP / FP / FN | false-positive rate | intervals detected |"
            + " TTD median (windows) | detected in 1st window | TTD mean (s) |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    overallRow(md, "models (isolation forest + random forest)", m);
    overallRow(md, "rules (static thresholds)", b);
    md.append('\n');

    md.append("## Per class\n\n");
    md.append(
        "Class-aware: the alert must name the class. Detection recall: any alert on the class's"
            + " windows.\n\n");
    md.append(
        "| class | windows | intervals | models: recall | models: precision | models: F1 |"
            + " models: detection recall | models: TTD median / max (windows) | rules: recall |"
            + " rules: precision | rules: F1 | rules: detection recall | rules: TTD median / max"
            + " (windows) |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    TreeSet<ThreatClass> classes = new TreeSet<>(m.perClass().keySet());
    classes.addAll(b.perClass().keySet());
    for (ThreatClass c : classes) {
      DetectionQuality.ClassQuality mc = m.perClass().get(c);
      DetectionQuality.ClassQuality bc = b.perClass().get(c);
      long windows = mc != null ? mc.windows() : bc.windows();
      int intervals = mc != null ? mc.timeToDetect().intervals() : bc.timeToDetect().intervals();
      md.append("| ")
          .append(c.label())
          .append(" | ")
          .append(windows)
          .append(" | ")
          .append(intervals)
          .append(" | ");
      classCells(md, mc);
      md.append(" | ");
      classCells(md, bc);
      md.append(" |\n");
    }
    md.append('\n');

    md.append("## Per class and variant\n\n");
    md.append(
        "| class / variant | windows | intervals | models: recall | models: detection recall |"
            + " models: TTD median (windows) | rules: recall | rules: detection recall |"
            + " rules: TTD median (windows) |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Map.Entry<String, DetectionQuality.VariantQuality> e : m.perVariant().entrySet()) {
      DetectionQuality.VariantQuality mv = e.getValue();
      DetectionQuality.VariantQuality bv = b.perVariant().get(e.getKey());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %s | %s | %s | %s | %s | %s |%n",
              e.getKey(),
              mv.windows(),
              mv.timeToDetect().intervals(),
              f3(mv.classRecall()),
              f3(mv.detectionRecall()),
              median(mv.timeToDetect()),
              bv == null ? "-" : f3(bv.classRecall()),
              bv == null ? "-" : f3(bv.detectionRecall()),
              bv == null ? "-" : median(bv.timeToDetect())));
    }
    md.append('\n');

    md.append("## Per evaluation seed\n\n");
    md.append(
        "| seed | start | models: F1 | models: class-aware F1 | rules: F1 | rules: class-aware F1 |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (Map.Entry<Long, DetectionQuality> e : r.modelsPerSeed().entrySet()) {
      DetectionQuality rs = r.rulesPerSeed().get(e.getKey());
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %s | %s | %s |%n",
              e.getKey(),
              QualityEvaluation.startOf(e.getKey()),
              f3(e.getValue().detection().f1()),
              f3(e.getValue().classAware().f1()),
              f3(rs.detection().f1()),
              f3(rs.classAware().f1())));
    }
    md.append('\n');

    if (r.forecast() != null) {
      ForecastEvaluation.ForecastQuality f = r.forecast();
      ForecastEvaluation.Settings fs = f.settings();
      md.append("## Forecast (LoadForecaster, the forecast job's rule)\n\n");
      md.append(
          String.format(
              Locale.ROOT,
              "Seed %d, %s of normal traffic from %s, %s steps, season %s (%d steps), horizon %d"
                  + " steps, an origin every %s after the first two seasons; methods %s. MASE"
                  + " scale: in-sample seasonal-naive MAE of the first two seasons.%n%n",
              fs.seed(),
              fs.days(),
              fs.start(),
              fs.step(),
              fs.season(),
              fs.seasonSteps(),
              fs.horizon(),
              fs.every(),
              f.methods()));
      md.append(
          "| service | mean rate (req/s) | origins | MASE (forecaster) | MASE (seasonal naive) |\n");
      md.append("|---|---|---|---|---|\n");
      f.perService()
          .forEach(
              (svc, a) ->
                  md.append(
                      String.format(
                          Locale.ROOT,
                          "| %s | %.2f | %d | %s | %s |%n",
                          svc,
                          a.meanRate(),
                          a.origins(),
                          f3(a.mase()),
                          f3(a.seasonalNaiveMase()))));
      md.append(
          String.format(
              Locale.ROOT,
              "| **mean over services** | | | **%s** | %s |%n%n",
              f3(f.mase()),
              f3(f.seasonalNaiveMase())));
    }

    md.append("## Targets\n\n| target | value | |\n|---|---|---|\n");
    for (Target t : targets(r)) {
      md.append("| ")
          .append(t.target())
          .append(" | ")
          .append(t.value())
          .append(" | ")
          .append(t.met() ? "met" : "**missed**")
          .append(" |\n");
    }
    md.append("\n## Rule baseline\n\n| class | entity types | alert when |\n|---|---|---|\n");
    for (RuleBaseline.Rule rule : RuleBaseline.RULES) {
      md.append("| ")
          .append(rule.threatClass().label())
          .append(" | ")
          .append(
              String.join(
                  ", ",
                  rule.entityTypes().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList()))
          .append(" | ")
          .append(rule.condition())
          .append(" |\n");
    }
    return md.toString();
  }

  private static void overallRow(StringBuilder md, String name, DetectionQuality q) {
    ClassMetrics d = q.detection();
    ClassMetrics c = q.classAware();
    TimeToDetectStats t = q.timeToDetect();
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %s | %s | %s | %s | %s | %d / %d / %d | %.5f | %d / %d | %s | %d | %s |%n",
            name,
            f3(d.precision()),
            f3(d.recall()),
            f3(d.f1()),
            f3(c.precision()),
            f3(c.recall()),
            f3(c.f1()),
            d.truePositives(),
            d.falsePositives(),
            d.falseNegatives(),
            q.falsePositiveRate(),
            t.detected(),
            t.intervals(),
            median(t),
            t.withinOneWindow(),
            Double.isNaN(t.meanSeconds())
                ? "-"
                : String.format(Locale.ROOT, "%.1f", t.meanSeconds())));
  }

  private static void classCells(StringBuilder md, DetectionQuality.ClassQuality q) {
    if (q == null) {
      md.append("- | - | - | - | -");
      return;
    }
    TimeToDetectStats t = q.timeToDetect();
    md.append(f3(q.classAware().recall()))
        .append(" | ")
        .append(f3(q.classAware().precision()))
        .append(" | ")
        .append(f3(q.classAware().f1()))
        .append(" | ")
        .append(f3(q.detectionRecall()))
        .append(" | ")
        .append(median(t))
        .append(" / ")
        .append(t.maxWindows() < 0 ? "-" : Long.toString(t.maxWindows()));
  }

  /** The report as JSON (same numbers, plus raw counts). */
  public static String json(QualityEvaluation.Result r) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    QualityEvaluation.Settings s = r.settings();
    ObjectNode settings = root.putObject("settings");
    settings.putPOJO("trainSeeds", s.trainSeeds());
    settings.putPOJO("evalSeeds", s.evalSeeds());
    settings.put("duration", s.duration().toString());
    settings.put("window", s.window().toString());
    settings.put("attacksPerHour", s.attacks().perHour());
    settings.put("slowAndLowShare", s.attacks().slowAndLowShare());
    settings.put("minAttack", s.attacks().minDuration().toString());
    settings.put("maxAttack", s.attacks().maxDuration().toString());
    settings.put("warmUp", s.warmUp().toString());
    settings.put("minScore", s.minScore());
    settings.put("trainer", s.trainer().toString());
    ObjectNode model = root.putObject("model");
    model.put("version", r.modelVersion());
    ObjectNode tw = model.putObject("trainingWindows");
    r.trainingWindows().forEach((c, n) -> tw.put(c.label(), n));
    model.put("trainingSeconds", r.trainingSeconds());
    model.put("oobAccuracy", r.oobAccuracy());
    root.set("models", quality(mapper, r.models()));
    root.set("rules", quality(mapper, r.rules()));
    ObjectNode perSeed = root.putObject("perSeed");
    r.modelsPerSeed()
        .forEach(
            (seed, q) -> {
              ObjectNode n = perSeed.putObject(Long.toString(seed));
              n.put("start", QualityEvaluation.startOf(seed).toString());
              n.set("models", quality(mapper, q));
              n.set("rules", quality(mapper, r.rulesPerSeed().get(seed)));
            });
    if (r.forecast() != null) {
      ForecastEvaluation.ForecastQuality f = r.forecast();
      ObjectNode fn = root.putObject("forecast");
      ForecastEvaluation.Settings fs = f.settings();
      fn.put("seed", fs.seed());
      fn.put("start", fs.start().toString());
      fn.put("days", fs.days().toString());
      fn.put("step", fs.step().toString());
      fn.put("season", fs.season().toString());
      fn.put("horizon", fs.horizon());
      fn.put("every", fs.every().toString());
      fn.put("mase", f.mase());
      fn.put("seasonalNaiveMase", f.seasonalNaiveMase());
      fn.putPOJO("methods", f.methods());
      ObjectNode services = fn.putObject("perService");
      f.perService()
          .forEach(
              (svc, a) -> {
                ObjectNode n = services.putObject(svc);
                n.put("meanRate", a.meanRate());
                n.put("origins", a.origins());
                n.put("mase", a.mase());
                n.put("seasonalNaiveMase", a.seasonalNaiveMase());
              });
    }
    ArrayNode targets = root.putArray("targets");
    for (Target t : targets(r)) {
      ObjectNode n = targets.addObject();
      n.put("target", t.target());
      n.put("value", t.value());
      n.put("met", t.met());
    }
    try {
      return mapper.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render the evaluation as JSON", e);
    }
  }

  private static ObjectNode quality(ObjectMapper mapper, DetectionQuality q) {
    ObjectNode n = mapper.createObjectNode();
    n.put("windows", q.windows());
    n.put("ignoredWindows", q.ignoredWindows());
    n.put("attackWindows", q.attackWindows());
    n.set("detection", metrics(mapper, q.detection()));
    n.put("trueNegatives", q.trueNegatives());
    n.put("falsePositiveRate", q.falsePositiveRate());
    n.set("classAware", metrics(mapper, q.classAware()));
    n.set("timeToDetect", ttd(mapper, q.timeToDetect()));
    ObjectNode classes = n.putObject("perClass");
    for (Map.Entry<ThreatClass, DetectionQuality.ClassQuality> e : sorted(q.perClass())) {
      ObjectNode c = classes.putObject(e.getKey().label());
      c.put("windows", e.getValue().windows());
      c.put("detected", e.getValue().detected());
      c.put("detectionRecall", e.getValue().detectionRecall());
      c.set("classAware", metrics(mapper, e.getValue().classAware()));
      c.set("timeToDetect", ttd(mapper, e.getValue().timeToDetect()));
    }
    ObjectNode variants = n.putObject("perVariant");
    q.perVariant()
        .forEach(
            (k, v) -> {
              ObjectNode c = variants.putObject(k);
              c.put("windows", v.windows());
              c.put("detected", v.detected());
              c.put("correctClass", v.correctClass());
              c.put("detectionRecall", v.detectionRecall());
              c.put("classRecall", v.classRecall());
              c.set("timeToDetect", ttd(mapper, v.timeToDetect()));
            });
    return n;
  }

  private static ObjectNode metrics(ObjectMapper mapper, ClassMetrics m) {
    ObjectNode n = mapper.createObjectNode();
    n.put("tp", m.truePositives());
    n.put("fp", m.falsePositives());
    n.put("fn", m.falseNegatives());
    n.put("precision", m.precision());
    n.put("recall", m.recall());
    n.put("f1", m.f1());
    return n;
  }

  private static ObjectNode ttd(ObjectMapper mapper, TimeToDetectStats t) {
    ObjectNode n = mapper.createObjectNode();
    n.put("intervals", t.intervals());
    n.put("detected", t.detected());
    n.put("withinOneWindow", t.withinOneWindow());
    if (Double.isNaN(t.meanSeconds())) {
      n.putNull("meanSeconds");
    } else {
      n.put("meanSeconds", t.meanSeconds());
    }
    n.put("medianWindows", t.medianWindows());
    n.put("maxWindows", t.maxWindows());
    return n;
  }

  private static <V> List<Map.Entry<ThreatClass, V>> sorted(Map<ThreatClass, V> m) {
    return m.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
  }

  private static String median(TimeToDetectStats t) {
    return t.detected() == 0 ? "-" : Long.toString(t.medianWindows());
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String signed(double v) {
    return String.format(Locale.ROOT, "%+.3f", v);
  }
}
