package io.vigil.simulator;

import io.vigil.analytics.EntityType;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * HTTP flood (DDoS, layer 7): many anonymous sources request one public read route as fast as their
 * rate allows, with cache-busting ids. Normal: 30 sources x 6 requests/s with scripted user agents;
 * slow-and-low: 90 sources x 0.6 requests/s with browser agents, each barely above a busy visitor
 * while the target service's rate still rises several-fold. The flooded service's utilisation
 * climbs, so its latency, 503s and CPU rise too.
 *
 * <p>Labels: every attacking {@code CLIENT_IP} (SOURCE); as TARGET the {@code SERVICE}s the flood
 * overloads: the gateway, the route's service and the services that route calls with probability at
 * least 0.5 (a flood on {@code GET /search} also saturates {@code catalog}).
 */
final class HttpFlood extends Attack {
  private static final String[] SCRIPTED_AGENTS = {
    "Go-http-client/1.1",
    "python-requests/2.31.0",
    "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT" + " 6.1)",
    "curl/8.5.0"
  };

  private final Estate estate;
  private final Estate.Route route;
  private final List<String> ips;
  private final String[] agents;
  private final Sources sources;

  private HttpFlood(
      AttackWindow window,
      Attack.Context context,
      Estate.Route route,
      List<String> ips,
      double rate) {
    super(window, context.rng());
    this.estate = context.estate();
    this.route = route;
    this.ips = ips;
    this.agents = new String[ips.size()];
    for (int i = 0; i < agents.length; i++) {
      agents[i] =
          window.variant() == Variant.NORMAL
              ? SCRIPTED_AGENTS[rng.nextInt(SCRIPTED_AGENTS.length)]
              : estate.browserAgent(rng);
    }
    this.sources = new Sources(ips.size(), rate);
    ips.forEach(ip -> label(EntityType.CLIENT_IP, ip, LabelRole.SOURCE));
    Set<String> flooded = new LinkedHashSet<>();
    flooded.add(Estate.GATEWAY);
    reached(route.call(), 1.0, flooded);
    flooded.forEach(service -> label(EntityType.SERVICE, service, LabelRole.TARGET));
  }

  /** Services the route calls with probability >= 0.5 on a request: the flood reaches them. */
  private static void reached(Estate.Call call, double probability, Set<String> into) {
    if (probability < 0.5) {
      return;
    }
    into.add(call.service());
    for (Estate.Call child : call.children()) {
      reached(child, probability * child.probability(), into);
    }
  }

  static Attack of(AttackSpec spec, Instant start, Instant end, Attack.Context context) {
    boolean normal = spec.variant() == Variant.NORMAL;
    int count = orDefault(spec.sources(), normal ? 30 : 90);
    double rate = orDefault(spec.rate(), normal ? 6.0 : 0.6);
    Estate.Route route = target(spec.target(), context);
    List<String> ips = context.estate().hostileIps(context.rng(), count, context.takenIps());
    return new HttpFlood(window(spec, start, end, route.name(), count), context, route, ips, rate);
  }

  private static Estate.Route target(String target, Attack.Context context) {
    Estate estate = context.estate();
    List<Estate.Route> floodable =
        estate.apiRoutes().stream().filter(r -> r.isRead() && !r.requiresAuth()).toList();
    if (target == null) {
      List<Estate.Route> busy = floodable.stream().filter(r -> r.weight() >= 4).toList();
      return busy.get(context.rng().nextInt(busy.size()));
    }
    if (estate.route(target).isPresent()) {
      Estate.Route route = estate.route(target).get();
      if (route.kind() != Estate.RouteKind.API || route.requiresAuth()) {
        throw new IllegalArgumentException(
            "target '" + target + "' is not a public API route (floods are anonymous)");
      }
      return route;
    }
    return floodable.stream()
        .filter(r -> r.service().equals(target.trim()))
        .max(Comparator.comparingDouble(Estate.Route::weight))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "target '"
                        + target
                        + "' is neither a route (e.g. 'GET /search') nor a service with public"
                        + " read routes"));
  }

  @Override
  protected void emit(long from, long to, RequestFactory factory) {
    sources.arrivals(
        from,
        to,
        (source, at) -> {
          long id = route.hasId() ? 1 + rng.nextInt(Estate.PRODUCT_IDS) : 0;
          factory.send(
              new RequestFactory.ClientRequest(
                  at, ips.get(source), null, null, agents[source], route, route.path(id), 0, -1));
        });
  }
}
