package io.vigil.responders.scaling;

/** How the scaling policy uses forecasts. */
public enum ScalingMode {
  /** Observed load only; forecasts are ignored. */
  REACTIVE,
  /**
   * The larger of the reactive and the forecast-based replica counts, so a forecast can scale out
   * ahead of load but never scales in on its own (as AWS predictive scaling).
   */
  PREDICTIVE,
  /**
   * Acts reactively; what the forecast would change is published as a recommendation marked not
   * actionable (as AWS predictive scaling's forecast-only mode), to evaluate forecasts before
   * trusting them.
   */
  FORECAST_ONLY
}
