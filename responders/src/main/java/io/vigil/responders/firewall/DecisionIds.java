package io.vigil.responders.firewall;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic decision ids: a name-based (version 3) UUID of scope, target, action, the target's
 * decision sequence number and the cause (the anomaly id for NEW and EXTENDED, the lifted
 * decision's id for LIFTED, the issue time for operator decisions). Same inputs give the same id,
 * so a replay after a crash re-issues the id an actuator has already applied and is skipped; the
 * cause keeps ids unique even after a long-quiet target's sequence restarts.
 */
public final class DecisionIds {

  private DecisionIds() {}

  /** The id of a decision. */
  public static String of(
      Scope scope, String target, FirewallAction action, long sequence, String cause) {
    String name =
        "vigil-firewall|" + scope + "|" + target + "|" + action + "|" + sequence + "|" + cause;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
