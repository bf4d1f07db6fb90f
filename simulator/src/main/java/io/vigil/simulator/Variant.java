package io.vigil.simulator;

import java.util.Locale;

/** Intensity profile of an attack. */
public enum Variant {
  /** The textbook attack: few sources, high rate, a strong signature. */
  NORMAL,
  /**
   * The evasive form: more sources or fewer requests, each source staying close to what a busy
   * benign client does, spread over the window. Weaker than {@link #NORMAL} but still above the
   * baseline of the entities it touches.
   */
  SLOW_AND_LOW;

  /** Parses {@code normal}, {@code slow_and_low}, {@code slow-and-low} in any case. */
  public static Variant parse(String text) {
    String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Variant variant : values()) {
      if (variant.name().equals(normalised)) {
        return variant;
      }
    }
    throw new IllegalArgumentException(
        "unknown variant '" + text + "', expected normal or slow_and_low");
  }
}
