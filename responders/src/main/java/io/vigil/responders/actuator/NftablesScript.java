package io.vigil.responders.actuator;

import io.vigil.ops.FirewallAction;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.FirewallScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders {@code nft -f} scripts that keep Vigil's named sets (table {@code inet <table>}) in step
 * with firewall commands. Pure: no I/O, the clock is a parameter.
 *
 * <p>Layout (created by {@link #bootstrap()}, idempotent: sets keep their elements, the chain is
 * flushed and refilled):
 *
 * <ul>
 *   <li>BLOCK: sets {@code vigil_block_ip4}, {@code vigil_block_ip6} (addresses, {@code flags
 *       timeout}) and {@code vigil_block_net4}, {@code vigil_block_net6} (networks, {@code flags
 *       interval, timeout}); rules {@code ip saddr @vigil_block_ip4 drop} etc.
 *   <li>RATE_LIMIT: per rate tier {@code T}, sets {@code vigil_rl<T>_ip4|ip6|net4|net6} and a rule
 *       dropping new connections of each source above {@code T}/second, with a per-source meter. A
 *       command is enforced at the highest tier not above its rate (stricter, never looser), or the
 *       lowest tier when its rate is below every tier.
 * </ul>
 *
 * <p>Per command:
 *
 * <ul>
 *   <li>An element gets its timeout from the command's absolute expiry ({@code expiresAt - now},
 *       rounded up to whole seconds), so the kernel lifts it even if the UNBLOCK never arrives, and
 *       re-applying a command sets the same expiry. A command already expired is skipped.
 *   <li>nftables cannot change an element's timeout in place, so an element is (re)written as
 *       {@code add; delete; add}: the first {@code add} makes sure it exists, so the {@code delete}
 *       cannot fail, and the last {@code add} sets the timeout. The script runs as one transaction.
 *   <li>Removing an element uses {@code add; delete} for the same reason: removing an absent
 *       element succeeds. UNBLOCK removes the target from the sets of the action it lifts, an
 *       EXTENDED decision first removes it from the sets of the action it replaces (a rate limit
 *       from every tier, since the old rate is not carried).
 *   <li>Only scopes ip and cidr are network-layer: other scopes (principal, service, edge) and the
 *       actions ISOLATE, REVOKE_TOKEN and RESTORE render no script.
 * </ul>
 *
 * Overlapping networks in one interval set are rejected by nftables; the policy's networks of one
 * class share one prefix length, so only operator decisions can overlap.
 */
public final class NftablesScript {

  private final String table;
  private final String hook;
  private final List<Integer> rateTiers;

  /**
   * @param table table name in family inet
   * @param hook netfilter hook of the chain: {@code input} (traffic to this host) or {@code
   *     forward} (traffic routed through it, e.g. to containers)
   * @param rateTiers rate-limit tiers in new connections per second, ascending, at least one
   */
  public NftablesScript(String table, String hook, List<Integer> rateTiers) {
    this.table = Objects.requireNonNull(table, "table");
    this.hook = Objects.requireNonNull(hook, "hook");
    if (!hook.equals("input") && !hook.equals("forward")) {
      throw new IllegalArgumentException("hook must be input or forward, got " + hook);
    }
    List<Integer> tiers = new ArrayList<>(rateTiers);
    tiers.sort(Integer::compare);
    if (tiers.isEmpty() || tiers.get(0) < 1) {
      throw new IllegalArgumentException("rate tiers must be positive, at least one: " + rateTiers);
    }
    this.rateTiers = List.copyOf(tiers);
  }

  /** The script creating the table, the sets and the chain with its rules. */
  public String bootstrap() {
    StringBuilder s = new StringBuilder();
    s.append("# vigil nftables bootstrap: sets keep their elements, the chain is rebuilt\n");
    s.append("add table inet ").append(table).append('\n');
    for (String family : List.of("4", "6")) {
      String type = family.equals("4") ? "ipv4_addr" : "ipv6_addr";
      set(s, "vigil_block_ip" + family, type, "timeout");
      set(s, "vigil_block_net" + family, type, "interval, timeout");
      for (int tier : rateTiers) {
        set(s, "vigil_rl" + tier + "_ip" + family, type, "timeout");
        set(s, "vigil_rl" + tier + "_net" + family, type, "interval, timeout");
      }
    }
    String chain = "vigil_" + hook;
    s.append("add chain inet ")
        .append(table)
        .append(' ')
        .append(chain)
        .append(" { type filter hook ")
        .append(hook)
        .append(" priority -10; policy accept; }\n");
    s.append("flush chain inet ").append(table).append(' ').append(chain).append('\n');
    for (String family : List.of("4", "6")) {
      String match = family.equals("4") ? "ip saddr" : "ip6 saddr";
      for (String kind : List.of("ip", "net")) {
        rule(s, chain, match + " @vigil_block_" + kind + family + " drop");
      }
      for (int tier : rateTiers) {
        for (String kind : List.of("ip", "net")) {
          rule(
              s,
              chain,
              match
                  + " @vigil_rl"
                  + tier
                  + "_"
                  + kind
                  + family
                  + " ct state new meter vigil_rl"
                  + tier
                  + "_"
                  + kind
                  + family
                  + "_meter { "
                  + match
                  + " limit rate over "
                  + tier
                  + "/second } drop");
        }
      }
    }
    return s.toString();
  }

