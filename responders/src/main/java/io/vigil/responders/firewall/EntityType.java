package io.vigil.responders.firewall;

/** Kind of entity an anomalous window was computed for. */
public enum EntityType {
  /** A service, by name. */
  SERVICE,
  /** A client IP address (IPv4 or IPv6 literal). */
  CLIENT_IP,
  /** An authenticated principal or token id. */
  PRINCIPAL,
  /** A caller-to-callee edge between two services, written {@code caller->callee}. */
  EDGE
}
