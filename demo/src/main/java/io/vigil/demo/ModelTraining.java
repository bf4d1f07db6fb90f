package io.vigil.demo;

import io.vigil.analytics.model.TrainerConfig;
import io.vigil.features.ModelTrainingPipeline;
import io.vigil.simulator.Pacing;
import io.vigil.simulator.RandomAttacks;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.Simulator;
import io.vigil.simulator.sink.FileSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The demo's model: simulated traffic with a generated, class-balanced attack mix (another seed
 * than the run's, so the run is held-out data), written as simulator files and trained with {@code
 * vigil train}'s pipeline. Trees are fewer than {@code vigil train}'s defaults to keep start-up
 * short on a laptop.
 */
final class ModelTraining {
  /** Seed offset of the training data from the run's seed. */
  static final long SEED_OFFSET = 1_000;

  /** Attack mix of the training data: about 13 attacks an hour-minute... see {@link #mix()}. */
  static RandomAttacks mix() {
    // ~1 attack per 45 s of virtual time after a 40 s warm-up, 30-45 s each, 40 % slow-and-low.
    return new RandomAttacks(
        80, 0.4, Duration.ofSeconds(30), Duration.ofSeconds(45), Duration.ofSeconds(40));
  }

  /** Trainer settings: 50 isolation trees, 60 forest trees. */
  static TrainerConfig trainer(long seed) {
    return TrainerConfig.defaults(seed).withTrees(50, 60);
  }

  private ModelTraining() {}

  /** Trained model and how long simulating and training took. */
  record Trained(ModelTrainingPipeline.Summary summary, long seed, Duration data, Duration took) {}

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
          .scenario(Scenario.random(mix()))
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
                Duration.ofSeconds(40),
                trainer(seed)));
    return new Trained(summary, seed, length, Duration.ofNanos(System.nanoTime() - started));
  }
}
