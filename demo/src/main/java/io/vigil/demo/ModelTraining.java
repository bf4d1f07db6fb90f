package io.vigil.demo;

import io.vigil.analytics.model.TrainerConfig;
import io.vigil.common.ThreatClass;
import io.vigil.features.ModelTrainingPipeline;
import io.vigil.simulator.AttackSpec;
import io.vigil.simulator.Pacing;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.Simulator;
import io.vigil.simulator.Variant;
import io.vigil.simulator.sink.FileSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's model: simulated traffic with a class-balanced training script ({@link #scenario}) and
 * another seed than the run's (so the run is held-out data), written as simulator files and trained
 * with {@code vigil train}'s pipeline. Trees are fewer than {@code vigil train}'s defaults to keep
 * start-up short on a laptop.
 */
final class ModelTraining {
  /** Seed offset of the training data from the run's seed. */
  static final long SEED_OFFSET = 1_000;

  /** Attack-free time at the start of the training data (edge histories fill). */
  static final Duration WARM_UP = Duration.ofSeconds(40);

  /** A training round: every class once, starting together, on different entities. */
  static final Duration ROUND = Duration.ofSeconds(45);

  /** Length of each training attack (at least three 10 s windows). */
  static final Duration ATTACK = Duration.ofSeconds(30);

  /**
   * The training script: after {@link #WARM_UP}, a round every {@link #ROUND} with one attack of
   * each class (targets and sources chosen from the seed), the variant alternating between normal
   * and slow-and-low from round to round. A generated mix ({@code Scenario.random}) never overlaps
   * attacks, so a few minutes hold only a handful of lateral-movement windows (one edge per attack)
   * against hundreds of DDoS windows (dozens of bots per attack): too few for the classifier to
   * learn that class.
   */
  static Scenario scenario(Duration length) {
    List<AttackSpec> attacks = new ArrayList<>();
    int round = 0;
    for (Duration at = WARM_UP;
        at.plus(ATTACK).compareTo(length) <= 0;
        at = at.plus(ROUND), round++) {
      Variant variant = round % 2 == 0 ? Variant.NORMAL : Variant.SLOW_AND_LOW;
      for (ThreatClass c : ThreatClass.values()) {
        if (c == ThreatClass.NONE) {
          continue;
        }
        attacks.add(
            AttackSpec.of(
                String.format(
                    Locale.ROOT, "train-%02d-%s", round, c.name().toLowerCase(Locale.ROOT)),
                c,
                variant,
                at,
                ATTACK));
      }
    }
    return new Scenario(
        "demo-training",
        "every class once per round, variants alternating",
        attacks,
        List.of(),
        Optional.empty());
  }

  /** Trainer settings: 50 isolation trees, 60 forest trees. */
  static TrainerConfig trainer(long seed) {
    return TrainerConfig.defaults(seed).withTrees(50, 60);
  }

  private ModelTraining() {}

  /** Trained model and how long simulating and training took. */
  record Trained(
      ModelTrainingPipeline.Summary summary,
      long seed,
      Duration data,
      Path dataDir,
      Duration took) {}

  /**
   * Simulates {@code length} of traffic ending now (so the time of day, and with it the traffic
   * level, matches the run) and trains on it.
   */
  static Trained train(long runSeed, Duration length, Path workDir) {
    long started = System.nanoTime();
    long seed = runSeed + SEED_OFFSET;
    Path data = workDir.resolve("training-data");
    try (FileSink files = FileSink.open(data)) {
      Simulator.builder()
          .seed(seed)
          .start(Instant.now().minus(length))
          .duration(length)
          .scenario(scenario(length))
          .pacing(Pacing.AS_FAST_AS_POSSIBLE)
          .build()
          .run(files);
    }
    ModelTrainingPipeline.Summary summary =
        ModelTrainingPipeline.train(
            new ModelTrainingPipeline.Request(
                data,
                workDir.resolve("models"),
                ModelTrainingPipeline.DEFAULT_MODEL_NAME,
                null,
                ModelTrainingPipeline.DEFAULT_WINDOW,
                WARM_UP,
                trainer(seed)));
    return new Trained(summary, seed, length, data, Duration.ofNanos(System.nanoTime() - started));
  }
}