  /**
   * The script applying a command at {@code now}, or empty when the command is not for nftables
   * (scope not ip/cidr, action ISOLATE/REVOKE_TOKEN/RESTORE) or already expired.
   */
  public Optional<String> render(FirewallCommand c, Instant now) {
    FirewallScope scope = c.getScope();
    if (scope != FirewallScope.IP && scope != FirewallScope.CIDR) {
      return Optional.empty();
    }
    FirewallAction action = c.getAction();
    boolean enforcing = action == FirewallAction.BLOCK || action == FirewallAction.RATE_LIMIT;
    if (!enforcing && action != FirewallAction.UNBLOCK) {
      return Optional.empty();
    }
    String family = c.getTarget().contains(":") ? "6" : "4";
    String kind = scope == FirewallScope.IP ? "ip" : "net";
    String element = "{ " + c.getTarget() + " }";
    StringBuilder s = new StringBuilder();
    s.append("# ")
        .append(c.getCommandId())
        .append(' ')
        .append(c.getKind())
        .append(' ')
        .append(lower(action))
        .append(c.getRate() == null ? "" : " " + c.getRate() + "/s")
        .append(' ')
        .append(lower(scope))
        .append(':')
        .append(c.getTarget())
        .append(c.getSupersedes() == null ? "" : " (supersedes " + c.getSupersedes() + ")")
        .append('\n');
    FirewallAction previous = c.getPreviousAction();
    List<String> undo = new ArrayList<>();
    if (previous == null && action == FirewallAction.UNBLOCK) {
      // A lift that does not say what it lifts: out of every set the target may be in.
      undo.addAll(sets(FirewallAction.BLOCK, kind, family));
      undo.addAll(sets(FirewallAction.RATE_LIMIT, kind, family));
    } else if (previous != null && (previous != action || action == FirewallAction.RATE_LIMIT)) {
      undo.addAll(sets(previous, kind, family));
    }
    for (String set : undo) {
      remove(s, set, element);
    }
    if (enforcing) {
      long seconds = timeoutSeconds(c, now);
      if (seconds <= 0) {
        return Optional.empty();
      }
      String set = sets(action, kind, family, c.getRate()).get(0);
      String timed = "{ " + c.getTarget() + " timeout " + seconds + "s }";
      s.append("add element inet ").append(table).append(' ').append(set).append(' ');
      s.append(timed).append('\n');
      s.append("delete element inet ").append(table).append(' ').append(set).append(' ');
      s.append(element).append('\n');
      s.append("add element inet ").append(table).append(' ').append(set).append(' ');
      s.append(timed).append('\n');
    }
    return Optional.of(s.toString());
  }

  /** The tier a rate is enforced at. */
  public int tier(double rate) {
    int chosen = rateTiers.get(0);
    for (int t : rateTiers) {
      if (t <= rate) {
        chosen = t;
      }
    }
    return chosen;
  }

  private static long timeoutSeconds(FirewallCommand c, Instant now) {
    if (c.getExpiresAt() == null) {
      throw new IllegalArgumentException("command " + c.getCommandId() + " has no expiresAt");
    }
    Duration left = Duration.between(now, c.getExpiresAt());
    if (left.isNegative() || left.isZero()) {
      return 0;
    }
    long seconds = left.getSeconds();
    return left.getNano() > 0 ? seconds + 1 : seconds;
  }

  /** Every set an action may have put the target in (all tiers for a rate limit). */
  private List<String> sets(FirewallAction action, String kind, String family) {
    if (action == FirewallAction.BLOCK) {
      return List.of("vigil_block_" + kind + family);
    }
    if (action == FirewallAction.RATE_LIMIT) {
      List<String> all = new ArrayList<>();
      for (int t : rateTiers) {
        all.add("vigil_rl" + t + "_" + kind + family);
      }
      return all;
    }
    return List.of();
  }

  /** The set an enforcing action puts the target in. */
  private List<String> sets(FirewallAction action, String kind, String family, Double rate) {
    if (action == FirewallAction.RATE_LIMIT) {
      if (rate == null) {
        throw new IllegalArgumentException("RATE_LIMIT without a rate");
      }
      return List.of("vigil_rl" + tier(rate) + "_" + kind + family);
    }
    return sets(action, kind, family);
  }

  private void remove(StringBuilder s, String set, String element) {
    s.append("add element inet ").append(table).append(' ').append(set).append(' ');
    s.append(element).append('\n');
    s.append("delete element inet ").append(table).append(' ').append(set).append(' ');
    s.append(element).append('\n');
  }

  private void set(StringBuilder s, String name, String type, String flags) {
    s.append("add set inet ")
        .append(table)
        .append(' ')
        .append(name)
        .append(" { type ")
        .append(type)
        .append("; flags ")
        .append(flags)
        .append("; }\n");
  }

  private void rule(StringBuilder s, String chain, String rule) {
    s.append("add rule inet ").append(table).append(' ').append(chain).append(' ');
    s.append(rule).append('\n');
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
