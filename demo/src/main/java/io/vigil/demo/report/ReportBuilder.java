package io.vigil.demo.report;

import io.vigil.analytics.eval.DetectionEvaluator;
import io.vigil.analytics.eval.EvaluationReport;
import io.vigil.analytics.eval.LabelledInterval;
import io.vigil.analytics.eval.ScoredWindow;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.demo.report.DemoReport.AttackResult;
import io.vigil.demo.report.Observations.Anomaly;
import io.vigil.demo.report.Observations.Attack;
import io.vigil.demo.report.Observations.Entity;
import io.vigil.demo.report.Observations.FirewallCommand;
import io.vigil.demo.report.Observations.Forecast;
import io.vigil.demo.report.Observations.ScalingCommand;
import io.vigil.demo.report.Observations.Surge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the {@link DemoReport} from plain observations: time-to-detect and time-to-mitigate per
 * attack, precision/recall (analytics' {@link DetectionEvaluator}), firewall commands against the
 * allow-list, scaling commands during surges, and the health verdict. No I/O.
 */
public final class ReportBuilder {

  /** Model version of the anomaly job's univariate metric detector (not a window). */
  public static final String METRIC_DETECTOR_VERSION = "univariate-ewma";

  /** The largest time-to-detect, in windows, of a healthy run. */
  public static final int MAX_DETECT_WINDOWS = 2;

  private ReportBuilder() {}

  /** Everything a report is built from. */
  public record Inputs(
      DemoReport.Run run,
      DemoReport.Timings timings,
      DemoReport.Model model,
      Map<String, String> urls,
      List<Attack> attacks,
      List<Surge> surges,
      List<Anomaly> anomalies,
      List<FirewallCommand> firewallCommands,
      List<ScalingCommand> scalingCommands,
      List<Forecast> forecasts,
      SagaCheck.Summary sagas,
      List<String> componentProblems) {
    public Inputs {
      Objects.requireNonNull(run, "run");
      attacks = List.copyOf(attacks);
      surges = List.copyOf(surges);
      anomalies = List.copyOf(anomalies);
      firewallCommands = List.copyOf(firewallCommands);
      scalingCommands = List.copyOf(scalingCommands);
      forecasts = List.copyOf(forecasts);
      componentProblems = List.copyOf(componentProblems);
    }
  }

  /** The report. */
  public static DemoReport build(Inputs in) {
    DemoReport.Run run = in.run();
    List<Anomaly> inRun =
        in.anomalies().stream()
            .filter(a -> a.windowStart().isBefore(run.end()) && a.windowEnd().isAfter(run.start()))
            .sorted(Comparator.comparing(Anomaly::windowEnd).thenComparing(Anomaly::seenAt))
            .toList();
    List<Anomaly> windows =
        inRun.stream().filter(a -> !METRIC_DETECTOR_VERSION.equals(a.modelVersion())).toList();
    List<AttackResult> attacks =
        in.attacks().stream()
            .sorted(Comparator.comparing(Attack::start))
            .map(a -> attack(a, windows, in.firewallCommands(), run.windowMs()))
            .toList();
    Map<String, Long> byClass = new TreeMap<>();
    inRun.forEach(a -> byClass.merge(a.threatClass(), 1L, Long::sum));
    DemoReport.Detection detection = detection(in.attacks(), windows, inRun.size(), attacks);
    AllowList allowList = AllowList.of(run.allowList());
    DemoReport.Firewall firewall = firewall(in.firewallCommands(), in.attacks(), allowList);
    DemoReport.Scaling scaling =
        scaling(in.scalingCommands(), in.forecasts(), in.surges(), run.windowMs());
    DemoReport.Verdict verdict =
        verdict(in.sagas(), attacks, firewall, scaling, in.componentProblems());
    return new DemoReport(
        run,
        in.timings(),
        in.model(),
        in.urls(),
        in.sagas(),
        attacks,
        detection,
        byClass,
        firewall,
        scaling,
        verdict);
  }

  /** Detection and mitigation of one attack. */
  static AttackResult attack(
      Attack attack, List<Anomaly> windows, List<FirewallCommand> commands, long windowMs) {
    Set<Entity> entities = new HashSet<>(attack.sources());
    entities.addAll(attack.targets());
    List<Anomaly> covering =
        windows.stream()
            .filter(a -> entities.contains(a.entity()) && overlaps(a, attack.start(), attack.end()))
            .toList();
    Optional<Anomaly> first = covering.stream().min(Comparator.comparing(Anomaly::windowEnd));
    Long ttd = first.map(a -> Math.max(0, millis(attack.start(), a.windowEnd()))).orElse(null);
    Integer ttdWindows =
        ttd == null ? null : (int) Math.max(1, (ttd + windowMs - 1) / Math.max(1, windowMs));
    Long latency =
        covering.stream()
            .map(a -> millis(attack.start(), a.seenAt()))
            .min(Long::compare)
            .orElse(null);
    Set<Entity> sourcesSeen = new HashSet<>();
    covering.stream()
        .map(Anomaly::entity)
        .filter(attack.sources()::contains)
        .forEach(sourcesSeen::add);

    List<FirewallCommand> mitigations =
        commands.stream()
            .filter(c -> c.restricts() && !c.seenAt().isBefore(attack.start()))
            .filter(c -> attack.sources().stream().anyMatch(s -> targets(c, s)))
            .sorted(Comparator.comparing(FirewallCommand::seenAt))
            .toList();
    Set<Entity> mitigated = new HashSet<>();
    for (FirewallCommand c : mitigations) {
      attack.sources().stream().filter(s -> targets(c, s)).forEach(mitigated::add);
    }
    FirewallCommand firstCommand = mitigations.isEmpty() ? null : mitigations.get(0);
    return new AttackResult(
        attack.name(),
        attack.threatClass(),
        attack.variant(),
        attack.start(),
        attack.end(),
        attack.sources().size(),
        first.isPresent(),
        ttd,
        ttdWindows,
        latency,
        first.map(ReportBuilder::describe).orElse(null),
        covering.size(),
        sourcesSeen.size(),
        firstCommand != null,
        firstCommand == null ? null : millis(attack.start(), firstCommand.seenAt()),
        firstCommand == null ? null : describe(firstCommand),
        mitigated.size());
  }

  /** Whether {@code command} acts on the ground-truth entity {@code source}. */
  static boolean targets(FirewallCommand command, Entity source) {
    return switch (command.scope()) {
      case "IP" -> source.type().equals("CLIENT_IP") && source.id().equals(command.target());
      case "CIDR" ->
          source.type().equals("CLIENT_IP")
              && AllowList.of(List.of(command.target())).match(source.id()).isPresent();
      case "PRINCIPAL", "TOKEN" ->
          source.type().equals("PRINCIPAL") && source.id().equals(command.target());
      case "EDGE" -> source.type().equals("EDGE") && source.id().equals(command.target());
      case "SERVICE" -> source.type().equals("SERVICE") && source.id().equals(command.target());
      default -> false;
    };
  }

  static DemoReport.Detection detection(
      List<Attack> attacks, List<Anomaly> windows, long allInRun, List<AttackResult> results) {
    List<ScoredWindow> alerted =
        windows.stream()
            .map(
                a ->
                    new ScoredWindow(
                        a.entity().toString(),
                        a.windowStart().toEpochMilli(),
                        a.windowEnd().toEpochMilli(),
                        true,
                        threatClass(a.threatClass())))
            .toList();
    List<LabelledInterval> all = new ArrayList<>();
    List<LabelledInterval> sources = new ArrayList<>();
    for (Attack a : attacks) {
      ThreatClass c = threatClass(a.threatClass());
      for (Entity e : a.sources()) {
        LabelledInterval i =
            new LabelledInterval(e.toString(), c, a.start().toEpochMilli(), a.end().toEpochMilli());
        all.add(i);
        sources.add(i);
      }
      for (Entity e : a.targets()) {
        all.add(
            new LabelledInterval(
                e.toString(), c, a.start().toEpochMilli(), a.end().toEpochMilli()));
      }
    }
    EvaluationReport vsAll = DetectionEvaluator.evaluate(alerted, all);
    EvaluationReport vsSources = DetectionEvaluator.evaluate(alerted, sources);
    Map<String, Double> perClass = new TreeMap<>();
    vsAll
        .perClass()
        .forEach(
            (c, m) -> {
              if (m.truePositives() + m.falsePositives() > 0) {
                perClass.put(c.name(), m.precision());
              }
            });
    long detected = results.stream().filter(AttackResult::detected).count();
    return new DemoReport.Detection(
        alerted.size(),
        vsAll.detection().truePositives(),
        alerted.isEmpty() ? Double.NaN : vsAll.detection().precision(),
        perClass,
        vsSources.timeToDetect().intervals(),
        vsSources.timeToDetect().detected(),
        vsSources.timeToDetect().intervalRecall(),
        attacks.isEmpty() ? 1.0 : (double) detected / attacks.size(),
        allInRun - windows.size());
  }

  static DemoReport.Firewall firewall(
      List<FirewallCommand> commands, List<Attack> attacks, AllowList allowList) {
    Map<String, Integer> byAction = new TreeMap<>();
    int onSources = 0;
    List<String> others = new ArrayList<>();
    List<String> violations = new ArrayList<>();
    for (FirewallCommand c : commands) {
      byAction.merge(c.action(), 1, Integer::sum);
      if (c.scope().equals("IP") || c.scope().equals("CIDR")) {
        allowList
            .match(c.target())
            .ifPresent(range -> violations.add(describe(c) + " inside allow-listed " + range));
      }
      if (!c.restricts()) {
        continue;
      }
      boolean onSource =
          attacks.stream().anyMatch(a -> a.sources().stream().anyMatch(s -> targets(c, s)));
      if (onSource) {
        onSources++;
      } else {
        others.add(describe(c));
      }
    }
    return new DemoReport.Firewall(
        commands.size(),
        byAction,
        onSources,
        others.size(),
        others.stream().limit(20).toList(),
        violations.size(),
        violations);
  }

  static DemoReport.Scaling scaling(
      List<ScalingCommand> commands, List<Forecast> forecasts, List<Surge> surges, long graceMs) {
    Map<String, Integer> byBasis = new TreeMap<>();
    commands.forEach(c -> byBasis.merge(c.basis(), 1, Integer::sum));
    Map<String, Integer> perService = new TreeMap<>();
    forecasts.forEach(f -> perService.merge(f.service(), 1, Integer::sum));
    List<DemoReport.SurgeResult> results = new ArrayList<>();
    for (Surge s : surges) {
      Instant until = s.end().plusMillis(graceMs);
      List<ScalingCommand> during =
          commands.stream()
              .filter(
                  c -> c.service().equals(s.service()) && within(c.occurredAt(), s.start(), until))
              .sorted(Comparator.comparing(ScalingCommand::occurredAt))
              .toList();
      List<ScalingCommand> outs =
          during.stream().filter(c -> c.desiredReplicas() > c.currentReplicas()).toList();
      List<Forecast> fs =
          forecasts.stream()
              .filter(
                  f -> f.service().equals(s.service()) && within(f.generatedAt(), s.start(), until))
              .toList();
      results.add(
          new DemoReport.SurgeResult(
              s.name(),
              s.service(),
              s.factor(),
              s.start(),
              s.end(),
              during.size(),
              outs.size(),
              outs.isEmpty() ? null : describe(outs.get(0)),
              outs.isEmpty() ? null : millis(s.start(), outs.get(0).occurredAt()),
              fs.size(),
              fs.stream().map(Forecast::nextUpper80).max(Double::compare).orElse(null),
              during.stream()
                  .map(ScalingCommand::observedLoad)
                  .filter(Objects::nonNull)
                  .max(Double::compare)
                  .orElse(null)));
    }
    return new DemoReport.Scaling(
        commands.size(),
        (int) commands.stream().filter(c -> c.desiredReplicas() > c.currentReplicas()).count(),
        byBasis,
        perService,
        results,
        commands.stream()
            .sorted(Comparator.comparing(ScalingCommand::occurredAt))
            .map(ReportBuilder::describe)
            .limit(30)
            .toList());
  }

  static DemoReport.Verdict verdict(
      SagaCheck.Summary sagas,
      List<AttackResult> attacks,
      DemoReport.Firewall firewall,
      DemoReport.Scaling scaling,
      List<String> componentProblems) {
    List<String> reasons = new ArrayList<>(componentProblems);
    if (sagas.ordersPlaced() == 0) {
      reasons.add("no order was placed through the outbox");
    } else if (sagas.sagas() == 0) {
      reasons.add("no saga ran: orders did not reach the saga app (CDC relay?)");
    }
    if (!sagas.holds()) {
      reasons.add(
          "saga invariants violated ("
              + sagas.violationCount()
              + "): "
              + String.join("; ", sagas.violations().stream().limit(3).toList()));
    }
    for (AttackResult a : attacks) {
      if (!a.detected()) {
        reasons.add("attack " + a.name() + " (" + a.threatClass() + ") was not detected");
      } else if (a.timeToDetectWindows() > MAX_DETECT_WINDOWS) {
        reasons.add(
            String.format(
                Locale.ROOT,
                "attack %s (%s) detected after %d windows (more than %d)",
                a.name(),
                a.threatClass(),
                a.timeToDetectWindows(),
                MAX_DETECT_WINDOWS));
      }
      if (!a.mitigated()) {
        reasons.add(
            "attack "
                + a.name()
                + " ("
                + a.threatClass()
                + ") got no firewall command on a source");
      }
    }
    if (firewall.againstAllowList() > 0) {
      reasons.add(
          firewall.againstAllowList()
              + " firewall command(s) against allow-listed ranges: "
              + firewall.allowListViolations().get(0));
    }
    for (DemoReport.SurgeResult s : scaling.surges()) {
      if (s.scaleOutsDuring() == 0) {
        reasons.add("no scale-out of " + s.service() + " during surge " + s.name());
      }
    }
    return new DemoReport.Verdict(reasons.isEmpty(), List.copyOf(reasons));
  }

  private static boolean overlaps(Anomaly a, Instant start, Instant end) {
    return a.windowStart().isBefore(end) && a.windowEnd().isAfter(start);
  }

  private static boolean within(Instant t, Instant from, Instant until) {
    return !t.isBefore(from) && !t.isAfter(until);
  }

  private static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }

  private static ThreatClass threatClass(String name) {
    try {
      return ThreatClass.valueOf(name);
    } catch (IllegalArgumentException e) {
      return ThreatClass.NONE;
    }
  }

  static String describe(Anomaly a) {
    return String.format(
        Locale.ROOT,
        "%s score %.0f %s (%.2f) window %s",
        a.entity(),
        a.score(),
        a.threatClass(),
        a.confidence(),
        a.windowStart());
  }

  static String describe(FirewallCommand c) {
    return c.action() + " " + c.scope().toLowerCase(Locale.ROOT) + " " + c.target();
  }

  static String describe(ScalingCommand c) {
    return String.format(
        Locale.ROOT,
        "%s %s %d -> %d (%s, %s, load %s, forecast %s)",
        c.occurredAt(),
        c.service(),
        c.currentReplicas(),
        c.desiredReplicas(),
        c.basis(),
        c.rule(),
        c.observedLoad() == null ? "-" : String.format(Locale.ROOT, "%.1f", c.observedLoad()),
        c.forecastUpperBound() == null
            ? "-"
            : String.format(Locale.ROOT, "%.1f", c.forecastUpperBound()));
  }
}
