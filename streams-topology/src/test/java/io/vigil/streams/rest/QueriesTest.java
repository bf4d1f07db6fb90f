package io.vigil.streams.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.streams.rest.Views.SagaPage;
import io.vigil.streams.rest.Views.SagaSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueriesTest {

  @Test
  void shouldMergePagesInIdOrderAndPointAfterTheLastItemWhenMoreRemain() {
    SagaPage a = new SagaPage(List.of(summary("o-1"), summary("o-4")), null, false);
    SagaPage b = new SagaPage(List.of(summary("o-2"), summary("o-3")), null, true);

    SagaPage merged = Queries.merge(List.of(a, b), 3);

    assertThat(merged.items()).extracting(SagaSummary::sagaId).containsExactly("o-1", "o-2", "o-3");
    assertThat(merged.hasMore()).isTrue();
    assertThat(Cursors.decode(merged.nextCursor())).isEqualTo("o-3");
  }

  @Test
  void shouldEndTheListWhenNoInstanceHasMore() {
    SagaPage a = new SagaPage(List.of(summary("o-1")), null, false);

    SagaPage merged = Queries.merge(List.of(a, new SagaPage(List.of(), null, false)), 10);

    assertThat(merged.items()).hasSize(1);
    assertThat(merged.hasMore()).isFalse();
    assertThat(merged.nextCursor()).isNull();
  }

  @Test
  void shouldRejectCursorsThisApiDidNotIssue() {
    assertThat(Cursors.decode(Cursors.encode("order:1/ü"))).isEqualTo("order:1/ü");
    assertThatThrownBy(() -> Cursors.decode("%%%"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> Cursors.decode(Cursors.encode("has space")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  private static SagaSummary summary(String id) {
    return new SagaSummary(id, "COMPLETED", "confirm-order", null, "2026-11-23T10:00:00Z");
  }
}
