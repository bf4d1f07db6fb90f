package io.vigil.responders.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the firewall state machine over arbitrary anomaly and tick sequences. */
class FirewallPropertiesTest {

  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  private static final String[] IPS = {
    "203.0.113.1", "203.0.113.2", "203.0.113.3", "2001:db8::1", "10.0.0.1"
  };

  /** One step: an anomaly (class, ip index, score) or, with ip index -1, a tick. */
  record Step(int secondsLater, int ip, ThreatClass threatClass, int score) {}

  @Provide
  Arbitrary<List<Step>> scripts() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 600),
                Arbitraries.integers().between(-1, IPS.length - 1),
                Arbitraries.of(ThreatClass.DDOS, ThreatClass.SCRAPING, ThreatClass.NONE),
                Arbitraries.integers().between(50, 100))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 200)
  void shouldKeepTheInvariantsWhenAnyScriptRuns(@ForAll("scripts") List<Step> script) {
    FirewallPolicy policy =
        new FirewallPolicy(
            FirewallConfig.fromProperties(
                FirewallTestBase.properties(
                    "max-new-decisions-per-minute=2",
                    "allow.cidrs=10.0.0.0/8",
                    "merge.min-extension=30s")));
    FirewallState state = FirewallState.empty();
    Instant now = T0;
    List<FirewallDecision> log = new ArrayList<>();
    int n = 0;
    for (Step s : script) {
      now = now.plusSeconds(s.secondsLater());
      FirewallResult r;
      if (s.ip() < 0) {
        r = policy.tick(state, now);
      } else {
        AnomalySignal a =
            new AnomalySignal(
                "a" + n++,
                EntityType.CLIENT_IP,
                IPS[s.ip()],
                s.score(),
                s.threatClass(),
                0.95,
                now);
        r = policy.apply(state, a, now);
        assertThat(r.audits()).isNotEmpty();
      }
      state = r.state();
      log.addAll(r.decisions());
      // The restored state always equals the live one (as far as published decisions go)
      assertThat(activeIdsAndExpiries(FirewallState.restore(latestPerKey(log))))
          .isEqualTo(activeIdsAndExpiries(state));
    }
    FirewallResult end = policy.tick(state, now.plus(Duration.ofDays(2)));
    log.addAll(end.decisions());

    // No decision on the allow-listed range, ever
    assertThat(log).noneMatch(d -> d.target().equals("10.0.0.1"));
    // Ids are unique
    assertThat(log).extracting(FirewallDecision::id).doesNotHaveDuplicates();
    // At most the cap of NEW decisions within any rolling minute
    List<Instant> news =
        log.stream().filter(d -> d.kind() == DecisionKind.NEW).map(d -> d.issuedAt()).toList();
    for (Instant i : news) {
      long inWindow =
          news.stream().filter(j -> !j.isAfter(i) && j.isAfter(i.minusSeconds(60))).count();
      assertThat(inWindow).isLessThanOrEqualTo(2);
    }
    // Every NEW decision is eventually lifted exactly once, and each lift follows its chain
    Map<DecisionKey, Integer> open = new HashMap<>();
    for (FirewallDecision d : log) {
      int o = open.getOrDefault(d.key(), 0);
      switch (d.kind()) {
        case NEW:
          assertThat(o).as("one active decision per target").isZero();
          open.put(d.key(), 1);
          break;
        case EXTENDED:
          assertThat(o).isEqualTo(1);
          break;
        default:
          assertThat(o).isEqualTo(1);
          open.put(d.key(), 0);
      }
    }
    assertThat(open.values()).allMatch(v -> v == 0);
    assertThat(end.state().active()).isEmpty();
  }

  private static List<FirewallDecision> latestPerKey(List<FirewallDecision> log) {
    Map<DecisionKey, FirewallDecision> m = new HashMap<>();
    for (FirewallDecision d : log) {
      m.put(d.key(), d);
    }
    return new ArrayList<>(m.values());
  }

  private static Map<DecisionKey, String> activeIdsAndExpiries(FirewallState s) {
    Map<DecisionKey, String> m = new HashMap<>();
    s.active().forEach((k, v) -> m.put(k, v.id() + "@" + v.expiresAt()));
    return m;
  }
}
