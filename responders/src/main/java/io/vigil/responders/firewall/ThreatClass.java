package io.vigil.responders.firewall;

import java.util.Locale;

/**
 * Attack class the threat classifier assigns to an anomalous window. {@link #NONE} means benign or
 * unknown and never leads to a firewall decision.
 */
public enum ThreatClass {
  NONE,
  DDOS,
  CREDENTIAL_STUFFING,
  SCRAPING,
  LATERAL_MOVEMENT,
  EXFILTRATION;

  /** Name used in policy keys and reasons, e.g. {@code credential_stuffing}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
