package io.vigil.responders.scaling;

/** The rule that finally set a decision's desired replica count. */
public enum ScalingRule {
  /** The observed load against the target per replica. */
  OBSERVED_LOAD,
  /** The forecast load at now + lead time against the target per replica. */
  FORECAST_LOAD,
  /** Scale-up stabilization window: the lowest recent recommendation. */
  SCALE_UP_STABILIZATION,
  /** Scale-down stabilization window: the highest recent recommendation. */
  SCALE_DOWN_STABILIZATION,
  /** Scale-up rate policies. */
  SCALE_UP_RATE_LIMIT,
  /** Scale-down rate policies. */
  SCALE_DOWN_RATE_LIMIT,
  /** Clamped to, or brought back within, max-replicas. */
  MAX_REPLICAS,
  /** Clamped to, or brought back within, min-replicas. */
  MIN_REPLICAS
}
