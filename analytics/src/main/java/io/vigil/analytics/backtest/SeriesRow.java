package io.vigil.analytics.backtest;

/**
 * One data row of a {@code timestamp,value} CSV.
 *
 * @param lineNumber 1-based line number in the input
 * @param timestampText the timestamp as written (echoed unchanged in outputs)
 * @param timestampMillis the parsed timestamp
 * @param valueText the value as written, trimmed
 * @param value the parsed value (NaN for an empty value or {@code NaN}; ±infinity allowed)
 */
public record SeriesRow(
    long lineNumber, String timestampText, long timestampMillis, String valueText, double value) {}
