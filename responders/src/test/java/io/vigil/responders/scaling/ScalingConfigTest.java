package io.vigil.responders.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.responders.config.ConfigException;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalingConfigTest {

  @Test
  void shouldUseTheHpaDefaultsWhenNothingIsSet() {
    ServiceScalingConfig c = ScalingTestBase.config().service("checkout").orElseThrow();
    assertThat(c.minReplicas()).isEqualTo(1);
    assertThat(c.maxReplicas()).isEqualTo(10);
    assertThat(c.scaleUp().tolerance()).isEqualTo(0.1);
    assertThat(c.scaleDown().tolerance()).isEqualTo(0.1);
    assertThat(c.scaleUp().stabilizationWindow()).isZero();
    assertThat(c.scaleDown().stabilizationWindow()).isEqualTo(Duration.ofSeconds(300));
    assertThat(c.scaleUp().policies())
        .containsExactly(
            new RatePolicy(RatePolicy.Type.PERCENT, 100, Duration.ofSeconds(15)),
            new RatePolicy(RatePolicy.Type.PODS, 4, Duration.ofSeconds(15)));
    assertThat(c.scaleUp().select()).isEqualTo(SelectPolicy.MAX);
    assertThat(c.scaleDown().policies())
        .containsExactly(new RatePolicy(RatePolicy.Type.PERCENT, 100, Duration.ofSeconds(15)));
    assertThat(c.mode()).isEqualTo(ScalingMode.PREDICTIVE);
    assertThat(c.forecastBound()).isEqualTo(ForecastBound.UPPER80);
  }

  @Test
  void shouldLayerServiceOverDefaultOverBuiltInWhenResolving() throws Exception {
    String file =
        String.join(
            "\n",
            "vigil.scaling.services=checkout, search.v2",
            "vigil.scaling.default.max-replicas=30",
            "vigil.scaling.default.mode=forecast-only",
            "vigil.scaling.service.checkout.max-replicas=50",
            "vigil.scaling.service.search.v2.scale-down.policies=pods:1:1m",
            "vigil.scaling.service.search.v2.scale-down.select-policy=Disabled");
    ScalingConfig config = ScalingConfig.load(new StringReader(file));
    assertThat(config.services()).containsOnlyKeys("checkout", "search.v2");
    assertThat(config.service("checkout").orElseThrow().maxReplicas()).isEqualTo(50);
    ServiceScalingConfig search = config.service("search.v2").orElseThrow();
    assertThat(search.maxReplicas()).isEqualTo(30);
    assertThat(search.mode()).isEqualTo(ScalingMode.FORECAST_ONLY);
    assertThat(search.scaleDown().select()).isEqualTo(SelectPolicy.DISABLED);
    assertThat(search.scaleDown().policies())
        .extracting(RatePolicy::toString)
        .containsExactly("pods:1:1m");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "min-replicas=5; max-replicas=3 | vigil.scaling.service.checkout.min-replicas: min-replicas"
            + " 5 exceeds max-replicas 3 (vigil.scaling.service.checkout.max-replicas)",
        "min-replicas=0 | vigil.scaling.service.checkout.min-replicas: must be between 1 and"
            + " 100000, got 0",
        "target-per-replica=0 | vigil.scaling.service.checkout.target-per-replica: must be > 0,"
            + " got 0",
        "scale-up.tolerance=1 | vigil.scaling.service.checkout.scale-up.tolerance: must be >= 0"
            + " and < 1, got 1",
        "scale-down.tolerance=-0.1 | vigil.scaling.service.checkout.scale-down.tolerance: must be"
            + " between 0 and 1, got -0.1",
        "scale-down.stabilization-window=2h | vigil.scaling.service.checkout.scale-down"
            + ".stabilization-window: must be between 0s and 1h, got 2h",
        "scale-up.policies=percent:1001:15s | vigil.scaling.service.checkout.scale-up.policies:"
            + " percent must be within 1..1000, got 'percent:1001:15s'",
        "scale-down.policies=percent:101:15s | vigil.scaling.service.checkout.scale-down.policies:"
            + " percent must be within 1..100, got 'percent:101:15s'",
        "scale-down.policies=pods:0:15s | vigil.scaling.service.checkout.scale-down.policies:"
            + " policy value must be > 0, got 0",
        "scale-up.policies=pods:4:31m | vigil.scaling.service.checkout.scale-up.policies: policy"
            + " period must be within 1s..30m, got PT31M",
        "scale-up.policies=pods/4/15s | vigil.scaling.service.checkout.scale-up.policies: expected"
            + " type:value:period such as pods:4:15s or percent:100:15s, got 'pods/4/15s'",
        "scale-up.policies= | vigil.scaling.service.checkout.scale-up.policies: at least one"
            + " policy is needed unless vigil.scaling.default.scale-up.select-policy=disabled",
        "scale-up.select-policy=maximum | vigil.scaling.service.checkout.scale-up.select-policy:"
            + " expected one of [max, min, disabled], got 'maximum'",
        "cooldown=-1s | vigil.scaling.service.checkout.cooldown: expected a duration such as 15s,"
            + " 15m, 4h, 7d or PT15M, got '-1s'",
        "forecast.max-age=0s | vigil.scaling.service.checkout.forecast.max-age: must be between 1s"
            + " and 7d, got 0s",
        "forecast.bound=upper99 | vigil.scaling.service.checkout.forecast.bound: expected one of"
            + " [mean, upper80, upper95], got 'upper99'",
        "mode=magic | vigil.scaling.service.checkout.mode: expected one of [reactive, predictive,"
            + " forecast_only], got 'magic'",
        "max-replica=3 | vigil.scaling.service.checkout.max-replica: unknown per-service property;"
            + " known: [min-replicas, max-replicas, target-per-replica, mode, cooldown,"
            + " scale-up.tolerance, scale-up.stabilization-window, scale-up.policies,"
            + " scale-up.select-policy, scale-down.tolerance, scale-down.stabilization-window,"
            + " scale-down.policies, scale-down.select-policy, forecast.bound, forecast.lead-time,"
            + " forecast.max-age]",
        "vigil.scaling.service.chekout.max-replicas=3 | vigil.scaling.service.chekout.max-replicas:"
            + " service 'chekout' is not listed in vigil.scaling.services [checkout]",
        "vigil.scaling.default.max-replica=3 | vigil.scaling.default.max-replica: unknown key (did"
            + " you mean vigil.scaling.default.max-replicas?)",
        "vigil.scaling.decision-id-bucket=0s | vigil.scaling.decision-id-bucket: must be between"
            + " 1s and 1h, got 0s",
      })
  void shouldNameTheKeyWhenAValueIsInvalid(String settings, String problem) {
    assertThatThrownBy(() -> ScalingTestBase.config(settings.split(";")))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.problems()).containsExactly(problem));
  }

  @Test
  void shouldNameTheDefaultKeyWhenTheDefaultIsInvalid() {
    assertThatThrownBy(() -> ScalingTestBase.config("vigil.scaling.default.min-replicas=20"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "vigil.scaling.default.min-replicas: min-replicas 20 exceeds max-replicas"
                            + " 10 (vigil.scaling.default.max-replicas)"));
  }

  @Test
  void shouldValidateTheDefaultsWhenNoServiceIsListed() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("vigil.scaling.default.cooldown", "soon");
    assertThatThrownBy(() -> ScalingConfig.fromProperties(p))
        .hasMessageContaining("vigil.scaling.default.cooldown");
    assertThat(ScalingConfig.fromProperties(new java.util.Properties()).services()).isEmpty();
  }

  @Test
  void shouldReportEveryProblemOnceWhenSeveralKeysAreInvalid() {
    assertThatThrownBy(
            () ->
                ScalingTestBase.config(
                    "vigil.scaling.services=a,b",
                    "vigil.scaling.default.scale-up.tolerance=2",
                    "vigil.scaling.service.a.max-replicas=zero"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "vigil.scaling.service.a.max-replicas: expected an integer, got 'zero'",
                        "vigil.scaling.default.scale-up.tolerance: must be between 0 and 1, got"
                            + " 2"));
  }
}
