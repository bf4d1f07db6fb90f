package io.vigil.responders.scaling;

/** Which signal set the recommendation a decision starts from. */
public enum ScalingBasis {
  /** The observed load. */
  OBSERVED,
  /** The forecast, because it asked for more replicas than the observed load. */
  FORECAST
}
