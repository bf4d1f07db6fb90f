package io.vigil.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong nanos = new AtomicLong();
  private final RateLimiter limiter = new RateLimiter(2.0, 3, nanos::get);

  @Test
  void shouldAllowTheBurstThenRefuseWithTheWaitWhenTheBucketIsEmpty() {
    assertThat(limiter.tryAcquire("k")).isZero();
    assertThat(limiter.tryAcquire("k")).isZero();
    assertThat(limiter.tryAcquire("k")).isZero();

    assertThat(limiter.tryAcquire("k")).isEqualTo(1);
    assertThat(limiter.tryAcquire("other")).as("keys have their own buckets").isZero();
  }

  @Test
  void shouldRefillAtTheRateWhenTimePasses() {
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("k");
    }

    nanos.addAndGet(500_000_000L); // half a second at 2/s: one token

    assertThat(limiter.tryAcquire("k")).isZero();
    assertThat(limiter.tryAcquire("k")).isEqualTo(1);
    nanos.addAndGet(10_000_000_000L);
    assertThat(limiter.tryAcquire("k")).isZero();
    assertThat(limiter.tryAcquire("k")).isZero();
    assertThat(limiter.tryAcquire("k")).isZero();
    assertThat(limiter.tryAcquire("k")).as("the bucket holds at most the burst").isEqualTo(1);
  }
}
