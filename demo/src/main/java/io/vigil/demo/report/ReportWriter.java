package io.vigil.demo.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigil.demo.report.DemoReport.AttackResult;
import io.vigil.demo.report.DemoReport.SurgeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link DemoReport} as JSON and as Markdown (also what the console shows). */
public final class ReportWriter {
  /** JSON report file name. */
  public static final String JSON_FILE = "vigil-demo-report.json";

  /** Markdown report file name. */
  public static final String MARKDOWN_FILE = "vigil-demo-report.md";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(new Jdk8Module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /** The mapper that writes (and reads back) reports. */
  public static ObjectMapper mapper() {
    return JSON;
  }

  /** The report as pretty-printed JSON. */
  public static String json(DemoReport report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  /** Writes both files into {@code dir} (created if needed); returns the JSON file. */
  public static Path write(DemoReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKDOWN_FILE), markdown(report));
    Path json = dir.resolve(JSON_FILE);
    Files.writeString(json, json(report));
    return json;
  }

  /** The report as Markdown. */
  public static String markdown(DemoReport r) {
    StringBuilder b = new StringBuilder();
    DemoReport.Run run = r.run();
    b.append("# Vigil demo report\n\n");
    b.append(
        f(
            "Seed %d, scenario `%s`%s, %s of traffic from %s; %d s windows, %d s forecast steps.%n%n",
            run.seed(),
            run.scenario(),
            run.attacksEnabled() ? "" : " without attacks",
            seconds(run.durationMs()),
            run.start(),
            run.windowMs() / 1000,
            run.forecastStepMs() / 1000));
    b.append(
        r.verdict().healthy()
            ? "**Verdict: healthy.**\n\n"
            : "**Verdict: NOT healthy.**\n\n"
                + String.join("\n", r.verdict().reasons().stream().map(x -> "- " + x).toList())
                + "\n\n");

    DemoReport.Timings t = r.timings();
    b.append("## Timings (wall clock)\n\n| phase | time |\n|---|---|\n");
    b.append(f("| start-up (until traffic started) | %s |%n", seconds(t.startupMs())));
    b.append(f("| model training (within start-up) | %s |%n", seconds(t.trainingMs())));
    b.append(
        f(
            "| launch → first anomaly | %s |%n",
            t.firstAnomalyMs() < 0 ? "none" : seconds(t.firstAnomalyMs())));
    b.append(f("| drain after the traffic | %s |%n", seconds(t.drainMs())));
    b.append(f("| total | %s |%n%n", seconds(t.totalMs())));

    if (r.model() != null) {
      DemoReport.Model m = r.model();
      b.append("## Model\n\n");
      b.append(
          f(
              "`%s@%s`, trained at start on %s of simulated traffic (seed %d): windows %s, oob"
                  + " accuracy %.3f, %s.%n%n",
              m.name(),
              m.version(),
              seconds(m.trainingDataMs()),
              m.trainingSeed(),
              m.windowsPerClass(),
              m.oobAccuracy(),
              seconds(m.trainingMs())));
    }

    SagaCheck.Summary s = r.sagas();
    b.append("## Sagas\n\n");
    b.append(
        f(
            "%d orders placed through the outbox, %d sagas: %s; cancelled because: %s.%n",
            s.ordersPlaced(), s.sagas(), s.byStatus(), s.cancelReasons()));
    b.append(
        s.holds()
            ? "Invariants hold: every saga terminal, reserved stock = completed orders, nothing"
                + " reserved or authorized for cancelled orders.\n\n"
            : f(
                "**%d invariant violations:**%n%s%n%n",
                s.violationCount(),
                String.join("\n", s.violations().stream().map(x -> "- " + x).toList())));

    b.append("## Attacks\n\n");
    if (r.attacks().isEmpty()) {
      b.append("No scripted attack.\n\n");
    } else {
      b.append(
          "| attack | class | start | time to detect | windows | first anomaly | time to mitigate"
              + " | first command | sources detected / mitigated |\n");
      b.append("|---|---|---|---|---|---|---|---|---|\n");
      for (AttackResult a : r.attacks()) {
        b.append(
            f(
                "| %s | %s%s | %s | %s | %s | %s | %s | %s | %d/%d / %d |%n",
                a.name(),
                a.threatClass(),
                a.variant().equals("NORMAL") ? "" : " (" + a.variant() + ")",
                a.start(),
                a.timeToDetectMs() == null ? "**not detected**" : seconds(a.timeToDetectMs()),
                a.timeToDetectWindows() == null ? "-" : a.timeToDetectWindows().toString(),
                a.firstAnomaly() == null ? "-" : a.firstAnomaly(),
                a.timeToMitigateMs() == null ? "**none**" : seconds(a.timeToMitigateMs()),
                a.firstCommand() == null ? "-" : a.firstCommand(),
                a.sourcesDetected(),
                a.sourceEntities(),
                a.sourcesMitigated()));
      }
      b.append(
          "\nTime to detect: end of the first anomaly window on one of the attack's entities,"
              + " minus the attack start (event time). Time to mitigate: when the first firewall"
              + " command on one of its sources was read, minus the attack start.\n\n");
    }

    DemoReport.Detection d = r.detection();
    b.append("## Detection against the ground truth\n\n");
    b.append(
        f(
            "- %d anomaly windows in the run, %d on an entity under attack: precision %.2f%n",
            d.alertedWindows(), d.truePositiveWindows(), d.precision()));
    b.append(f("- precision per predicted class: %s%n", fmt(d.perClassPrecision())));
    b.append(
        f(
            "- recall: %d of %d attack sources (SOURCE labels) flagged (%.2f); attacks detected:"
                + " %.2f%n",
            d.sourceLabelsDetected(), d.sourceLabels(), d.recall(), d.attackRecall()));
    b.append(f("- metric anomalies (univariate detector): %d%n", d.metricAnomalies()));
    b.append(f("- anomalies by class: %s%n%n", r.anomaliesByClass()));

    DemoReport.Firewall fw = r.firewall();
    b.append("## Firewall\n\n");
    b.append(
        f(
            "%d commands %s; %d on attack sources, %d on other targets; %d against allow-listed"
                + " ranges %s.%n",
            fw.commands(),
            fw.byAction(),
            fw.onAttackSources(),
            fw.onOtherTargets(),
            fw.againstAllowList(),
            run.allowList()));
    fw.otherTargets().forEach(x -> b.append("- other target: ").append(x).append('\n'));
    fw.allowListViolations()
        .forEach(x -> b.append("- **allow-list violation**: ").append(x).append('\n'));
    b.append('\n');

    DemoReport.Scaling sc = r.scaling();
    b.append("## Scaling vs forecast\n\n");
    b.append(
        f(
            "%d scaling commands (%d scale-outs) by basis %s; forecasts per service %s.%n%n",
            sc.commands(), sc.scaleOuts(), sc.byBasis(), sc.forecastsPerService()));
    for (SurgeResult su : sc.surges()) {
      b.append(
          f(
              "- surge %s: %s ×%.1f from %s to %s — %d scale-outs (first: %s, %s after the surge"
                  + " began); %d forecasts during it, highest upper80 %s req/s; highest observed"
                  + " load %s%n",
              su.name(),
              su.service(),
              su.factor(),
              su.start(),
              su.end(),
              su.scaleOutsDuring(),
              su.firstCommand() == null ? "none" : su.firstCommand(),
              su.timeToScaleMs() == null ? "-" : seconds(su.timeToScaleMs()),
              su.forecastsDuring(),
              num(su.maxForecastUpper80()),
              num(su.maxObservedLoad())));
    }
    if (!sc.commandLines().isEmpty()) {
      b.append("\nCommands:\n\n");
      sc.commandLines().forEach(x -> b.append("- ").append(x).append('\n'));
    }
    b.append('\n');
    if (!r.urls().isEmpty()) {
      b.append("## Endpoints during the run\n\n");
      r.urls().forEach((k, v) -> b.append(f("- %s: %s%n", k, v)));
    }
    return b.toString();
  }

  private static String fmt(Map<String, Double> values) {
    StringBuilder b = new StringBuilder("{");
    values.forEach(
        (k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(f("%.2f", v)));
    return b.append('}').toString();
  }

  private static String num(Double v) {
    return v == null ? "-" : f("%.1f", v);
  }

  static String seconds(long millis) {
    return f("%.1f s", millis / 1000.0);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
