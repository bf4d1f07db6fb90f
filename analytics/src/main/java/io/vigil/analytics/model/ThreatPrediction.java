package io.vigil.analytics.model;

/**
 * The classifier's answer.
 *
 * @param threatClass the class with most votes
 * @param confidence that class's share of the trees' votes, in [0,1]
 */
public record ThreatPrediction(ThreatClass threatClass, double confidence) {}
