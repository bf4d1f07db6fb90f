package io.vigil.analytics.forecast;

/**
 * One forecast step with its prediction intervals; always {@code lower95 <= lower80 <= mean <=
 * upper80 <= upper95}.
 *
 * @param step steps ahead of the last observation (1 = next step)
 * @param mean point forecast
 * @param lower95 lower bound of the 95 % interval
 * @param lower80 lower bound of the 80 % interval
 * @param upper80 upper bound of the 80 % interval
 * @param upper95 upper bound of the 95 % interval
 */
public record ForecastPoint(
    int step, double mean, double lower95, double lower80, double upper80, double upper95) {}
