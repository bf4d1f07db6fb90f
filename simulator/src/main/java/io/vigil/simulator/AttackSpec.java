package io.vigil.simulator;

import io.vigil.common.ThreatClass;
import java.time.Duration;
import java.util.Objects;

/**
 * One attack of a scenario, relative to the start of the run.
 *
 * <p>{@code target} depends on the class ({@code null} = chosen from the seed):
 *
 * <ul>
 *   <li>{@link ThreatClass#DDOS}: a route ({@code GET /search}) or a service ({@code catalog}, its
 *       busiest read route);
 *   <li>{@link ThreatClass#CREDENTIAL_STUFFING}: always {@code POST /auth/login}, leave it unset;
 *   <li>{@link ThreatClass#SCRAPING}: none, scrapers sweep every public read route;
 *   <li>{@link ThreatClass#LATERAL_MOVEMENT}: a new edge {@code caller->callee} that the estate
 *       never uses;
 *   <li>{@link ThreatClass#EXFILTRATION}: the principal that exfiltrates, e.g. {@code user-00042}.
 * </ul>
 *
 * @param name unique name, used as {@code scenario} in the labels
 * @param threatClass attack class, not {@code NONE}
 * @param variant normal or slow-and-low
 * @param offset start, relative to the start of the run
 * @param duration length
 * @param target what to aim at, or {@code null}
 * @param sources number of attacking sources (IPs for flood, stuffing and scraping); 0 = the
 *     variant's default
 * @param rate requests (calls, for lateral movement) per second per source; 0 = the variant's
 *     default
 */
public record AttackSpec(
    String name,
    ThreatClass threatClass,
    Variant variant,
    Duration offset,
    Duration duration,
    String target,
    int sources,
    double rate) {

  /** Validates. */
  public AttackSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(threatClass, "threatClass");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(duration, "duration");
    if (name.isBlank()) {
      throw new IllegalArgumentException("attack name must not be blank");
    }
    if (threatClass == ThreatClass.NONE) {
      throw new IllegalArgumentException(name + ": class NONE is not an attack");
    }
    if (offset.isNegative()) {
      throw new IllegalArgumentException(name + ": start must be >= 0, was " + offset);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + ": duration must be > 0, was " + duration);
    }
    if (sources < 0 || sources > 10_000) {
      throw new IllegalArgumentException(name + ": sources must be 0..10000, was " + sources);
    }
    if (!(rate >= 0) || rate > 10_000) {
      throw new IllegalArgumentException(name + ": rate must be 0..10000 per second, was " + rate);
    }
  }

  /** An attack with default target, sources and rate. */
  public static AttackSpec of(
      String name, ThreatClass threatClass, Variant variant, Duration offset, Duration duration) {
    return new AttackSpec(name, threatClass, variant, offset, duration, null, 0, 0);
  }

  /** A copy aimed at {@code newTarget}. */
  public AttackSpec withTarget(String newTarget) {
    return new AttackSpec(name, threatClass, variant, offset, duration, newTarget, sources, rate);
  }

  /** A copy with {@code count} sources. */
  public AttackSpec withSources(int count) {
    return new AttackSpec(name, threatClass, variant, offset, duration, target, count, rate);
  }

  /** A copy with {@code perSecond} requests per second per source. */
  public AttackSpec withRate(double perSecond) {
    return new AttackSpec(name, threatClass, variant, offset, duration, target, sources, perSecond);
  }

  /** Offset of the end of the attack. */
  public Duration endOffset() {
    return offset.plus(duration);
  }
}
