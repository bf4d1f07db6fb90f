package io.vigil.analytics.baseline;

/**
 * One line of an explanation: how far a feature is from the entity's own baseline.
 *
 * @param feature feature name ({@link io.vigil.analytics.features.Feature#featureName()})
 * @param value the window's value
 * @param baselineMean the baseline mean before this window
 * @param zScore {@code (value - mean) / effective sd}, see {@link FeatureBaseline#zScore}
 * @param direction HIGHER when {@code value > mean}, else LOWER
 */
public record FeatureDeviation(
    String feature, double value, double baselineMean, double zScore, Direction direction) {}
