package io.vigil.analytics.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import smile.base.cart.SplitRule;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.type.StructType;
import smile.data.vector.IntVector;

/**
 * A Smile random forest over {@link ModelInput#classifierRow}, labels = {@link
 * ThreatClass#ordinal()}. Confidence is the winning class's share of the trees' votes.
 */
final class ForestClassifier implements Serializable {

  private static final String LABEL = "threat_class";

  private final RandomForest forest;
  private final StructType rowSchema;
  private final double oobAccuracy;

  private ForestClassifier(RandomForest forest, StructType rowSchema, double oobAccuracy) {
    this.forest = forest;
    this.rowSchema = rowSchema;
    this.oobAccuracy = oobAccuracy;
  }

  /**
   * Fits the forest. Deterministic for a given seed: every tree gets its own seed derived from
   * {@code seed} (Smile seeds each tree's thread-local generator before growing it).
   */
  static ForestClassifier fit(
      double[][] rows, int[] labels, int trees, int maxDepth, int nodeSize, long seed) {
    String[] columns = ModelInput.classifierColumns();
    DataFrame x = DataFrame.of(rows, columns);
    DataFrame df = x.merge(IntVector.of(LABEL, labels));
    List<StructField> fields = new ArrayList<>();
    for (String c : columns) {
      fields.add(new StructField(c, DataTypes.DoubleType));
    }
    LongStream seeds = LongStream.range(0, trees).map(i -> treeSeed(seed, i));
    RandomForest rf =
        RandomForest.fit(
            Formula.lhs(LABEL),
            df,
            trees,
            0, // mtry: 0 = floor(sqrt(p))
            SplitRule.GINI,
            maxDepth,
            rows.length, // max nodes: no limit beyond the data
            nodeSize,
            1.0, // bootstrap sample of the full size
            null, // no class weights
            seeds);
    return new ForestClassifier(rf, new StructType(fields), rf.metrics().accuracy);
  }

  ThreatPrediction classify(double[] row) {
    Tuple t = Tuple.of(row, rowSchema);
    double[] share = new double[forest.numClasses()];
    forest.vote(t, share);
    int[] classes = forest.classes();
    int none = ThreatClass.NONE.ordinal();
    double attackShare = 0;
    int bestAttack = -1;
    int best = -1;
    for (int i = 0; i < classes.length; i++) {
      if (best < 0 || share[i] > share[best]) {
        best = i;
      }
      if (classes[i] != none) {
        attackShare += share[i];
        if (bestAttack < 0 || share[i] > share[bestAttack]) {
          bestAttack = i;
        }
      }
    }
    int chosen = bestAttack >= 0 && attackShare >= 0.5 ? bestAttack : best;
    return new ThreatPrediction(
        ThreatClass.values()[classes[chosen]], share[chosen], Math.min(1.0, attackShare));
  }

  double oobAccuracy() {
    return oobAccuracy;
  }

  int size() {
    return forest.size();
  }

  /** SplitMix64 finaliser of {@code seed + i}: distinct per tree, and > 1 as Smile requires. */
  private static long treeSeed(long seed, long i) {
    long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z & Long.MAX_VALUE) | 2L;
  }
}
