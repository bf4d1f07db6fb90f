package io.vigil.features.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.ThreatClass;
import org.junit.jupiter.api.Test;

class RuleBaselineTest {

  private static FeatureVector quiet(EntityType type, long windowMs) {
    double[] v = new double[Feature.count()];
    v[Feature.REQUEST_RATE.ordinal()] = 0.3;
    v[Feature.DISTINCT_ROUTES.ordinal()] = 2;
    v[Feature.BYTES_OUT_SUM.ordinal()] = 50_000;
    return new FeatureVector(type, "x", 0, windowMs, v);
  }

  @Test
  void shouldApplyEachFixedLimitToItsEntityTypesWhenWindowsCross() {
    FeatureVector ip = quiet(EntityType.CLIENT_IP, 10_000);
    assertThat(RuleBaseline.classify(ip)).isEqualTo(ThreatClass.NONE);
    assertThat(RuleBaseline.classify(ip.with(Feature.REQUEST_RATE, 2.0)))
        .isEqualTo(ThreatClass.DDOS);
    // 10 distinct routes in 10 s = 1 per second: scraping (checked before the rate rule)
    assertThat(
            RuleBaseline.classify(
                ip.with(Feature.DISTINCT_ROUTES, 10).with(Feature.REQUEST_RATE, 3)))
        .isEqualTo(ThreatClass.SCRAPING);
    assertThat(RuleBaseline.classify(ip.with(Feature.DISTINCT_ROUTES, 9)))
        .isEqualTo(ThreatClass.NONE);
    assertThat(
            RuleBaseline.classify(
                ip.with(Feature.AUTH_FAILURE_RATIO, 0.5).with(Feature.REQUEST_RATE, 0.5)))
        .isEqualTo(ThreatClass.CREDENTIAL_STUFFING);
    // a single failed login (low rate) is no attack
    assertThat(RuleBaseline.classify(ip.with(Feature.AUTH_FAILURE_RATIO, 1.0)))
        .isEqualTo(ThreatClass.NONE);
    // 10 MB in 10 s = 1 MB/s: exfiltration, for principals too
    assertThat(RuleBaseline.classify(ip.with(Feature.BYTES_OUT_SUM, 10_000_000)))
        .isEqualTo(ThreatClass.EXFILTRATION);
    assertThat(
            RuleBaseline.classify(
                quiet(EntityType.PRINCIPAL, 10_000).with(Feature.BYTES_OUT_SUM, 10_000_000)))
        .isEqualTo(ThreatClass.EXFILTRATION);
    // rate limits are per client: a busy service or principal is not flagged
    assertThat(
            RuleBaseline.classify(
                quiet(EntityType.SERVICE, 10_000).with(Feature.REQUEST_RATE, 500)))
        .isEqualTo(ThreatClass.NONE);
    assertThat(RuleBaseline.classify(quiet(EntityType.EDGE, 10_000).with(Feature.NEW_EDGE, 1)))
        .isEqualTo(ThreatClass.LATERAL_MOVEMENT);
  }

  @Test
  void shouldScalePerSecondLimitsWhenTheWindowIsLonger() {
    // 10 distinct routes and 10 MB are below 1/s and 1 MB/s over 60 s
    FeatureVector minute =
        quiet(EntityType.CLIENT_IP, 60_000)
            .with(Feature.DISTINCT_ROUTES, 10)
            .with(Feature.BYTES_OUT_SUM, 10_000_000);
    assertThat(RuleBaseline.classify(minute)).isEqualTo(ThreatClass.NONE);
    assertThat(RuleBaseline.classify(minute.with(Feature.DISTINCT_ROUTES, 60)))
        .isEqualTo(ThreatClass.SCRAPING);
  }
}
