package io.vigil.responders.firewall;

/**
 * What kind of thing a decision targets, as in CrowdSec's decision scopes. The target string's form
 * depends on the scope: canonical IP literal, canonical CIDR, principal or token id, service name,
 * or {@code caller->callee}.
 */
public enum Scope {
  /** One IP address; target is its canonical literal (RFC 5952 for IPv6). */
  IP,
  /** An IP network; target is its canonical {@code address/prefix}. */
  CIDR,
  /** A principal or token id (the Avro command may map it to PRINCIPAL or TOKEN). */
  PRINCIPAL,
  /** A service by name. */
  SERVICE,
  /** A caller-to-callee edge, target {@code caller->callee}. */
  EDGE
}
