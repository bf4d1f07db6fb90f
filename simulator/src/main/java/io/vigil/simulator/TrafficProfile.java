package io.vigil.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Shape of the normal traffic. The mean rate of user requests at the gateway is
 *
 * <pre>
 *   rate(t) = baseRate
 *           x (1 + dailyAmplitude  x cos(2 pi (hourOfDay(t) - peakHour) / 24))
 *           x (1 + weeklyAmplitude x cos(2 pi (dayOfWeek(t) - 5.5) / 7))
 * </pre>
 *
 * (days counted in {@code dayLength}, weeks peaking on Saturday noon), multiplied at run time by a
 * slow log-normal noise (an AR(1) process with a five-minute memory and standard deviation {@code
 * noise}) and by benign bursts ({@code burstsPerDay} on average, 2-8 minutes, up to 1.5-2.5x).
 *
 * @param baseRate user requests per second at the gateway at the daily and weekly mean, {@code > 0}
 * @param dailyAmplitude relative amplitude of the daily cycle, {@code [0, 1)}
 * @param weeklyAmplitude relative amplitude of the weekly cycle, {@code [0, 1)}
 * @param peakHour hour of the daily peak, {@code [0, 24)}, in units of {@code dayLength / 24}
 * @param noise standard deviation of the log noise, {@code [0, 1]}
 * @param burstsPerDay mean number of benign bursts per day, {@code >= 0}
 * @param users registered users, 1 to 100 000
 * @param dayLength length of a "day" of the cycle: 24 h, or shorter to compress seasons in tests
 * @param metricInterval period of the per-service metric points, a whole number of seconds
 * @param probeInterval period at which each uptime checker probes each service
 */
public record TrafficProfile(
    double baseRate,
    double dailyAmplitude,
    double weeklyAmplitude,
    double peakHour,
    double noise,
    double burstsPerDay,
    int users,
    Duration dayLength,
    Duration metricInterval,
    Duration probeInterval) {

  /** Validates. */
  public TrafficProfile {
    Objects.requireNonNull(dayLength, "dayLength");
    Objects.requireNonNull(metricInterval, "metricInterval");
    Objects.requireNonNull(probeInterval, "probeInterval");
    check(baseRate > 0 && baseRate <= 100_000, "baseRate must be in (0, 100000]");
    check(dailyAmplitude >= 0 && dailyAmplitude < 1, "dailyAmplitude must be in [0, 1)");
    check(weeklyAmplitude >= 0 && weeklyAmplitude < 1, "weeklyAmplitude must be in [0, 1)");
    check(peakHour >= 0 && peakHour < 24, "peakHour must be in [0, 24)");
    check(noise >= 0 && noise <= 1, "noise must be in [0, 1]");
    check(burstsPerDay >= 0 && burstsPerDay <= 1_000, "burstsPerDay must be in [0, 1000]");
    check(users >= 1 && users <= 100_000, "users must be in [1, 100000]");
    check(dayLength.compareTo(Duration.ofMinutes(1)) >= 0, "dayLength must be >= 1 minute");
    check(
        metricInterval.toMillis() >= 1_000 && metricInterval.toMillis() % 1_000 == 0,
        "metricInterval must be a whole number of seconds >= 1 s");
    check(probeInterval.toMillis() >= 100, "probeInterval must be >= 100 ms");
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * 25 requests/s at the mean, daily amplitude 0.5 peaking at 19:00, weekly 0.1, noise 0.08, three
   * bursts a day, 600 users, 24-hour days, metrics every 10 s, probes every 10 s.
   */
  public static TrafficProfile defaults() {
    return new TrafficProfile(
        25,
        0.5,
        0.1,
        19,
        0.08,
        3,
        600,
        Duration.ofHours(24),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10));
  }

  /** Seasonal factor at {@code t} (mean 1 over a week), without noise and bursts. */
  public double seasonalFactor(Instant t) {
    double dayMillis = dayLength.toMillis();
    double days = t.toEpochMilli() / dayMillis;
    double hourOfDay = (days - Math.floor(days)) * 24;
    // 1970-01-01 was a Thursday: +3 makes Monday day 0.
    double dayOfWeek = ((days + 3) % 7 + 7) % 7;
    double daily = 1 + dailyAmplitude * Math.cos(2 * Math.PI * (hourOfDay - peakHour) / 24);
    double weekly = 1 + weeklyAmplitude * Math.cos(2 * Math.PI * (dayOfWeek - 5.5) / 7);
    return daily * weekly;
  }

  /** Mean user request rate at {@code t}, requests per second, without noise and bursts. */
  public double meanRate(Instant t) {
    return baseRate * seasonalFactor(t);
  }

  /** A copy with another base rate. */
  public TrafficProfile withBaseRate(double rate) {
    return new TrafficProfile(
        rate,
        dailyAmplitude,
        weeklyAmplitude,
        peakHour,
        noise,
        burstsPerDay,
        users,
        dayLength,
        metricInterval,
        probeInterval);
  }

  /** A copy with another daily and weekly cycle. */
  public TrafficProfile withSeasonality(double daily, double weekly, double peak) {
    return new TrafficProfile(
        baseRate,
        daily,
        weekly,
        peak,
        noise,
        burstsPerDay,
        users,
        dayLength,
        metricInterval,
        probeInterval);
  }

  /** A copy with another noise level and burst frequency. */
  public TrafficProfile withNoise(double sigma, double bursts) {
    return new TrafficProfile(
        baseRate,
        dailyAmplitude,
        weeklyAmplitude,
        peakHour,
        sigma,
        bursts,
        users,
        dayLength,
        metricInterval,
        probeInterval);
  }

  /** A copy with another user population size. */
  public TrafficProfile withUsers(int count) {
    return new TrafficProfile(
        baseRate,
        dailyAmplitude,
        weeklyAmplitude,
        peakHour,
        noise,
        burstsPerDay,
        count,
        dayLength,
        metricInterval,
        probeInterval);
  }

  /** A copy with another day length (compressed seasons). */
  public TrafficProfile withDayLength(Duration length) {
    return new TrafficProfile(
        baseRate,
        dailyAmplitude,
        weeklyAmplitude,
        peakHour,
        noise,
        burstsPerDay,
        users,
        length,
        metricInterval,
        probeInterval);
  }

  /** A copy with other metric and probe intervals. */
  public TrafficProfile withIntervals(Duration metrics, Duration probes) {
    return new TrafficProfile(
        baseRate,
        dailyAmplitude,
        weeklyAmplitude,
        peakHour,
        noise,
        burstsPerDay,
        users,
        dayLength,
        metrics,
        probes);
  }
}
