package io.vigil.responders.scaling;

/** What became of the forecast in one evaluation. */
public enum ForecastStatus {
  /** The forecast asked for more replicas than the observed load and set the recommendation. */
  USED,
  /** The forecast was usable but asked for no more than the observed load. */
  BELOW_REACTIVE,
  /** No forecast received for the service: reactive only. */
  MISSING,
  /** The latest forecast is older than the configured maximum age: reactive only. */
  STALE,
  /** The forecast's horizon ends before {@code now + lead time}: reactive only. */
  HORIZON_TOO_SHORT,
  /** Mode REACTIVE: forecasts are not consulted. */
  NOT_CONSULTED
}
