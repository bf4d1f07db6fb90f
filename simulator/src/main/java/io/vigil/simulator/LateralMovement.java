package io.vigil.simulator;

import io.vigil.analytics.EntityType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lateral movement: one compromised instance of a service calls a service it never called before (a
 * new {@code caller->callee} edge), from a scheduled task outside any user request: a root INTERNAL
 * span at the caller, a CLIENT span with {@code peer.service = callee}, the callee's SERVER span
 * (403 for 40 % of the probes). Operations look for data (cards, users, config). Normal: 2 calls/s;
 * slow-and-low: one call every 8 s. The edge never appears outside the window.
 *
 * <p>Labels: the {@code EDGE} and the calling {@code SERVICE} (both SOURCE).
 */
final class LateralMovement extends Attack {
  private static final String[] OPERATIONS = {
    "GET /internal/config", "GET /internal/users", "GET /internal/admin/export",
    "GET /internal/cards", "POST /internal/tokens", "GET /internal/metrics/dump"
  };

  private final String caller;
  private final String callee;
  private final String instance;
  private final Sources sources;

  private LateralMovement(
      AttackWindow window, Attack.Context context, String caller, String callee, double rate) {
    super(window, context.rng());
    this.caller = caller;
    this.callee = callee;
    Estate.Service service = context.estate().services().get(caller);
    this.instance = service.instance(rng.nextInt(service.replicas()));
    this.sources = new Sources(1, rate);
    label(EntityType.EDGE, Estate.edge(caller, callee), LabelRole.SOURCE);
    label(EntityType.SERVICE, caller, LabelRole.SOURCE);
  }

  static Attack of(AttackSpec spec, Instant start, Instant end, Attack.Context context) {
    Estate estate = context.estate();
    String edge = spec.target() == null ? randomNewEdge(context) : spec.target().trim();
    String[] parts = edge.split("->", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("target '" + edge + "' must be 'caller->callee'");
    }
    String caller = parts[0].trim();
    String callee = parts[1].trim();
    for (String service : parts) {
      if (estate.service(service.trim()).isEmpty() || service.trim().equals(Estate.GATEWAY)) {
        throw new IllegalArgumentException(
            "'"
                + service.trim()
                + "' is not a service behind the gateway; services: "
                + String.join(", ", estate.services().keySet()));
      }
    }
    if (caller.equals(callee) || estate.edges().contains(Estate.edge(caller, callee))) {
      throw new IllegalArgumentException(
          "edge '" + edge + "' is not new: the estate already uses " + estate.edges());
    }
    double rate = orDefault(spec.rate(), spec.variant() == Variant.NORMAL ? 2.0 : 0.125);
    return new LateralMovement(
        window(spec, start, end, Estate.edge(caller, callee), 1), context, caller, callee, rate);
  }

  private static String randomNewEdge(Attack.Context context) {
    Estate estate = context.estate();
    List<String> candidates = new ArrayList<>();
    for (String a : estate.services().keySet()) {
      for (String b : estate.services().keySet()) {
        if (!a.equals(b)
            && !a.equals(Estate.GATEWAY)
            && !b.equals(Estate.GATEWAY)
            && !estate.edges().contains(Estate.edge(a, b))) {
          candidates.add(Estate.edge(a, b));
        }
      }
    }
    return candidates.get(context.rng().nextInt(candidates.size()));
  }

  @Override
  protected void emit(long from, long to, RequestFactory factory) {
    sources.arrivals(
        from,
        to,
        (source, at) ->
            factory.internalCall(
                at,
                caller,
                instance,
                callee,
                OPERATIONS[rng.nextInt(OPERATIONS.length)],
                rng.nextDouble() < 0.4 ? 403 : 200));
  }
}
