package io.vigil.simulator;

import io.vigil.analytics.EntityType;
import java.time.Instant;
import java.util.List;

/**
 * API scraping: a few anonymous sources sweep the public read API: 70 % item pages (product,
 * reviews, category, similar products) walking ids in sequence, so nearly every path is new, the
 * rest any public read route, and 6 % probes of paths the API does not have (404 with no route).
 * Per source this is a far higher rate of distinct routes and paths than any browsing session.
 * Normal: 2 sources x 5 requests/s with crawler agents; slow-and-low: 3 sources x 1.5 requests/s
 * with browser agents.
 *
 * <p>Labels: every scraping {@code CLIENT_IP} (SOURCE).
 */
final class ApiScraping extends Attack {
  private static final String[] PROBES = {
    "/api/v1/products",
    "/catalog/export",
    "/graphql",
    "/api/internal/users",
    "/.env",
    "/catalog/products.json",
    "/sitemap.xml",
    "/api/v2/search"
  };

  private final List<Estate.Route> routes;
  private final List<Estate.Route> itemRoutes;
  private final List<String> ips;
  private final String[] agents;
  private final long[] cursor;
  private final Sources sources;

  private ApiScraping(AttackWindow window, Attack.Context context, List<String> ips, double rate) {
    super(window, context.rng());
    Estate estate = context.estate();
    this.routes = estate.apiRoutes().stream().filter(r -> r.isRead() && !r.requiresAuth()).toList();
    this.itemRoutes = routes.stream().filter(Estate.Route::hasId).toList();
    this.ips = ips;
    this.agents = new String[ips.size()];
    this.cursor = new long[ips.size()];
    for (int i = 0; i < agents.length; i++) {
      agents[i] =
          window.variant() == Variant.NORMAL
              ? (i % 2 == 0 ? "Scrapy/2.11.2 (+https://scrapy.org)" : "python-requests/2.31.0")
              : estate.browserAgent(rng);
      cursor[i] = 1 + rng.nextInt(Estate.PRODUCT_IDS);
    }
    this.sources = new Sources(ips.size(), rate);
    ips.forEach(ip -> label(EntityType.CLIENT_IP, ip, LabelRole.SOURCE));
  }

  static Attack of(AttackSpec spec, Instant start, Instant end, Attack.Context context) {
    if (spec.target() != null) {
      throw new IllegalArgumentException("scraping sweeps every public read route; drop target");
    }
    boolean normal = spec.variant() == Variant.NORMAL;
    int count = orDefault(spec.sources(), normal ? 2 : 3);
    double rate = orDefault(spec.rate(), normal ? 5.0 : 1.5);
    List<String> ips = context.estate().hostileIps(context.rng(), count, context.takenIps());
    return new ApiScraping(window(spec, start, end, "*", count), context, ips, rate);
  }

  @Override
  protected void emit(long from, long to, RequestFactory factory) {
    sources.arrivals(
        from,
        to,
        (source, at) -> {
          if (rng.nextDouble() < 0.06) {
            factory.send(
                new RequestFactory.ClientRequest(
                    at,
                    ips.get(source),
                    null,
                    null,
                    agents[source],
                    null,
                    PROBES[rng.nextInt(PROBES.length)],
                    0,
                    -1));
            return;
          }
          // Mostly item pages (the data being harvested), the rest of the public API around them.
          List<Estate.Route> pool = rng.nextDouble() < 0.7 ? itemRoutes : routes;
          Estate.Route route = pool.get(rng.nextInt(pool.size()));
          long id = 0;
          if (route.hasId()) {
            id = cursor[source];
            cursor[source] = cursor[source] % (Estate.PRODUCT_IDS * 4L) + 1;
          }
          factory.send(
              new RequestFactory.ClientRequest(
                  at, ips.get(source), null, null, agents[source], route, route.path(id), 0, -1));
        });
  }
}
