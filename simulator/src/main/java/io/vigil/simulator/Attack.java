package io.vigil.simulator;

import io.vigil.analytics.EntityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One running attack: generates its traffic inside {@code [start, end)} only, and knows its
 * ground-truth labels up front. Sources fire at jittered regular intervals ({@code 1/rate} x U(0.5,
 * 1.5)), as scripted bots do, starting at a random phase within the first interval.
 */
abstract class Attack {

  /** What every attack needs to be built. */
  record Context(
      Estate estate,
      Instant runStart,
      Instant runEnd,
      SplittableRandom rng,
      Set<String> takenIps) {}

  protected final AttackWindow window;
  protected final long startMicros;
  protected final long endMicros;
  protected final SplittableRandom rng;
  private final List<GroundTruthLabel> labels = new ArrayList<>();

  protected Attack(AttackWindow window, SplittableRandom rng) {
    this.window = window;
    this.startMicros = Time.micros(window.start());
    this.endMicros = Time.micros(window.end());
    this.rng = rng;
  }

  /**
   * Builds the attack for {@code spec}, or returns {@code null} when it would start at or after the
   * end of the run.
   *
   * @throws IllegalArgumentException when the target does not fit the class or the estate
   */
  static Attack create(AttackSpec spec, Context context) {
    Instant start = context.runStart().plus(spec.offset());
    if (!start.isBefore(context.runEnd())) {
      return null;
    }
    Instant end = context.runStart().plus(spec.endOffset());
    if (end.isAfter(context.runEnd())) {
      end = context.runEnd();
    }
    try {
      return switch (spec.threatClass()) {
        case DDOS -> HttpFlood.of(spec, start, end, context);
        case CREDENTIAL_STUFFING -> CredentialStuffing.of(spec, start, end, context);
        case SCRAPING -> ApiScraping.of(spec, start, end, context);
        case LATERAL_MOVEMENT -> LateralMovement.of(spec, start, end, context);
        case EXFILTRATION -> DataExfiltration.of(spec, start, end, context);
        case NONE -> throw new IllegalArgumentException("NONE is not an attack");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("attack '" + spec.name() + "': " + e.getMessage(), e);
    }
  }

  /** The resolved attack. */
  AttackWindow window() {
    return window;
  }

  /** Its labels, in creation order. */
  List<GroundTruthLabel> labels() {
    return List.copyOf(labels);
  }

  protected void label(EntityType type, String entity, LabelRole role) {
    labels.add(
        new GroundTruthLabel(
            type,
            entity,
            window.threatClass(),
            role,
            window.start(),
            window.end(),
            window.name(),
            window.variant()));
  }

  /** Generates the attack's traffic that falls in {@code [t0, t1)}. */
  final void generate(long t0, long t1, RequestFactory factory) {
    long from = Math.max(t0, startMicros);
    long to = Math.min(t1, endMicros);
    if (from < to) {
      emit(from, to, factory);
    }
  }

  /** Generates the traffic of {@code [from, to)}, which lies inside the attack window. */
  protected abstract void emit(long from, long to, RequestFactory factory);

  /** Per-source arrival clocks at a regular, jittered rate. */
  protected final class Sources {
    private final long[] next;
    private final double intervalMicros;

    Sources(int count, double ratePerSource) {
      this.next = new long[count];
      this.intervalMicros = Time.MICROS_PER_SECOND / ratePerSource;
      for (int i = 0; i < count; i++) {
        next[i] = startMicros + (long) (rng.nextDouble() * intervalMicros);
      }
    }

    /** Calls {@code action} for every arrival of every source in {@code [from, to)}. */
    void arrivals(long from, long to, Arrival action) {
      for (int i = 0; i < next.length; i++) {
        while (next[i] < to) {
          if (next[i] >= from) {
            action.at(i, next[i]);
          }
          next[i] += Math.max(1, (long) (intervalMicros * Random2.uniform(rng, 0.5, 1.5)));
        }
      }
    }
  }

  /** One arrival of source {@code source} at {@code atMicros}. */
  @FunctionalInterface
  protected interface Arrival {
    void at(int source, long atMicros);
  }

  protected static int orDefault(int value, int fallback) {
    return value > 0 ? value : fallback;
  }

  protected static double orDefault(double value, double fallback) {
    return value > 0 ? value : fallback;
  }

  protected static AttackWindow window(
      AttackSpec spec, Instant start, Instant end, String target, int sources) {
    return new AttackWindow(
        spec.name(), spec.threatClass(), spec.variant(), start, end, target, sources);
  }
}
