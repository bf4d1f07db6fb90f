package io.vigil.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(3));

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503, 504, 599})
  void shouldRetryWhenStatusIsServerErrorOrTooManyRequests(int status) {
    assertThat(RetryPolicy.isRetryableStatus(status)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 400, 401, 403, 404, 408, 409, 422})
  void shouldNotRetryWhenStatusIsSuccessOrClientError(int status) {
    assertThat(RetryPolicy.isRetryableStatus(status)).isFalse();
  }

  @Test
  void shouldDoubleBackoffWhenRetriesFollowEachOther() {
    assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void shouldCapBackoffWhenDoublingExceedsMax() {
    assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(1_000)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void shouldStopRetryingWhenMaxRetriesIsReached() {
    assertThat(policy.allowsRetry(5, Duration.ZERO)).isTrue();
    assertThat(policy.allowsRetry(6, Duration.ZERO)).isFalse();
  }

  @Test
  void shouldStopRetryingWhenWaitWouldEndAfterTimeBudget() {
    assertThat(policy.allowsRetry(1, Duration.ofMillis(2_800))).isTrue();
    assertThat(policy.allowsRetry(1, Duration.ofMillis(2_900))).isFalse();
  }

  @Test
  void shouldBoundTotalWaitWhenUsingDefaults() {
    // Given
    RetryPolicy defaults = RetryPolicy.DEFAULT;
    Duration total = Duration.ZERO;

    // When: sum the waits of every allowed retry, assuming attempts fail instantly
    for (int retry = 1; defaults.allowsRetry(retry, total); retry++) {
      total = total.plus(defaults.backoff(retry));
    }

    // Then: 100 + 200 + 400 ms, well within a few seconds
    assertThat(total).isEqualTo(Duration.ofMillis(700));
  }
}
