package io.vigil.responders.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The examples of the Kubernetes "Horizontal Pod Autoscaling" documentation (algorithm details,
 * configurable scaling behavior), reproduced against the reactive part of the policy.
 */
class HpaBehaviourTest extends ScalingTestBase {

  @Test
  void shouldDoubleTheReplicasWhenTheMetricIsTwiceTheTarget() {
    // "if the current metric value is 200m, and the desired value is 100m, the number of
    // replicas will be doubled"
    Driver hpa = new Driver(policy(plainHpa("target-per-replica=100")), 1);
    hpa.observeAverage(200, T0);
    assertThat(hpa.decision().currentReplicas()).isEqualTo(1);
    assertThat(hpa.decision().desiredReplicas()).isEqualTo(2);
    assertThat(hpa.decision().rule()).isEqualTo(ScalingRule.OBSERVED_LOAD);
    assertThat(hpa.decision().basis()).isEqualTo(ScalingBasis.OBSERVED);
    assertThat(hpa.decision().actionable()).isTrue();
  }

  @Test
  void shouldHalveTheReplicasWhenTheMetricIsHalfTheTarget() {
    // "If the current value is instead 50m, you'll halve the number of replicas"
    Driver hpa = new Driver(policy(plainHpa("target-per-replica=100")), 4);
    hpa.observeAverage(50, T0);
    assertThat(hpa.decision().desiredReplicas()).isEqualTo(2);
  }

  @Test
  void shouldUseTheDocsFormulaWhenUtilisationIs90PercentOf75() {
    // KEP-4951 / v1.33 blog: 50 replicas at 90 % CPU vs a 75 % target -> 60
    Driver hpa = new Driver(policy(plainHpa("target-per-replica=75", "max-replicas=100")), 50);
    hpa.observeAverage(90, T0);
    assertThat(hpa.decision().desiredReplicas()).isEqualTo(60);
  }

  @ParameterizedTest(name = "ratio {1} with tolerances up {2} / down {3}: {0} -> {4}")
  @CsvSource({
    "10, 1.05, 0.1,  0.1,  10",
    "10, 0.95, 0.1,  0.1,  10",
    "10, 1.10, 0.1,  0.1,  10",
    "10, 0.90, 0.1,  0.1,  10",
    "10, 1.11, 0.1,  0.1,  12",
    "10, 0.89, 0.1,  0.1,  9",
    // v1.33 configurable tolerance: scale up only above 105 % (tolerance 0.05)...
    "10, 1.04, 0.05, 0.1,  10",
    "10, 1.06, 0.05, 0.1,  11",
    // ...and scale-up tolerance 0 reacts to any increase
    "10, 1.01, 0,    0.05, 11",
    "10, 0.96, 0,    0.05, 10",
  })
  void shouldNotScaleWhenTheRatioIsWithinTheTolerance(
      int replicas, double ratio, double up, double down, int expected) {
    ScalingPolicy p =
        policy(
            plainHpa(
                "target-per-replica=100",
                "scale-up.tolerance=" + up,
                "scale-down.tolerance=" + down,
                "max-replicas=50"));
    Driver hpa = new Driver(p, replicas);
    assertThat(hpa.observeAverage(100 * ratio, T0)).isEqualTo(expected);
    if (expected == replicas) {
      assertThat(hpa.last.decision()).isEmpty();
      assertThat(hpa.last.explanation()).contains("within tolerance");
    }
  }

  @ParameterizedTest(name = "{0} replicas wanting {1}: {2} after the first 15 s step")
  @CsvSource({
    // default scale-up: 4 pods or 100 % per 15 s, select Max
    "1,  10, 5",
    "2,  10, 6",
    "4,  10, 8",
    "10, 50, 20",
    "10, 12, 12",
  })
  void shouldAddFourPodsOrDoubleWhenScalingUpWithDefaultPolicies(
      int replicas, int wanted, int expected) {
    Driver hpa = new Driver(policy(plainHpa("max-replicas=100")), replicas);
    assertThat(hpa.observe(wanted * 100, T0)).isEqualTo(expected);
    if (expected < wanted) {
      assertThat(hpa.decision().rule()).isEqualTo(ScalingRule.SCALE_UP_RATE_LIMIT);
      assertThat(hpa.decision().reason())
          .contains("scale-up policies [percent:100:15s, pods:4:15s] select max allow");
    }
  }

  @Test
  void shouldScaleUpStepByStepWhenEachPeriodOfTheDefaultPoliciesPasses() {
    // 1 -> 5 (4 pods) -> still 5 within the same 15 s period -> 10 (100 %) -> 20 -> 40 -> 50
    Driver hpa = new Driver(policy(plainHpa("max-replicas=60")), 1);
    List<Integer> replicas = new ArrayList<>();
    for (int s = 0; s <= 60; s += 5) {
      replicas.add(hpa.observe(5000, seconds(s)));
    }
    assertThat(replicas).containsExactly(5, 5, 5, 10, 10, 10, 20, 20, 20, 40, 40, 40, 50);
  }

