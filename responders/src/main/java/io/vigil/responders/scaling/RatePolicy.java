package io.vigil.responders.scaling;

import io.vigil.responders.config.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One HPA scaling policy: at most {@code value} pods, or {@code value} percent of the replicas at
 * the start of the period, may be added (or removed) within any {@code period}. Written {@code
 * pods:4:15s} or {@code percent:100:15s} in policy files.
 *
 * @param type pods or percent
 * @param value the allowed change, &gt; 0
 * @param period the sliding period the change is measured over, 1s..30m
 */
public record RatePolicy(Type type, int value, Duration period) implements Serializable {

  /** Longest period the HPA accepts (1800 s). */
  public static final Duration MAX_PERIOD = Duration.ofMinutes(30);

  /** Kind of limit. */
  public enum Type {
    /** An absolute number of pods. */
    PODS,
    /** A percentage of the replicas at the start of the period. */
    PERCENT
  }

  public RatePolicy {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(period, "period");
    if (value <= 0) {
      throw new IllegalArgumentException("policy value must be > 0, got " + value);
    }
    if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(MAX_PERIOD) > 0) {
      throw new IllegalArgumentException("policy period must be within 1s..30m, got " + period);
    }
  }

  /**
   * Parses {@code type:value:period}, e.g. {@code pods:4:15s}.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static RatePolicy parse(String text) {
    String[] parts = text.trim().split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "expected type:value:period such as pods:4:15s or percent:100:15s, got '" + text + "'");
    }
    Type type;
    try {
      type = Type.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "policy type must be pods or percent, got '" + parts[0] + "'", e);
    }
    int value;
    try {
      value = Integer.parseInt(parts[1].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("policy value must be an integer in '" + text + "'", e);
    }
    return new RatePolicy(type, value, Durations.parse(parts[2]));
  }

  @Override
  public String toString() {
    return type.name().toLowerCase(Locale.ROOT) + ":" + value + ":" + Durations.format(period);
  }
}
