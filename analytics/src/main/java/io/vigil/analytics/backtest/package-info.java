/**
 * Backtesting I/O over CSV files with the same detector and forecaster as the jobs: {@link
 * io.vigil.analytics.backtest.ScoreRunner} ({@code vigil score}) and {@link
 * io.vigil.analytics.backtest.ForecastRunner} ({@code vigil forecast}).
 */
package io.vigil.analytics.backtest;
