package io.vigil.flink.forecast;

/**
 * A request-rate forecast of one service over the next steps, with 80 % and 95 % prediction
 * intervals; the stream form of {@code io.vigil.analytics.LoadForecast}.
 *
 * @param service service
 * @param stepMs distance between points, ms
 * @param generatedAt event time of the last observed step's end, epoch millis
 * @param firstPointAt instant of the first forecast point: the start of the next step (each point
 *     is the mean rate over {@code [timestamp, timestamp + stepMs)})
 * @param mean point forecasts, requests per second
 * @param lower80 lower 80 % bounds
 * @param upper80 upper 80 % bounds
 * @param lower95 lower 95 % bounds
 * @param upper95 upper 95 % bounds
 * @param model forecasting model and version
 * @param seasonal whether a seasonal component was fitted
 * @param note caveat, e.g. that the history is too short for the seasonal model; may be null
 */
public record ServiceForecast(
    String service,
    long stepMs,
    long generatedAt,
    long firstPointAt,
    double[] mean,
    double[] lower80,
    double[] upper80,
    double[] lower95,
    double[] upper95,
    String model,
    boolean seasonal,
    String note) {}
