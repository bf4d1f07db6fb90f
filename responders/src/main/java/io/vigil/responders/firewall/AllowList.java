package io.vigil.responders.firewall;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Targets the firewall must never act on. A match vetoes any decision, automatic or manual, and the
 * veto names the matching rule so the audit record says why nothing happened.
 *
 * <ul>
 *   <li>IP targets are vetoed when an allowed CIDR contains them; CIDR targets when they overlap an
 *       allowed CIDR (blocking the network would block the allowed addresses too).
 *   <li>Principal targets are vetoed when listed (exact match).
 *   <li>Service targets are vetoed when listed; an edge when its caller or its callee is listed.
 * </ul>
 *
 * @param cidrs allowed IPv4 and IPv6 networks
 * @param principals allowed principals or token ids
 * @param services allowed services
 */
public record AllowList(List<Cidr> cidrs, Set<String> principals, Set<String> services) {

  public AllowList {
    cidrs = List.copyOf(cidrs);
    principals = Set.copyOf(principals);
    services = Set.copyOf(services);
  }

  /**
   * The rule that vetoes a decision on the target, if any, e.g. {@code vigil.firewall.allow.cidrs:
   * 10.0.0.0/8}.
   *
   * @param key a canonical target (see {@link Targets#canonical(Scope, String)})
   */
  public Optional<String> veto(DecisionKey key) {
    String target = key.target();
    switch (key.scope()) {
      case IP:
        {
          IpAddress ip = IpAddress.parse(target);
          for (Cidr c : cidrs) {
            if (c.contains(ip)) {
              return Optional.of(FirewallConfig.ALLOW_CIDRS.name() + ": " + c);
            }
          }
          return Optional.empty();
        }
      case CIDR:
        {
          Cidr net = Cidr.parse(target);
          for (Cidr c : cidrs) {
            if (c.overlaps(net)) {
              return Optional.of(FirewallConfig.ALLOW_CIDRS.name() + ": " + c);
            }
          }
          return Optional.empty();
        }
      case PRINCIPAL:
        return principals.contains(target)
            ? Optional.of(FirewallConfig.ALLOW_PRINCIPALS.name() + ": " + target)
            : Optional.empty();
      case SERVICE:
        return services.contains(target)
            ? Optional.of(FirewallConfig.ALLOW_SERVICES.name() + ": " + target)
            : Optional.empty();
      case EDGE:
        for (String side : Targets.edgeSides(target)) {
          if (services.contains(side)) {
            return Optional.of(FirewallConfig.ALLOW_SERVICES.name() + ": " + side);
          }
        }
        return Optional.empty();
      default:
        throw new IllegalStateException("unknown scope " + key.scope());
    }
  }
}
