package io.vigil.simulator;

import java.time.Instant;
import java.util.List;

/**
 * What a simulator will generate, known before it runs: the run's virtual time span, its attacks
 * and surges, and every ground-truth label.
 *
 * @param start virtual start
 * @param end virtual end
 * @param attacks attacks in start order
 * @param surges load surges in start order
 * @param labels labels of all attacks, in start order
 */
public record SimulationPlan(
    Instant start,
    Instant end,
    List<AttackWindow> attacks,
    List<SurgeWindow> surges,
    List<GroundTruthLabel> labels) {

  /** Copies. */
  public SimulationPlan {
    attacks = List.copyOf(attacks);
    surges = List.copyOf(surges);
    labels = List.copyOf(labels);
  }
}
