package io.vigil.simulator;

/** How a labelled entity takes part in an attack. */
public enum LabelRole {
  /**
   * The entity originates the attack traffic (an attacking IP, a compromised principal, the new
   * caller-to-callee edge and its caller): what a firewall should block or isolate.
   */
  SOURCE,
  /**
   * The victim whose aggregate traffic the attack visibly changes (the flooded service, the auth
   * service under credential stuffing): anomalous, but not to be blocked.
   */
  TARGET
}