  @Test
  void shouldRemoveTheDocsNumbersOfPodsWhenScalingDownFrom80To10() {
    // "if there are 80 replicas and the target has to be scaled down to 10 replicas then during
    // the first step 8 replicas will be reduced. In the next iteration when the number of
    // replicas is 72, 10% of the pods is 7.2 but the number is rounded up to 8. [...] When the
    // number of replicas falls below 40 the first policy (Pods) is applied and 4 replicas will be
    // reduced at a time."
    Driver hpa =
        new Driver(
            policy(plainHpa("max-replicas=100", "scale-down.policies=pods:4:60s,percent:10:60s")),
            80);
    List<Integer> replicas = new ArrayList<>();
    for (int minute = 0; minute < 14; minute++) {
      replicas.add(hpa.observe(1000, seconds(60L * minute)));
    }
    assertThat(replicas).startsWith(72, 64);
    List<Integer> removed = new ArrayList<>();
    int previous = 80;
    for (int r : replicas) {
      removed.add(previous - r);
      previous = r;
    }
    for (int i = 0; i < replicas.size(); i++) {
      int before = i == 0 ? 80 : replicas.get(i - 1);
      int expected = before == 10 ? 0 : before > 40 ? before - (before * 9 / 10) : 4;
      assertThat(removed.get(i))
          .as("removed at %d replicas", before)
          .isEqualTo(Math.min(expected, before - 10));
    }
    assertThat(replicas).endsWith(10);
    assertThat(hpa.decisions.get(0).rule()).isEqualTo(ScalingRule.SCALE_DOWN_RATE_LIMIT);
  }

  @Test
  void shouldTakeTheSmallestChangeWhenTheSelectPolicyIsMin() {
    // "no more than 5 Pods are removed per minute ... selectPolicy Min"
    Driver hpa =
        new Driver(
            policy(
                plainHpa(
                    "max-replicas=100",
                    "scale-down.policies=percent:10:60s,pods:5:60s",
                    "scale-down.select-policy=min")),
            80);
    assertThat(hpa.observe(1000, T0)).isEqualTo(75);
    assertThat(hpa.observe(1000, seconds(30))).isEqualTo(75);
    assertThat(hpa.observe(1000, seconds(61))).isEqualTo(70);
  }

  @Test
  void shouldLimitScaleDownTo10PercentPerMinuteWhenConfigured() {
    Driver hpa =
        new Driver(policy(plainHpa("max-replicas=100", "scale-down.policies=percent:10:60s")), 50);
    assertThat(hpa.observe(100, T0)).isEqualTo(45);
    assertThat(hpa.observe(100, seconds(59))).isEqualTo(45);
    // 10 % of 45 is 4.5, rounded up to 5 removed (as the docs' 7.2 -> 8)
    assertThat(hpa.observe(100, seconds(61))).isEqualTo(40);
  }

  @Test
  void shouldNeverScaleDownWhenScaleDownIsDisabled() {
    Driver hpa = new Driver(policy(plainHpa("scale-down.select-policy=disabled")), 8);
    for (int s = 0; s < 1200; s += 15) {
      assertThat(hpa.observe(0, seconds(s))).isEqualTo(8);
    }
    assertThat(hpa.decisions).isEmpty();
  }

  @Test
  void shouldNeverScaleUpWhenScaleUpIsDisabled() {
    Driver hpa = new Driver(policy(plainHpa("scale-up.select-policy=disabled")), 3);
    assertThat(hpa.observe(10_000, T0)).isEqualTo(3);
  }

  @Test
  void shouldNotScaleInWhenTheDipIsBriefWithinTheStabilizationWindow() {
    // Given the default 300 s scale-down window and a service at its target
    Driver hpa = new Driver(policy("cooldown=0s"), 10);
    hpa.observe(1000, T0);
    // When load dips for two minutes and comes back
    assertThat(hpa.observe(300, seconds(60))).isEqualTo(10);
    assertThat(hpa.observe(300, seconds(120))).isEqualTo(10);
    assertThat(hpa.observe(1000, seconds(180))).isEqualTo(10);
    // Then no scale-in happened: the highest recommendation of the window was always 10
    assertThat(hpa.decisions).isEmpty();
    assertThat(hpa.last.explanation()).contains("no change");
  }

  @Test
  void shouldScaleInToTheHighestRecentRecommendationWhenTheWindowMoves() {
    Driver hpa = new Driver(policy("cooldown=0s"), 10);
    hpa.observe(1000, T0); // recommends 10
    hpa.observe(600, seconds(100)); // recommends 6
    hpa.observe(300, seconds(200)); // recommends 3
    // After 300 s the 10 leaves the window: the highest remaining recommendation is 6
    assertThat(hpa.observe(300, seconds(301))).isEqualTo(6);
    assertThat(hpa.decision().rule()).isEqualTo(ScalingRule.SCALE_DOWN_STABILIZATION);
    assertThat(hpa.decision().reason()).contains("scale-down stabilization (5m window");
    // And after the 6 leaves it too, 3
    assertThat(hpa.observe(300, seconds(401))).isEqualTo(3);
  }

