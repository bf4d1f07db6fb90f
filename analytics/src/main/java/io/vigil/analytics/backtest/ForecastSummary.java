package io.vigil.analytics.backtest;

import io.vigil.analytics.forecast.Forecast;

/**
 * Outcome of a forecast run.
 *
 * @param forecast the forecast (see {@link Forecast#seasonal()} and {@link Forecast#note()})
 * @param rows data rows read
 * @param skippedMalformed malformed lines skipped (policy SKIP)
 * @param stepMillis step of the series (given or inferred)
 * @param seasonPeriod season in steps used (0 = none)
 * @param historySteps length of the regular series built from the rows
 * @param firstForecastMillis timestamp of the first forecast step
 */
public record ForecastSummary(
    Forecast forecast,
    long rows,
    long skippedMalformed,
    long stepMillis,
    int seasonPeriod,
    int historySteps,
    long firstForecastMillis) {}
