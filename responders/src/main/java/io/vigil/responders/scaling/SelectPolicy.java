package io.vigil.responders.scaling;

/** How several rate policies of one direction combine, as the HPA's {@code selectPolicy}. */
public enum SelectPolicy {
  /** The policy allowing the largest change wins (the HPA default). */
  MAX,
  /** The policy allowing the smallest change wins. */
  MIN,
  /** No scaling at all in this direction. */
  DISABLED
}
