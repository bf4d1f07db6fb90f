package io.vigil.features;

import static io.vigil.features.TelemetryMappingTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.features.RequestObservation;
import io.vigil.features.TelemetryMapping.KeyedObservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OfflineWindowsTest {
  private static final Duration W = Duration.ofSeconds(10);

  @Test
  void shouldCutEpochAlignedTumblingWindowsPerEntity() {
    // Given 3 requests of one service in [T0, T0+10s) and 1 in the next window
    List<KeyedObservation> in = new ArrayList<>();
    for (long t : new long[] {T0, T0 + 4_000, T0 + 9_999, T0 + 10_000}) {
      in.add(service("checkout", t));
    }
    in.add(service("catalog", T0 + 1));

    // When
    List<FeatureVector> out = OfflineWindows.of(in, W);

    // Then
    assertThat(out)
        .extracting(FeatureVector::entity, FeatureVector::windowStartMillis)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("catalog", T0),
            org.assertj.core.groups.Tuple.tuple("checkout", T0),
            org.assertj.core.groups.Tuple.tuple("checkout", T0 + 10_000));
    assertThat(out.get(1).get(Feature.REQUEST_RATE)).isEqualTo(0.3);
    assertThat(out.get(1).windowEndMillis()).isEqualTo(T0 + 10_000);
    assertThat(out.get(2).get(Feature.REQUEST_RATE)).isEqualTo(0.1);
  }

  @Test
  void shouldFlagNewEdgeOnlyInItsFirstTenMinutesWhenObservationsArriveOutOfOrder() {
    // Given calls on one edge in three windows and one window ten minutes after the first, shuffled
    List<KeyedObservation> in = new ArrayList<>();
    long grown = T0 + io.vigil.analytics.features.EdgeHistory.YOUTH.toMillis();
    for (long t = T0; t < grown + 10_000; t += t == T0 + 29_000 ? grown - t : 1_000) {
      RequestObservation o =
          new RequestObservation(
              t, "payment", null, null, "POST /pay", 200, 5, 0, 10, "cart", "payment");
      TelemetryMapping.SPAN_ENTITY_TYPES.forEach(
          type -> in.add(new KeyedObservation(type, type.keyOf(o), o)));
    }
    List<KeyedObservation> shuffled = new ArrayList<>(in);
    Collections.shuffle(shuffled, new Random(1));

    // When
    List<FeatureVector> ordered = OfflineWindows.of(in, W);
    List<FeatureVector> out = OfflineWindows.of(shuffled, W);

    // Then
    assertThat(out).isEqualTo(ordered);
    assertThat(out).extracting(FeatureVector::entity).containsOnly("cart->payment");
    assertThat(out).extracting(v -> v.get(Feature.NEW_EDGE)).containsExactly(1.0, 1.0, 1.0, 0.0);
  }

  private static KeyedObservation service(String service, long t) {
    RequestObservation o =
        new RequestObservation(t, service, "10.1.1.1", null, "GET /", 200, 3, 0, 100, null, null);
    return new KeyedObservation(EntityType.SERVICE, service, o);
  }
}
