/**
 * Vigil's pure analytics: window features, per-entity baselines, Smile models (Isolation Forest,
 * Random Forest), a univariate streaming detector, load forecasting, backtesting runners and
 * evaluation metrics.
 *
 * <p>Rule of the module: no Flink, Kafka or Avro types appear here, so the Flink jobs and the CLI
 * ({@code vigil score|forecast|train}) run exactly the same code. Smile (GPL-3.0) is confined to
 * {@link io.vigil.analytics.model}; its types never leak into public signatures.
 */
package io.vigil.analytics;
