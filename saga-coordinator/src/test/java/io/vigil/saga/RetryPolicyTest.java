package io.vigil.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy =
      RetryPolicy.exponential(6, Duration.ofMillis(200), Duration.ofSeconds(1));

  @Test
  void shouldDoubleBackoffUntilCapWhenAttemptsFail() {
    assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoffAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void shouldUseMultiplierWhenConfigured() {
    RetryPolicy slower = policy.withMultiplier(1.5);

    assertThat(slower.backoffAfter(2)).isEqualTo(Duration.ofMillis(300));
    assertThat(slower.backoffAfter(3)).isEqualTo(Duration.ofMillis(450));
  }

  @Test
  void shouldRetryOnlyTransientFailuresWhileAttemptsRemain() {
    assertThat(policy.shouldRetry(Outcome.transientFailure("busy"), 5)).isTrue();
    assertThat(policy.shouldRetry(Outcome.transientFailure("busy"), 6)).isFalse();
    assertThat(policy.shouldRetry(Outcome.failure("declined"), 1)).isFalse();
    assertThat(policy.shouldRetryAfterTimeout(5)).isTrue();
    assertThat(policy.shouldRetryAfterTimeout(6)).isFalse();
  }

  @Test
  void shouldRetryWhatPredicateAcceptsWhenPredicateIsGiven() {
    RetryPolicy byReason = policy.retryingOn(f -> f.reason().startsWith("rate limited"));

    assertThat(byReason.shouldRetry(Outcome.failure("rate limited: 429"), 1)).isTrue();
    assertThat(byReason.shouldRetry(Outcome.transientFailure("busy"), 1)).isFalse();
  }

  @Test
  void shouldNeverRetryWhenPolicyIsNoRetries() {
    assertThat(RetryPolicy.noRetries().shouldRetry(Outcome.transientFailure("busy"), 1)).isFalse();
    assertThat(RetryPolicy.noRetries().shouldRetryAfterTimeout(1)).isFalse();
  }

  @Test
  void shouldRejectPolicyWhenParametersAreInvalid() {
    assertThatThrownBy(() -> RetryPolicy.exponential(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> RetryPolicy.exponential(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.exponential(2, Duration.ZERO, Duration.ofDays(8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.withMultiplier(0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.withMultiplier(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
