package io.vigil.streams.payment;

import java.time.Duration;
import java.util.Objects;

/**
 * Behaviour of the simulated payment gateway. Every random-looking decision is a pure function of
 * {@link #seed()} and an id, so a run can be reproduced exactly.
 *
 * @param declineRate share of orders whose authorization is declined (business failure, never
 *     retried), decided per order (saga step), in [0, 1]
 * @param unavailableRate share of authorization attempts answered "gateway unavailable" (transient
 *     failure, no effect, retried by the saga), decided per command id, in [0, 1]
 * @param latency how long an authorization takes; served by a wall-clock punctuator, never a sleep
 * @param seed seed of the decisions
 */
public record PaymentSettings(
    double declineRate, double unavailableRate, Duration latency, long seed) {

  public PaymentSettings {
    requireRate(declineRate, "declineRate");
    requireRate(unavailableRate, "unavailableRate");
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, was " + latency);
    }
  }

  /** A gateway that authorizes everything at once. */
  public static PaymentSettings approveAll() {
    return new PaymentSettings(0.0, 0.0, Duration.ZERO, 0L);
  }

  /** A copy with another decline rate. */
  public PaymentSettings withDeclineRate(double rate) {
    return new PaymentSettings(rate, unavailableRate, latency, seed);
  }

  /** A copy with another unavailability rate. */
  public PaymentSettings withUnavailableRate(double rate) {
    return new PaymentSettings(declineRate, rate, latency, seed);
  }

  /** A copy with another latency. */
  public PaymentSettings withLatency(Duration newLatency) {
    return new PaymentSettings(declineRate, unavailableRate, newLatency, seed);
  }

  /** A copy with another seed. */
  public PaymentSettings withSeed(long newSeed) {
    return new PaymentSettings(declineRate, unavailableRate, latency, newSeed);
  }

  private static void requireRate(double rate, String name) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], was " + rate);
    }
  }
}
