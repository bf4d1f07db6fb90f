package io.vigil.analytics.baseline;

/** Whether a feature is above or below the entity's baseline. */
public enum Direction {
  HIGHER,
  LOWER
}