  @Test
  void shouldNotScaleInRightAfterStartWhenTheWindowIsSeeded() {
    // As the HPA: the first evaluation seeds the scale-down window with the current count
    Driver hpa = new Driver(policy("cooldown=0s"), 10);
    assertThat(hpa.observe(100, T0)).isEqualTo(10);
    assertThat(hpa.observe(100, seconds(299))).isEqualTo(10);
    assertThat(hpa.observe(100, seconds(300))).isEqualTo(1);
  }

  @Test
  void shouldScaleUpToTheLowestRecentRecommendationWhenAScaleUpWindowIsSet() {
    Driver hpa =
        new Driver(policy(plainHpa("scale-up.stabilization-window=60s", "max-replicas=50")), 4);
    assertThat(hpa.observe(400, T0)).isEqualTo(4); // recommends 4
    assertThat(hpa.observe(1000, seconds(30))).isEqualTo(4); // 10, but 4 is in the window
    assertThat(hpa.decisions).isEmpty();
    assertThat(hpa.observe(1000, seconds(61))).isEqualTo(8); // lowest now 10, rate-limited 8
    assertThat(hpa.observe(1000, seconds(77))).isEqualTo(10);
  }

  @ParameterizedTest(name = "{0} replicas, load {1}: {2} by {3}")
  @CsvSource({
    "5,  10000, 10, MAX_REPLICAS",
    "5,  0,     2,  MIN_REPLICAS",
    "12, 1200,  10, MAX_REPLICAS",
    "1,  100,   2,  MIN_REPLICAS",
  })
  void shouldClampWhenTheRecommendationOrTheCurrentCountIsOutOfRange(
      int replicas, double load, int expected, ScalingRule rule) {
    Driver hpa =
        new Driver(
            policy(plainHpa("min-replicas=2", "max-replicas=10", "scale-up.policies=pods:100:15s")),
            replicas);
    assertThat(hpa.observe(load, T0)).isEqualTo(expected);
    assertThat(hpa.decision().rule()).isEqualTo(rule);
  }

  @Test
  void shouldWaitForTheCooldownWhenItFollowsAnAction() {
    Driver hpa = new Driver(policy("cooldown=2m", "scale-down.stabilization-window=0s"), 2);
    assertThat(hpa.observe(400, T0)).isEqualTo(4);
    assertThat(hpa.observe(800, seconds(60))).isEqualTo(4);
    assertThat(hpa.last.decision()).isEmpty();
    assertThat(hpa.last.explanation()).contains("cooldown until " + seconds(120));
    assertThat(hpa.observe(800, seconds(120))).isEqualTo(8);
  }

  @Test
  void shouldNotScaleWhenTheTargetHasZeroReplicas() {
    Driver hpa = new Driver(policy(plainHpa()), 0);
    assertThat(hpa.observe(1000, T0)).isZero();
    assertThat(hpa.last.explanation()).contains("scaling inactive");
  }

  @Test
  void shouldIgnoreTheServiceWhenItIsNotManaged() {
    ScalingPolicy p = policy();
    ScalingResult r =
        p.evaluate(
            ScalingState.initial("unknown"), LoadObservation.total("unknown", T0, 1, 1e6), T0);
    assertThat(r.decision()).isEmpty();
    assertThat(r.explanation()).contains("not managed");
  }

  @Test
  void shouldIssueTheSameIdWhenTheSameDecisionRepeatsInTheBucket() {
    ScalingPolicy p = policy(plainHpa());
    ScalingState s = ScalingState.initial(SERVICE);
    String a = p.evaluate(s, total(1, 300, seconds(1)), seconds(1)).decision().get().id();
    String b = p.evaluate(s, total(1, 300, seconds(59)), seconds(59)).decision().get().id();
    String c = p.evaluate(s, total(1, 300, seconds(61)), seconds(61)).decision().get().id();
    String d = p.evaluate(s, total(1, 400, seconds(1)), seconds(1)).decision().get().id();
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c).isNotEqualTo(d);
  }

  @Test
  void shouldPruneOldRecommendationsAndEventsWhenTimePasses() {
    Driver hpa = new Driver(policy("cooldown=0s"), 2);
    hpa.observe(400, T0);
    hpa.observe(400, seconds(1000));
    // Only the evaluation at 1000 s remains (re-seeded with the current count, as at start)
    assertThat(hpa.state.recommendations())
        .extracting(Recommendation::at)
        .containsOnly(seconds(1000));
    assertThat(hpa.state.scaleEvents()).isEmpty();
  }
}
