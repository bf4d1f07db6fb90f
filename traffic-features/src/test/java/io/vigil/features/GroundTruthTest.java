package io.vigil.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.LabelRole;
import io.vigil.simulator.Variant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

  private static final long W = 10_000;

  static GroundTruthLabel label(
      io.vigil.analytics.EntityType type,
      String entity,
      io.vigil.common.ThreatClass c,
      LabelRole role,
      long startMs,
      long endMs) {
    return new GroundTruthLabel(
        type,
        entity,
        c,
        role,
        Instant.ofEpochMilli(startMs),
        Instant.ofEpochMilli(endMs),
        "attack-1",
        Variant.NORMAL);
  }

  @Test
  void shouldTellAttackIgnoredAndNormalWindowsApartWhenLabelsHaveRoles() {
    // Given: an attacking ip (source) from 25 s to 60 s, the victim service (target), and a
    // lateral movement whose label covers the edge and the calling service
    GroundTruth truth =
        new GroundTruth(
            List.of(
                label(
                    io.vigil.analytics.EntityType.CLIENT_IP,
                    "6.6.6.6",
                    io.vigil.common.ThreatClass.DDOS,
                    LabelRole.SOURCE,
                    25_000,
                    60_000),
                label(
                    io.vigil.analytics.EntityType.SERVICE,
                    "search",
                    io.vigil.common.ThreatClass.DDOS,
                    LabelRole.TARGET,
                    25_000,
                    60_000),
                label(
                    io.vigil.analytics.EntityType.EDGE,
                    "cart->payment",
                    io.vigil.common.ThreatClass.LATERAL_MOVEMENT,
                    LabelRole.SOURCE,
                    0,
                    30_000),
                label(
                    io.vigil.analytics.EntityType.SERVICE,
                    "cart",
                    io.vigil.common.ThreatClass.LATERAL_MOVEMENT,
                    LabelRole.SOURCE,
                    0,
                    30_000)));

    // Then: windows [20,30) .. [50,60) of the ip are attacks; [60,70) only touches the end
    // (half-open ranges) and [10,20) ends before the start
    assertThat(truth.of(EntityType.CLIENT_IP, "6.6.6.6", 2 * W, 3 * W).threatClass())
        .isEqualTo(ThreatClass.DDOS);
    assertThat(truth.of(EntityType.CLIENT_IP, "6.6.6.6", 5 * W, 6 * W).attack()).isTrue();
    assertThat(truth.of(EntityType.CLIENT_IP, "6.6.6.6", 6 * W, 7 * W).status())
        .isEqualTo(GroundTruth.Status.NORMAL);
    assertThat(truth.of(EntityType.CLIENT_IP, "6.6.6.6", W, 2 * W).status())
        .isEqualTo(GroundTruth.Status.NORMAL);
    // the same key under another entity type is another entity
    assertThat(truth.of(EntityType.PRINCIPAL, "6.6.6.6", 3 * W, 4 * W).status())
        .isEqualTo(GroundTruth.Status.NORMAL);
    // targets and the lateral movement's caller are not observable: ignored
    assertThat(truth.of(EntityType.SERVICE, "search", 3 * W, 4 * W).status())
        .isEqualTo(GroundTruth.Status.IGNORED);
    assertThat(truth.of(EntityType.SERVICE, "cart", 0, W).status())
        .isEqualTo(GroundTruth.Status.IGNORED);
    assertThat(truth.of(EntityType.SERVICE, "cart", 3 * W, 4 * W).status())
        .isEqualTo(GroundTruth.Status.NORMAL);
    assertThat(truth.of(EntityType.EDGE, "cart->payment", 2 * W, 3 * W).threatClass())
        .isEqualTo(ThreatClass.LATERAL_MOVEMENT);
  }

  @Test
  void shouldPickTheLongestOverlapWhenTwoAttacksTouchOneWindow() {
    // Given: scraping until 12 s, exfiltration from 12 s, same ip
    GroundTruth truth =
        new GroundTruth(
            List.of(
                label(
                    io.vigil.analytics.EntityType.CLIENT_IP,
                    "1.2.3.4",
                    io.vigil.common.ThreatClass.SCRAPING,
                    LabelRole.SOURCE,
                    0,
                    12_000),
                label(
                    io.vigil.analytics.EntityType.CLIENT_IP,
                    "1.2.3.4",
                    io.vigil.common.ThreatClass.EXFILTRATION,
                    LabelRole.SOURCE,
                    12_000,
                    40_000)));

    // Then: window [10,20) overlaps scraping 2 s and exfiltration 8 s
    assertThat(truth.of(EntityType.CLIENT_IP, "1.2.3.4", W, 2 * W).threatClass())
        .isEqualTo(ThreatClass.EXFILTRATION);
    assertThat(truth.of(EntityType.CLIENT_IP, "1.2.3.4", 0, W).threatClass())
        .isEqualTo(ThreatClass.SCRAPING);
  }
}
