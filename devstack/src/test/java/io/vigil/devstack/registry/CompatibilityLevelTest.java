package io.vigil.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

  @Test
  void shouldParseCaseInsensitivelyWhenNameIsKnown() {
    assertThat(CompatibilityLevel.parse("full_transitive"))
        .contains(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(CompatibilityLevel.parse(" Backward ")).contains(CompatibilityLevel.BACKWARD);
  }

  @Test
  void shouldReturnEmptyWhenNameIsUnknownOrMissing() {
    assertThat(CompatibilityLevel.parse("sideways")).isEmpty();
    assertThat(CompatibilityLevel.parse(null)).isEmpty();
  }

  @Test
  void shouldDescribeDirectionsWhenLevelIsFull() {
    assertThat(CompatibilityLevel.FULL.backward()).isTrue();
    assertThat(CompatibilityLevel.FULL.forward()).isTrue();
    assertThat(CompatibilityLevel.FULL.transitive()).isFalse();
    assertThat(CompatibilityLevel.DEFAULT).isEqualTo(CompatibilityLevel.BACKWARD);
  }
}
