package io.vigil.analytics.model;

/**
 * The classifier's answer.
 *
 * <p>Rule: when the trees voting for an attack class (any of them) are at least half of all trees,
 * the answer is the attack class with most votes, otherwise {@link ThreatClass#NONE}; so a window
 * that most trees consider an attack is never reported as {@code none} just because the attack
 * votes are split between classes.
 *
 * @param threatClass the predicted class
 * @param confidence that class's share of the trees' votes, in [0,1]
 * @param attackShare share of the votes for any attack class, in [0,1] ({@code 1 - share(none)})
 */
public record ThreatPrediction(ThreatClass threatClass, double confidence, double attackShare) {}
