package io.vigil.analytics.model;

/**
 * Training parameters. Same data + same config (seed included) = same models.
 *
 * @param seed seed of every random choice
 * @param isolationTrees isolation trees per entity type
 * @param isolationSampleSize rows per isolation tree (256 in Liu et al. 2008)
 * @param forestTrees random forest trees
 * @param forestMaxDepth random forest maximum depth
 * @param forestNodeSize random forest minimum leaf size
 * @param minRowsPerEntityType rows of one entity type needed for its own isolation forest (fewer:
 *     that type uses the forest trained on all types)
 * @param maxRowsPerClass rows kept per class (a seeded sub-sample beyond it) to bound training time
 *     and class imbalance
 */
public record TrainerConfig(
    long seed,
    int isolationTrees,
    int isolationSampleSize,
    int forestTrees,
    int forestMaxDepth,
    int forestNodeSize,
    int minRowsPerEntityType,
    int maxRowsPerClass)
    implements java.io.Serializable {

  public TrainerConfig {
    positive("isolationTrees", isolationTrees);
    positive("isolationSampleSize", isolationSampleSize);
    positive("forestTrees", forestTrees);
    positive("forestMaxDepth", forestMaxDepth);
    positive("forestNodeSize", forestNodeSize);
    positive("minRowsPerEntityType", minRowsPerEntityType);
    positive("maxRowsPerClass", maxRowsPerClass);
  }

  /** Defaults: 100 isolation trees of 256 rows, 100 forest trees of depth ≤ 20, leaves ≥ 2. */
  public static TrainerConfig defaults(long seed) {
    return new TrainerConfig(seed, 100, 256, 100, 20, 2, 64, 20_000);
  }

  /** A copy with other tree counts (small values keep tests fast). */
  public TrainerConfig withTrees(int isolation, int forest) {
    return new TrainerConfig(
        seed,
        isolation,
        isolationSampleSize,
        forest,
        forestMaxDepth,
        forestNodeSize,
        minRowsPerEntityType,
        maxRowsPerClass);
  }

  private static void positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be >= 1: " + v);
    }
  }
}
