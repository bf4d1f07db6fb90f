package io.vigil.responders.firewall;

import java.util.EnumSet;

/**
 * What a firewall decision tells actuators to do. The four enforcing actions each have a lifting
 * counterpart ({@link #UNBLOCK} or {@link #RESTORE}) issued on expiry or manual deletion.
 */
public enum FirewallAction {
  /** Drop all traffic from an IP or CIDR. */
  BLOCK(3, EnumSet.of(Scope.IP, Scope.CIDR)),
  /** Limit an IP, CIDR or principal to a rate (requests per second). */
  RATE_LIMIT(1, EnumSet.of(Scope.IP, Scope.CIDR, Scope.PRINCIPAL)),
  /** Cut a service off the mesh, or cut one caller-to-callee edge. */
  ISOLATE(3, EnumSet.of(Scope.SERVICE, Scope.EDGE)),
  /** Revoke a principal's tokens (deny-list them for the decision's TTL). */
  REVOKE_TOKEN(3, EnumSet.of(Scope.PRINCIPAL)),
  /** Lift a {@link #BLOCK} or {@link #RATE_LIMIT}. */
  UNBLOCK(0, EnumSet.noneOf(Scope.class)),
  /** Lift an {@link #ISOLATE} or {@link #REVOKE_TOKEN}. */
  RESTORE(0, EnumSet.noneOf(Scope.class));

  private final int severity;
  private final EnumSet<Scope> scopes;

  FirewallAction(int severity, EnumSet<Scope> scopes) {
    this.severity = severity;
    this.scopes = scopes;
  }

  /** Whether this action enforces something (as opposed to lifting it). */
  public boolean isEnforcing() {
    return severity > 0;
  }

  /** Scopes this enforcing action can apply to; empty for lifting actions. */
  public EnumSet<Scope> allowedScopes() {
    return EnumSet.copyOf(scopes);
  }

  /** Whether this enforcing action can target the scope. */
  public boolean supports(Scope scope) {
    return scopes.contains(scope);
  }

  /**
   * The action that undoes this one: {@link #UNBLOCK} for BLOCK and RATE_LIMIT, {@link #RESTORE}
   * for ISOLATE and REVOKE_TOKEN.
   *
   * @throws IllegalStateException for a lifting action
   */
  public FirewallAction lifting() {
    switch (this) {
      case BLOCK:
      case RATE_LIMIT:
        return UNBLOCK;
      case ISOLATE:
      case REVOKE_TOKEN:
        return RESTORE;
      default:
        throw new IllegalStateException(this + " is not an enforcing action");
    }
  }

  /**
   * The stronger of two enforcing actions on the same target, used when decisions merge: a rate
   * limit is superseded by a block or a token revocation; otherwise the current action stays.
   */
  public static FirewallAction stronger(FirewallAction current, FirewallAction incoming) {
    return incoming.severity > current.severity ? incoming : current;
  }
}
