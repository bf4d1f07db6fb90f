package io.vigil.analytics.model;

import java.util.Locale;

/** Threat classes of the classifier; {@link #label()} is the wire/CSV name. */
public enum ThreatClass {
  DDOS,
  CREDENTIAL_STUFFING,
  SCRAPING,
  LATERAL_MOVEMENT,
  EXFILTRATION,
  NONE;

  /** Lower-case wire name, e.g. {@code credential_stuffing}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name (case-insensitive, '-' accepted for '_'). */
  public static ThreatClass fromLabel(String label) {
    try {
      return valueOf(label.trim().replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown threat class: " + label, e);
    }
  }
}
