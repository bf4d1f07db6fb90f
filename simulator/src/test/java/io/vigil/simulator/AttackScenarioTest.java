package io.vigil.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.EntityType;
import io.vigil.common.ThreatClass;
import io.vigil.simulator.sink.MemorySink;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import io.vigil.telemetry.SpanKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each attack class leaves its signature in the generated records, inside its label window only;
 * the slow-and-low variant is weaker than the normal one but above the baseline. One six-minute
 * script with a minute per class runs three times with the same seed: normal variants, slow-and-low
 * variants, and without attacks (the baseline).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackScenarioTest extends SimulatorTestBase {
  private static final long SEED = 101;
  private static final Duration RUN = Duration.ofMinutes(6);
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final String EDGE = "recommendations->payment";

  private final Map<ThreatClass, Instant> starts = new EnumMap<>(ThreatClass.class);
  private String exfiltrator;
  private Simulator normalSimulator;
  private MemorySink normal;
  private MemorySink slow;
  private MemorySink baseline;

  @BeforeAll
  void runScripts() {
    Simulator probe = quiet(SEED, NOON, RUN).build();
    exfiltrator =
        probe.estate().users().stream()
            .filter(u -> !u.sharedIp())
            .findFirst()
            .orElseThrow()
            .principal();
    normalSimulator = quiet(SEED, NOON, RUN).scenario(script(Variant.NORMAL)).build();
    normal = run(normalSimulator);
    slow = run(quiet(SEED, NOON, RUN).scenario(script(Variant.SLOW_AND_LOW)).build());
    baseline = run(quiet(SEED, NOON, RUN).scenario(script(Variant.NORMAL)).noAttacks().build());
  }

  private Scenario script(Variant variant) {
    List<AttackSpec> attacks =
        List.of(
            attack("flood", ThreatClass.DDOS, variant, 1).withTarget("GET /search"),
            attack("stuffing", ThreatClass.CREDENTIAL_STUFFING, variant, 2),
            attack("scraping", ThreatClass.SCRAPING, variant, 3),
            attack("lateral", ThreatClass.LATERAL_MOVEMENT, variant, 4).withTarget(EDGE),
            attack("exfiltration", ThreatClass.EXFILTRATION, variant, 5).withTarget(exfiltrator));
    attacks.forEach(a -> starts.put(a.threatClass(), NOON.plus(a.offset())));
    return new Scenario("signatures", "", attacks, List.of(), Optional.empty());
  }

  private static AttackSpec attack(String name, ThreatClass c, Variant variant, int minute) {
    return AttackSpec.of(name, c, variant, MINUTE.multipliedBy(minute), MINUTE);
  }

  @Test
  void shouldFloodTargetRouteFromLabelledIpsOnlyWithinWindowWhenDdos() {
    Set<String> bots = sources(normal, ThreatClass.DDOS);
    Instant start = starts.get(ThreatClass.DDOS);

    assertThat(bots).hasSize(30);
    List<RequestLog> fromBots = fromIps(normal, bots);
    assertThat(fromBots).hasSizeGreaterThan(30 * 6 * 60 * 8 / 10);
    assertThat(fromBots).allSatisfy(r -> assertInWindow(r.getOccurredAt(), start));
    assertThat(fromBots).allSatisfy(r -> assertThat(r.getRoute()).isEqualTo("/search"));
    // the flooded service saturates: 503s appear on search during the flood only
    assertThat(count(normal, r -> r.getService().equals("search") && r.getStatus() == 503, start))
        .isGreaterThan(100);
    assertThat(count(baseline, r -> r.getService().equals("search") && r.getStatus() == 503, start))
        .isZero();
    assertThat(normal.labels())
        .filteredOn(l -> l.threatClass() == ThreatClass.DDOS && l.role() == LabelRole.TARGET)
        .extracting(GroundTruthLabel::entity)
        .containsExactly("gateway", "search", "catalog");
  }

  @Test
  void shouldBurst401sOnLoginOverManyUsernamesWhenCredentialStuffing() {
    Set<String> attackers = sources(normal, ThreatClass.CREDENTIAL_STUFFING);
    Instant start = starts.get(ThreatClass.CREDENTIAL_STUFFING);

    List<RequestLog> attempts = fromIps(normal, attackers);
    assertThat(attackers).hasSize(3);
    assertThat(attempts).allSatisfy(r -> assertInWindow(r.getOccurredAt(), start));
    assertThat(attempts).allSatisfy(r -> assertThat(r.getRoute()).isEqualTo(Estate.LOGIN_ROUTE));
    double attackerFailures = ratio(attempts, r -> r.getStatus() == 401);
    double normalFailures =
        ratio(
            baseline.requests().stream()
                .filter(r -> Estate.LOGIN_ROUTE.equals(r.getRoute()))
                .toList(),
            r -> r.getStatus() == 401);
    assertThat(attackerFailures).isGreaterThan(0.95);
    assertThat(normalFailures).isLessThan(0.15);
    assertThat(attempts.stream().map(RequestLog::getPrincipal).distinct().count())
        .isGreaterThan(attempts.size() * 9L / 10);
  }

  @Test
  void shouldSweepManyDistinctRoutesAndPathsFromFewClientsWhenScraping() {
    Set<String> scrapers = sources(normal, ThreatClass.SCRAPING);
    Instant start = starts.get(ThreatClass.SCRAPING);

    List<RequestLog> scraped = fromIps(normal, scrapers);
    assertThat(scrapers).hasSize(2);
    assertThat(scraped).allSatisfy(r -> assertInWindow(r.getOccurredAt(), start));
    for (String ip : scrapers) {
      List<RequestLog> mine = scraped.stream().filter(r -> r.getClientIp().equals(ip)).toList();
      assertThat(mine.stream().map(RequestLog::getRoute).distinct().count())
          .isGreaterThanOrEqualTo(10);
    }
    assertThat(scraped.stream().filter(r -> r.getRoute() == null && r.getStatus() == 404))
        .isNotEmpty();
    // no benign client comes close to the scrapers' distinct paths
    assertThat(maxDistinctPaths(normal, start))
        .isGreaterThan(5 * maxDistinctPaths(baseline, start));
  }

  @Test
  void shouldUseNewEdgeOnlyWithinWindowWhenLateralMovement() {
    Instant start = starts.get(ThreatClass.LATERAL_MOVEMENT);

    List<Span> calls = edgeCalls(normal);
    assertThat(Estate.create(0, 1).edges()).doesNotContain(EDGE);
    assertThat(edgeCalls(baseline)).isEmpty();
    assertThat(calls).hasSizeBetween(90, 150);
    assertThat(calls).allSatisfy(s -> assertInWindow(s.getStartTime(), start));
    // every probe reaches the callee: a SERVER span at payment under the CLIENT span
    Set<String> clientSpans = calls.stream().map(Span::getSpanId).collect(Collectors.toSet());
    assertThat(
            normal.spans().stream()
                .filter(s -> s.getService().equals("payment") && s.getKind() == SpanKind.SERVER)
                .filter(s -> clientSpans.contains(s.getParentSpanId())))
        .hasSize(calls.size());
    assertThat(normal.labels())
        .filteredOn(l -> l.threatClass() == ThreatClass.LATERAL_MOVEMENT)
        .extracting(GroundTruthLabel::entityType, GroundTruthLabel::entity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EntityType.EDGE, EDGE),
            org.assertj.core.groups.Tuple.tuple(EntityType.SERVICE, "recommendations"));
  }

  @Test
  void shouldSpikeBytesOutOfPrincipalOnlyWithinWindowWhenExfiltrating() {
    Instant start = starts.get(ThreatClass.EXFILTRATION);
    Instant end = start.plus(MINUTE);

    double during = bytesOut(normal, exfiltrator, start, end);
    double baselineDuring = bytesOut(baseline, exfiltrator, start, end);
    assertThat(during).isGreaterThan(100_000_000);
    assertThat(during).isGreaterThan(100 * Math.max(baselineDuring, 100_000));
    assertThat(normal.requests())
        .filteredOn(r -> exfiltrator.equals(r.getPrincipal()))
        .filteredOn(r -> r.getOccurredAt().isBefore(start) || !r.getOccurredAt().isBefore(end))
        .allSatisfy(r -> assertThat(r.getBytesOut()).isLessThan(1_000_000));
    assertThat(normal.labels())
        .filteredOn(l -> l.threatClass() == ThreatClass.EXFILTRATION)
        .extracting(GroundTruthLabel::entityType)
        .containsExactly(EntityType.PRINCIPAL, EntityType.CLIENT_IP);
  }

  @ParameterizedTest
  @EnumSource(
      value = ThreatClass.class,
      names = {"DDOS", "CREDENTIAL_STUFFING", "SCRAPING", "LATERAL_MOVEMENT", "EXFILTRATION"})
  void shouldBeWeakerThanNormalButAboveBaselineWhenSlowAndLow(ThreatClass threatClass) {
    ToDoubleFunction<MemorySink> signature = signature(threatClass);

    double strong = signature.applyAsDouble(normal);
    double weak = signature.applyAsDouble(slow);
    double none = signature.applyAsDouble(baseline);

    assertThat(weak).as("slow-and-low vs normal").isLessThan(strong / 2);
    assertThat(weak).as("slow-and-low vs baseline").isGreaterThan(2 * none + 5);
  }

  @Test
  void shouldLabelExactlyTheScenarioWindowsWhenAttacksRun() {
    List<GroundTruthLabel> labels = normal.labels();

    assertThat(labels).isEqualTo(normalSimulator.plan().labels());
    assertThat(labels.stream().map(GroundTruthLabel::scenario).distinct())
        .containsExactly("flood", "stuffing", "scraping", "lateral", "exfiltration");
    for (GroundTruthLabel label : labels) {
      Instant start = starts.get(label.threatClass());
      assertThat(label.start()).isEqualTo(start);
      assertThat(label.end()).isEqualTo(start.plus(MINUTE));
      assertThat(label.variant()).isEqualTo(Variant.NORMAL);
    }
    assertThat(slow.labels())
        .allSatisfy(l -> assertThat(l.variant()).isEqualTo(Variant.SLOW_AND_LOW));
    assertThat(baseline.labels()).isEmpty();
    assertThat(normalSimulator.plan().attacks())
        .extracting(AttackWindow::start)
        .containsExactlyElementsOf(starts.values());
  }

  @Test
  void shouldClipOrSkipAttacksWhenTheyOutlastTheRun() {
    // Given a 90-second run whose script has one attack crossing its end and one after it
    Scenario late =
        new Scenario(
            "late",
            "",
            List.of(
                AttackSpec.of(
                    "crossing",
                    ThreatClass.SCRAPING,
                    Variant.NORMAL,
                    Duration.ofSeconds(60),
                    MINUTE),
                AttackSpec.of(
                    "after",
                    ThreatClass.SCRAPING,
                    Variant.NORMAL,
                    Duration.ofSeconds(100),
                    MINUTE)),
            List.of(),
            Optional.empty());

    // When it is planned
    SimulationPlan plan = quiet(1, NOON, Duration.ofSeconds(90)).scenario(late).build().plan();

    // Then the crossing attack ends with the run and the late one is dropped
    assertThat(plan.attacks()).extracting(AttackWindow::name).containsExactly("crossing");
    assertThat(plan.labels()).allSatisfy(l -> assertThat(l.end()).isEqualTo(NOON.plusSeconds(90)));
  }

  private ToDoubleFunction<MemorySink> signature(ThreatClass threatClass) {
    Instant start = starts.get(threatClass);
    Instant end = start.plus(MINUTE);
    return switch (threatClass) {
      case DDOS -> sink -> count(sink, r -> "/search".equals(r.getRoute()), start);
      case CREDENTIAL_STUFFING ->
          sink ->
              count(
                  sink,
                  r -> Estate.LOGIN_ROUTE.equals(r.getRoute()) && r.getStatus() == 401,
                  start);
      case SCRAPING -> sink -> maxDistinctPaths(sink, start);
      case LATERAL_MOVEMENT -> sink -> edgeCalls(sink).size();
      case EXFILTRATION -> sink -> bytesOut(sink, exfiltrator, start, end) / 100_000;
      case NONE -> throw new IllegalArgumentException();
    };
  }

  private static Set<String> sources(MemorySink sink, ThreatClass threatClass) {
    return sink.labels().stream()
        .filter(l -> l.threatClass() == threatClass)
        .filter(l -> l.entityType() == EntityType.CLIENT_IP)
        .map(GroundTruthLabel::entity)
        .collect(Collectors.toSet());
  }

  private static List<RequestLog> fromIps(MemorySink sink, Set<String> ips) {
    return sink.requests().stream().filter(r -> ips.contains(r.getClientIp())).toList();
  }

  private static void assertInWindow(Instant t, Instant start) {
    assertThat(t).isAfterOrEqualTo(start).isBefore(start.plus(MINUTE));
  }

  private static long count(
      MemorySink sink, java.util.function.Predicate<RequestLog> filter, Instant start) {
    return sink.requests().stream()
        .filter(r -> !r.getOccurredAt().isBefore(start))
        .filter(r -> r.getOccurredAt().isBefore(start.plus(MINUTE)))
        .filter(filter)
        .count();
  }

  private static double ratio(
      List<RequestLog> requests, java.util.function.Predicate<RequestLog> filter) {
    return requests.stream().filter(filter).count() / (double) Math.max(1, requests.size());
  }

  /** Most distinct paths one client IP outside the internal range requested in the window. */
  private static long maxDistinctPaths(MemorySink sink, Instant start) {
    return sink.requests().stream()
        .filter(r -> !r.getOccurredAt().isBefore(start))
        .filter(r -> r.getOccurredAt().isBefore(start.plus(MINUTE)))
        .filter(r -> !inRange(r.getClientIp(), Estate.INTERNAL_RANGE))
        .collect(
            Collectors.groupingBy(
                RequestLog::getClientIp,
                Collectors.mapping(RequestLog::getPath, Collectors.toSet())))
        .values()
        .stream()
        .mapToLong(Set::size)
        .max()
        .orElse(0);
  }

  private static List<Span> edgeCalls(MemorySink sink) {
    return sink.spans().stream()
        .filter(s -> s.getKind() == SpanKind.CLIENT)
        .filter(s -> EDGE.equals(Estate.edge(s.getService(), s.getPeerService())))
        .toList();
  }

  private static double bytesOut(MemorySink sink, String principal, Instant from, Instant to) {
    return sink.requests().stream()
        .filter(r -> principal.equals(r.getPrincipal()))
        .filter(r -> !r.getOccurredAt().isBefore(from) && r.getOccurredAt().isBefore(to))
        .mapToLong(RequestLog::getBytesOut)
        .sum();
  }
}
