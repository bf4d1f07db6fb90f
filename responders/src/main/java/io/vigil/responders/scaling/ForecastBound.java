package io.vigil.responders.scaling;

/** Which value of a forecast point the predictive part provisions for. */
public enum ForecastBound {
  /** The point forecast. */
  MEAN,
  /** Upper bound of the 80 % prediction interval. */
  UPPER80,
  /** Upper bound of the 95 % prediction interval. */
  UPPER95;

  /** This bound's value in a point. */
  public double of(ForecastPoint p) {
    switch (this) {
      case MEAN:
        return p.mean();
      case UPPER80:
        return p.upper80();
      default:
        return p.upper95();
    }
  }
}
