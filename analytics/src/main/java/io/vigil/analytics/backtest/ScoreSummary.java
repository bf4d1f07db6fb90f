package io.vigil.analytics.backtest;

/**
 * Outcome of a scoring run.
 *
 * @param rows data rows read and written (one output row each)
 * @param skippedMalformed malformed lines skipped (policy SKIP)
 * @param firstSkippedLine line number of the first skipped line, or -1
 * @param nonFinite rows whose value was NaN/infinite (scored 0)
 * @param timestampsNotIncreasing rows whose timestamp repeated or stepped back
 * @param maxScore highest score written (0 for an empty input)
 */
public record ScoreSummary(
    long rows,
    long skippedMalformed,
    long firstSkippedLine,
    long nonFinite,
    long timestampsNotIncreasing,
    double maxScore) {}
