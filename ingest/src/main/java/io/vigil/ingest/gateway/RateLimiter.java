package io.vigil.ingest.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per API key: each key may send {@code burst} requests at once and {@code perSecond}
 * on average. A refused request learns how long until a token is available ({@code Retry-After}).
 */
public final class RateLimiter {

  private final double perNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param perSecond refill rate, tokens per second
   * @param burst bucket size
   * @param nanoClock monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /**
   * Takes one token from the key's bucket.
   *
   * @return 0 if the request may proceed, otherwise the whole seconds (at least 1) until a token
   *     will be available
   */
  public long tryAcquire(String key) {
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoClock.getAsLong())).take();
  }

  private final class Bucket {
    private double tokens;
    private long updated;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updated = now;
    }

    synchronized long take() {
      long now = nanoClock.getAsLong();
      tokens = Math.min(burst, tokens + (now - updated) * perNano);
      updated = now;
      if (tokens >= 1.0) {
        tokens -= 1.0;
        return 0;
      }
      double waitNanos = (1.0 - tokens) / perNano;
      return Math.max(1, (long) Math.ceil(waitNanos / 1e9));
    }
  }
}
