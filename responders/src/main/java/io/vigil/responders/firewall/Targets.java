package io.vigil.responders.firewall;

import java.util.List;

/**
 * Canonical target strings per scope, and the mapping from an anomaly's entity to the target of a
 * class's scope. Canonical forms make one target one key: {@code 2001:DB8:0::1} and {@code
 * 2001:db8::1} are the same IP, {@code ::ffff:192.0.2.1} is {@code 192.0.2.1}.
 */
public final class Targets {

  /** Separator of caller and callee in an edge entity or target. */
  public static final String EDGE_SEPARATOR = "->";

  private Targets() {}

  /**
   * The canonical target for a scope.
   *
   * @throws IllegalArgumentException if the target is not valid for the scope
   */
  public static String canonical(Scope scope, String target) {
    String t = target.trim();
    switch (scope) {
      case IP:
        return IpAddress.parse(t).toString();
      case CIDR:
        return Cidr.parse(t).toString();
      case EDGE:
        List<String> sides = edgeSides(t);
        return sides.get(0) + EDGE_SEPARATOR + sides.get(1);
      case PRINCIPAL:
      case SERVICE:
        if (t.isEmpty()) {
          throw new IllegalArgumentException(scope + " target must not be blank");
        }
        return t;
      default:
        throw new IllegalStateException("unknown scope " + scope);
    }
  }

  /**
   * The target a class policy acts on for an anomaly's entity: the IP itself (scope ip), its
   * network with the class's prefix length (scope cidr), the principal, the service, or the edge.
   * The entity type must match the scope; a mismatch (e.g. a service entity for scope ip) cannot be
   * mapped.
   *
   * @throws IllegalArgumentException naming the mismatch or the malformed entity
   */
  public static String forEntity(ClassPolicy policy, AnomalySignal anomaly) {
    Scope scope = policy.scope();
    EntityType type = anomaly.entityType();
    EntityType needed = requiredEntityType(scope);
    if (type != needed) {
      throw new IllegalArgumentException(
          "scope "
              + scope.name().toLowerCase(java.util.Locale.ROOT)
              + " needs a "
              + needed.name().toLowerCase(java.util.Locale.ROOT)
              + " entity, got "
              + type.name().toLowerCase(java.util.Locale.ROOT)
              + " '"
              + anomaly.entity()
              + "'");
    }
    if (scope == Scope.CIDR) {
      IpAddress ip = IpAddress.parse(anomaly.entity());
      int prefix = ip.isIpv4() ? policy.ipv4Prefix() : policy.ipv6Prefix();
      return Cidr.of(ip, prefix).toString();
    }
    return canonical(scope, anomaly.entity());
  }

  /** The entity type whose entities map to targets of the scope. */
  public static EntityType requiredEntityType(Scope scope) {
    switch (scope) {
      case IP:
      case CIDR:
        return EntityType.CLIENT_IP;
      case PRINCIPAL:
        return EntityType.PRINCIPAL;
      case SERVICE:
        return EntityType.SERVICE;
      case EDGE:
        return EntityType.EDGE;
      default:
        throw new IllegalStateException("unknown scope " + scope);
    }
  }

  /** Caller and callee of a {@code caller->callee} edge, trimmed. */
  static List<String> edgeSides(String edge) {
    int i = edge.indexOf(EDGE_SEPARATOR);
    if (i < 0 || edge.indexOf(EDGE_SEPARATOR, i + EDGE_SEPARATOR.length()) >= 0) {
      throw new IllegalArgumentException("edge must be written caller->callee, got '" + edge + "'");
    }
    String caller = edge.substring(0, i).trim();
    String callee = edge.substring(i + EDGE_SEPARATOR.length()).trim();
    if (caller.isEmpty() || callee.isEmpty()) {
      throw new IllegalArgumentException("edge must be written caller->callee, got '" + edge + "'");
    }
    return List.of(caller, callee);
  }
}
