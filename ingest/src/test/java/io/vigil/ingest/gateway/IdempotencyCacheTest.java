package io.vigil.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdempotencyCacheTest {

  private final AtomicLong millis = new AtomicLong(1_000);
  private final IdempotencyCache cache = new IdempotencyCache(10_000, 2, millis::get);

  @Test
  void shouldReplayTheFirstAnswerWhenTheSameKeyAndBodyComeAgain() {
    var owner = (IdempotencyCache.Claim.Owner) cache.claim("tenant", "k", "body-1");
    GatewayResponse ok = GatewayResponse.json(200, "{}");
    cache.complete(owner, ok);

    var again = cache.claim("tenant", "k", "body-1");
    var otherBody = cache.claim("tenant", "k", "body-2");
    var otherTenant = cache.claim("tenant-2", "k", "body-2");

    assertThat(again)
        .isInstanceOfSatisfying(
            IdempotencyCache.Claim.Replay.class,
            r -> assertThat(r.answer()).isCompletedWithValue(ok));
    assertThat(otherBody).isInstanceOf(IdempotencyCache.Claim.Conflict.class);
    assertThat(otherTenant).isInstanceOf(IdempotencyCache.Claim.Owner.class);
  }

  @Test
  void shouldForgetTheKeyWhenTheAnswerInvitesARetry() {
    var owner = (IdempotencyCache.Claim.Owner) cache.claim("t", "k", "b");
    cache.complete(owner, GatewayResponse.json(503, "{}"));

    assertThat(cache.claim("t", "k", "b")).isInstanceOf(IdempotencyCache.Claim.Owner.class);
  }

  @Test
  void shouldForgetKeysWhenTheWindowEndsOrTheCacheIsFull() {
    cache.claim("t", "a", "b");
    millis.addAndGet(10_000);
    assertThat(cache.claim("t", "a", "b")).isInstanceOf(IdempotencyCache.Claim.Owner.class);

    cache.claim("t", "b", "b");
    cache.claim("t", "c", "b");
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.claim("t", "a", "b"))
        .as("the oldest key was dropped for the newest")
        .isInstanceOf(IdempotencyCache.Claim.Owner.class);
  }
}
