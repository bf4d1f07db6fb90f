package io.vigil.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a run produced: records handed to the sink per type, the labels emitted, and timing.
 *
 * @param seed seed of the run
 * @param start virtual start
 * @param reached virtual time generated up to (the planned end unless stopped early)
 * @param completed false when the run was stopped or interrupted before its end
 * @param spans spans written
 * @param requests request logs written
 * @param metrics metric points written
 * @param orders orders placed (to the sink as {@code OrderPlaced}, or to the order consumer)
 * @param labels labels written, in start order
 * @param attacks attacks that started
 * @param surges surges that started
 * @param wallTime wall-clock time the run took
 */
public record SimulationStats(
    long seed,
    Instant start,
    Instant reached,
    boolean completed,
    long spans,
    long requests,
    long metrics,
    long orders,
    List<GroundTruthLabel> labels,
    List<AttackWindow> attacks,
    List<SurgeWindow> surges,
    Duration wallTime) {

  /** Copies. */
  public SimulationStats {
    labels = List.copyOf(labels);
    attacks = List.copyOf(attacks);
    surges = List.copyOf(surges);
  }

  /** Records written: spans, requests, metrics, orders and labels. */
  public long records() {
    return spans + requests + metrics + orders + labels.size();
  }

  /** Records per second of wall-clock time. */
  public double recordsPerSecond() {
    double seconds = Math.max(1e-3, wallTime.toNanos() / 1e9);
    return records() / seconds;
  }

  /** Virtual time covered. */
  public Duration virtualTime() {
    return Duration.between(start, reached);
  }
}
