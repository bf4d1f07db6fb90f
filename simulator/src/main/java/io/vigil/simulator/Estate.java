package io.vigil.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated microservice estate: an online shop of ten services behind an API gateway, the
 * routes the gateway exposes with the call tree each route triggers, the client population and the
 * SKU catalogue. Built deterministically from a seed; immutable.
 *
 * <p>Call graph (every edge a CLIENT span {@code caller -> peer.service}): the {@code gateway}
 * fronts {@code auth, catalog, search, recommendations, cart, checkout, shipping, payment,
 * notifications} (and probes {@code inventory}'s health); {@code catalog -> inventory}, {@code
 * search -> catalog}, {@code recommendations -> catalog}, {@code cart -> catalog, inventory},
 * {@code checkout -> cart, inventory, payment, shipping, notifications}, {@code shipping ->
 * inventory}, {@code auth -> notifications}. Any other pair is an edge the estate never uses: the
 * lateral movement scenario creates one.
 *
 * <p>Clients: registered users (principal {@code user-NNNNN}, customer {@code cust-NNNNN}, a fixed
 * user agent, a home IP from residential ranges; about 15 % share three office NAT addresses),
 * anonymous visitors (a pool of residential IPs), and uptime checkers in {@value #INTERNAL_RANGE}
 * that must never be blocked. Attackers get fresh addresses from hosting/botnet ranges disjoint
 * from all of these.
 */
public final class Estate {

  /** Name of the API gateway service, the root of every external trace. */
  public static final String GATEWAY = "gateway";

  /** Internal range of the uptime checkers: allow-listed, never attacked, never to be blocked. */
  public static final String INTERNAL_RANGE = "10.0.0.0/8";

  /** Route of the login endpoint, the target of credential stuffing. */
  public static final String LOGIN_ROUTE = "/auth/login";

  /** Route template of the bulk order export, the channel of data exfiltration. */
  public static final String EXPORT_ROUTE = "/orders/export";

  /** Number of distinct product ids used in paths. */
  static final int PRODUCT_IDS = 5_000;

  private static final String[] RESIDENTIAL_PREFIXES = {
    "81.2", "82.64", "86.120", "90.84", "109.190", "151.52", "176.31", "188.165", "213.87", "84.17"
  };
  private static final String[] OFFICE_NATS = {"62.210.14.7", "62.210.14.8", "195.154.33.21"};
  private static final String[] HOSTILE_PREFIXES = {
    "45.155", "103.97", "185.220", "193.32", "5.188", "91.92", "141.98", "179.43"
  };
  private static final String[] BROWSER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
        + " Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/126.0.0.0 Mobile Safari/537.36",
    "ShopApp/5.12.1 (Android 14; SM-S918B)",
    "ShopApp/5.12.0 (iOS 17.5; iPhone15,2)"
  };

  /** User agent of the uptime checkers. */
  static final String PROBE_AGENT = "kube-probe/1.30";

  /**
   * One service of the estate.
   *
   * @param name service name ({@code service.name})
   * @param replicas instances, named {@code <name>-<i>}
   * @param selfMs median time the service spends itself on a request, in ms
   * @param errorRate probability that one request fails inside this service (5xx)
   */
  public record Service(String name, int replicas, double selfMs, double errorRate) {
    /** Instance id ({@code service.instance.id}) of replica {@code i}. */
    public String instance(int i) {
      return name + "-" + i;
    }
  }

  /**
   * One downstream call in a route's call tree: the caller issues a CLIENT span with {@code
   * peer.service = service}, the callee a SERVER span named {@code operation}.
   *
   * @param service callee
   * @param operation span name at the callee, e.g. {@code GET /stock/{sku}}
   * @param probability probability that the call happens on a given request
   * @param selfMs median self time of the operation in ms; 0 = the service's default
   * @param children calls the callee makes in turn, in order
   */
  public record Call(
      String service, String operation, double probability, double selfMs, List<Call> children) {
    /** Validates and copies. */
    public Call {
      children = List.copyOf(children);
    }

    static Call of(String service, String operation, double probability, Call... children) {
      return new Call(service, operation, probability, 0, List.of(children));
    }

    static Call slow(String service, String operation, double selfMs, Call... children) {
      return new Call(service, operation, 1.0, selfMs, List.of(children));
    }
  }

  /** What a route is for; decides how normal traffic uses it. */
  public enum RouteKind {
    /** Regular API route, drawn by weight during sessions. */
    API,
    /** The login route, called at the start of a session. */
    LOGIN,
    /** A service's health endpoint, called only by the uptime checkers. */
    HEALTH
  }

  /**
   * A route exposed by the gateway.
   *
   * @param method HTTP method
   * @param template route template ({@code http.route}), e.g. {@code /catalog/products/{id}}
   * @param kind what the route is for
   * @param weight relative share of session requests (0 for login and health routes)
   * @param requiresAuth whether the route answers 401 without a token
   * @param bytesOutMedian median response body size in bytes
   * @param bytesInMedian median request body size in bytes (0 for bodiless methods)
   * @param call the upstream call the gateway makes, with its own call tree
   */
  public record Route(
      String method,
      String template,
      RouteKind kind,
      double weight,
      boolean requiresAuth,
      int bytesOutMedian,
      int bytesInMedian,
      Call call) {

    /** Upstream service that serves the route. */
    public String service() {
      return call.service();
    }

    /** {@code METHOD template}, e.g. {@code GET /search}; also the gateway span name. */
    public String name() {
      return method + " " + template;
    }

    /** Whether the template has an {@code {id}} parameter. */
    public boolean hasId() {
      return template.contains("{id}");
    }

    /** Concrete path for an id (ignored when the template has none). */
    public String path(long id) {
      return hasId() ? template.replace("{id}", Long.toString(id)) : template;
    }

    boolean isRead() {
      return method.equals("GET");
    }
  }

  /**
   * A registered user.
   *
   * @param principal authenticated principal, {@code user-NNNNN}
   * @param customerId customer id used on orders, {@code cust-NNNNN}
   * @param ip address the user connects from
   * @param userAgent the user's client
   * @param rememberedToken id of the user's long-lived ("remember me") token
   * @param sharedIp whether the address is an office NAT shared with other users
   */
  public record User(
      String principal,
      String customerId,
      String ip,
      String userAgent,
      String rememberedToken,
      boolean sharedIp) {}

  /**
   * One SKU of the catalogue.
   *
   * @param sku SKU code
   * @param unitPrice price in EUR, scale 2
   */
  public record Sku(String sku, BigDecimal unitPrice) {}

  private final Map<String, Service> services;
  private final List<Route> routes;
  private final List<Route> apiRoutes;
  private final Route loginRoute;
  private final Map<String, Route> healthRoutes;
  private final Set<String> edges;
  private final List<User> users;
  private final List<String> anonymousIps;
  private final List<String> uptimeCheckers;
  private final List<Sku> skus;
  private final Set<String> knownIps;

  private Estate(SplittableRandom rng, int userCount) {
    services = new LinkedHashMap<>();
    addService(GATEWAY, 3, 1.5, 0.0002);
    addService("auth", 2, 6, 0.0005);
    addService("catalog", 3, 8, 0.001);
    addService("search", 2, 25, 0.001);
    addService("recommendations", 2, 30, 0.002);
    addService("cart", 2, 5, 0.001);
    addService("checkout", 2, 20, 0.002);
    addService("inventory", 2, 4, 0.001);
    addService("payment", 2, 45, 0.004);
    addService("shipping", 2, 15, 0.001);
    addService("notifications", 2, 3, 0.001);

    Call stock = Call.of("inventory", "GET /stock/{sku}", 0.9);
    Call stockBatch = Call.of("inventory", "POST /stock/batch", 0.5);
    Call products = Call.of("catalog", "POST /products/batch", 1.0, stockBatch);
    List<Route> all = new ArrayList<>();
    // auth
    all.add(
        route(
            "POST",
            LOGIN_ROUTE,
            RouteKind.LOGIN,
            0,
            false,
            800,
            350,
            Call.slow("auth", "POST /login", 70, Call.of("notifications", "POST /notify", 0.03))));
    all.add(api("POST", "/auth/logout", 0.5, true, 60, 80, Call.of("auth", "POST /logout", 1)));
    all.add(
        api(
            "POST",
            "/auth/token/refresh",
            1.0,
            true,
            700,
            300,
            Call.of("auth", "POST /token/refresh", 1)));
    all.add(api("GET", "/account/profile", 2, true, 1_500, 0, Call.of("auth", "GET /profile", 1)));
    all.add(
        api("PUT", "/account/profile", 0.3, true, 1_400, 900, Call.of("auth", "PUT /profile", 1)));
    all.add(
        api(
            "GET",
            "/account/addresses",
            0.8,
            true,
            1_200,
            0,
            Call.of("auth", "GET /addresses", 1)));
    // catalog
    all.add(
        api(
            "GET",
            "/catalog/products",
            12,
            false,
            40_000,
            0,
            Call.of("catalog", "GET /products", 1, stockBatch)));
    all.add(
        api(
            "GET",
            "/catalog/products/{id}",
            20,
            false,
            12_000,
            0,
            Call.of("catalog", "GET /products/{id}", 1, stock)));
    all.add(
        api(
            "GET",
            "/catalog/categories",
            4,
            false,
            6_000,
            0,
            Call.of("catalog", "GET /categories", 1)));
    all.add(
        api(
            "GET",
            "/catalog/categories/{id}/products",
            6,
            false,
            35_000,
            0,
            Call.of("catalog", "GET /categories/{id}/products", 1, stockBatch)));
    all.add(
        api(
            "GET",
            "/catalog/products/{id}/reviews",
            4,
            false,
            18_000,
            0,
            Call.of("catalog", "GET /products/{id}/reviews", 1)));
    all.add(
        api(
            "POST",
            "/catalog/products/{id}/reviews",
            0.3,
            true,
            400,
            1_200,
            Call.of("catalog", "POST /products/{id}/reviews", 1)));
    all.add(
        api("GET", "/catalog/brands", 1, false, 5_000, 0, Call.of("catalog", "GET /brands", 1)));
    // search, recommendations
    all.add(
        api(
            "GET",
            "/search",
            14,
            false,
            25_000,
            0,
            Call.of("search", "GET /query", 1, Call.of("catalog", "POST /products/batch", 0.8))));
    all.add(
        api("GET", "/search/suggest", 8, false, 1_000, 0, Call.of("search", "GET /suggest", 1)));
    all.add(
        api(
            "GET",
            "/recommendations/home",
            5,
            false,
            20_000,
            0,
            Call.of("recommendations", "GET /home", 1, products)));
    all.add(
        api(
            "GET",
            "/recommendations/products/{id}",
            4,
            false,
            10_000,
            0,
            Call.of("recommendations", "GET /similar/{id}", 1, products)));
    // cart, checkout
    all.add(
        api(
            "GET",
            "/cart",
            5,
            true,
            3_000,
            0,
            Call.of(
                "cart", "GET /carts/{id}", 1, Call.of("catalog", "POST /products/batch", 0.6))));
    all.add(
        api(
            "POST",
            "/cart/items",
            3,
            true,
            2_000,
            250,
            Call.of(
                "cart",
                "POST /carts/{id}/items",
                1,
                Call.of("catalog", "GET /products/{id}", 1.0),
                Call.of("inventory", "GET /stock/{sku}", 0.7))));
    all.add(
        api(
            "PATCH",
            "/cart/items/{id}",
            0.8,
            true,
            2_000,
            120,
            Call.of("cart", "PATCH /carts/{id}/items/{item}", 1)));
    all.add(
        api(
            "DELETE",
            "/cart/items/{id}",
            0.7,
            true,
            0,
            0,
            Call.of("cart", "DELETE /carts/{id}/items/{item}", 1)));
    all.add(
        api(
            "POST",
            "/checkout",
            1.2,
            true,
            2_000,
            1_500,
            Call.of(
                "checkout",
                "POST /checkouts",
                1,
                Call.of("cart", "GET /carts/{id}", 1),
                Call.of("inventory", "POST /reservations", 1),
                Call.of("payment", "POST /authorizations", 1),
                Call.of("shipping", "POST /shipments", 0.9),
                Call.of("notifications", "POST /notify", 1))));
    all.add(api("GET", "/orders", 1.5, true, 8_000, 0, Call.of("checkout", "GET /orders", 1)));
    all.add(
        api(
            "GET",
            "/orders/{id}",
            1.0,
            true,
            4_000,
            0,
            Call.of("checkout", "GET /orders/{id}", 1)));
    all.add(
        api(
            "GET",
            EXPORT_ROUTE,
            0.05,
            true,
            60_000,
            0,
            Call.slow("checkout", "GET /orders/export", 120)));
    // shipping, payment, notifications
    all.add(
        api(
            "GET",
            "/shipping/quote",
            1.5,
            false,
            1_000,
            0,
            Call.of(
                "shipping",
                "GET /quotes",
                1,
                Call.of("inventory", "GET /warehouses/nearest", 0.5))));
    all.add(
        api(
            "GET",
            "/shipping/tracking/{id}",
            0.8,
            true,
            2_000,
            0,
            Call.of("shipping", "GET /tracking/{id}", 1)));
    all.add(
        api("GET", "/payment/methods", 0.8, true, 1_500, 0, Call.of("payment", "GET /methods", 1)));
    all.add(
        api(
            "POST",
            "/payment/methods",
            0.1,
            true,
            500,
            700,
            Call.slow("payment", "POST /methods", 150)));
    all.add(
        api(
            "GET",
            "/notifications",
            1.2,
            true,
            3_000,
            0,
            Call.of("notifications", "GET /inbox", 1)));
    all.add(
        api(
            "PUT",
            "/notifications/preferences",
            0.1,
            true,
            300,
            400,
            Call.of("notifications", "PUT /preferences", 1)));
    // health endpoints of every service behind the gateway
    Map<String, Route> health = new LinkedHashMap<>();
    for (String service : services.keySet()) {
      if (!service.equals(GATEWAY)) {
        Route probe =
            route(
                "GET",
                "/" + service + "/health",
                RouteKind.HEALTH,
                0,
                false,
                20,
                0,
                new Call(service, "GET /health", 1, 0.3, List.of()));
        health.put(service, probe);
        all.add(probe);
      }
    }
    routes = List.copyOf(all);
    apiRoutes = routes.stream().filter(r -> r.kind() == RouteKind.API).toList();
    loginRoute = routes.stream().filter(r -> r.kind() == RouteKind.LOGIN).findFirst().orElseThrow();
    healthRoutes = Collections.unmodifiableMap(health);

    Set<String> edgeSet = new LinkedHashSet<>();
    edgeSet.add(edge(GATEWAY, "auth")); // token introspection
    for (Route route : routes) {
      collectEdges(GATEWAY, route.call(), edgeSet);
    }
    edges = Collections.unmodifiableSet(edgeSet);

    Set<String> used = new HashSet<>(List.of(OFFICE_NATS));
    List<User> population = new ArrayList<>();
    for (int i = 0; i < userCount; i++) {
      boolean shared = rng.nextDouble() < 0.15;
      String ip =
          shared
              ? OFFICE_NATS[rng.nextInt(OFFICE_NATS.length)]
              : freshIp(rng, RESIDENTIAL_PREFIXES, used);
      population.add(
          new User(
              String.format(Locale.ROOT, "user-%05d", i),
              String.format(Locale.ROOT, "cust-%05d", i),
              ip,
              BROWSER_AGENTS[rng.nextInt(BROWSER_AGENTS.length)],
              "tok-" + new Ids(rng.split()).spanId(),
              shared));
    }
    users = List.copyOf(population);
    List<String> anonymous = new ArrayList<>();
    for (int i = 0; i < Math.min(100_000, Math.max(200, userCount * 4)); i++) {
      anonymous.add(freshIp(rng, RESIDENTIAL_PREFIXES, used));
    }
    anonymousIps = List.copyOf(anonymous);
    uptimeCheckers = List.of("10.0.5.11", "10.0.5.12", "10.0.5.13");
    used.addAll(uptimeCheckers);
    knownIps = Set.copyOf(used);

    List<Sku> catalogue = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      double price = Random2.logNormal(rng, 25, 0.8);
      BigDecimal unit =
          BigDecimal.valueOf(Math.max(1, Math.round(price)))
              .subtract(new BigDecimal("0.01"))
              .setScale(2, RoundingMode.UNNECESSARY);
      catalogue.add(new Sku(String.format(Locale.ROOT, "SKU-%05d", i), unit));
    }
    skus = List.copyOf(catalogue);
  }

  /**
   * The standard estate for a seed.
   *
   * @param seed seed of the client population and the catalogue
   * @param users number of registered users, 1 to 100 000 (the residential ranges hold about 650
   *     000 addresses, shared with a pool of up to 100 000 anonymous visitors)
   */
  public static Estate create(long seed, int users) {
    if (users < 1 || users > 100_000) {
      throw new IllegalArgumentException("users must be 1 to 100000, was " + users);
    }
    return new Estate(new SplittableRandom(seed), users);
  }

  private void addService(String name, int replicas, double selfMs, double errorRate) {
    services.put(name, new Service(name, replicas, selfMs, errorRate));
  }

  private static Route api(
      String method, String template, double weight, boolean auth, int out, int in, Call call) {
    return route(method, template, RouteKind.API, weight, auth, out, in, call);
  }

  private static Route route(
      String method,
      String template,
      RouteKind kind,
      double weight,
      boolean auth,
      int out,
      int in,
      Call call) {
    return new Route(method, template, kind, weight, auth, out, in, call);
  }

  private static void collectEdges(String caller, Call call, Set<String> into) {
    into.add(edge(caller, call.service()));
    for (Call child : call.children()) {
      collectEdges(call.service(), child, into);
    }
  }

  /** The edge id {@code caller->callee} used as entity of EDGE windows. */
  public static String edge(String caller, String callee) {
    return caller + "->" + callee;
  }

  private static String freshIp(SplittableRandom rng, String[] prefixes, Set<String> used) {
    while (true) {
      String ip =
          prefixes[rng.nextInt(prefixes.length)]
              + "."
              + (1 + rng.nextInt(254))
              + "."
              + (1 + rng.nextInt(254));
      if (used.add(ip)) {
        return ip;
      }
    }
  }

  /**
   * {@code count} attacker addresses from hosting/botnet ranges, none of them a client of the
   * estate nor already in {@code taken} (which receives them).
   */
  List<String> hostileIps(SplittableRandom rng, int count, Set<String> taken) {
    taken.addAll(knownIps);
    List<String> ips = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ips.add(freshIp(rng, HOSTILE_PREFIXES, taken));
    }
    return ips;
  }

  /** A browser user agent. */
  String browserAgent(SplittableRandom rng) {
    return BROWSER_AGENTS[rng.nextInt(6)];
  }

  /** Services by name, gateway first. */
  public Map<String, Service> services() {
    return Collections.unmodifiableMap(services);
  }

  /** The service with this name. */
  public Optional<Service> service(String name) {
    return Optional.ofNullable(services.get(name));
  }

  /** Every route, API routes first, health routes last. */
  public List<Route> routes() {
    return routes;
  }

  /** API routes (the ones sessions draw from). */
  public List<Route> apiRoutes() {
    return apiRoutes;
  }

  /** {@code POST /auth/login}. */
  public Route loginRoute() {
    return loginRoute;
  }

  /** Health route of each service behind the gateway. */
  public Map<String, Route> healthRoutes() {
    return healthRoutes;
  }

  /** The route {@code METHOD template}, e.g. {@code GET /search}. */
  public Optional<Route> route(String name) {
    return routes.stream().filter(r -> r.name().equalsIgnoreCase(name.trim())).findFirst();
  }

  /** Every caller-to-callee edge normal traffic uses, as {@code caller->callee}. */
  public Set<String> edges() {
    return edges;
  }

  /** Registered users, index i has principal {@code user-<i>}. */
  public List<User> users() {
    return users;
  }

  /** The user with this principal. */
  public Optional<User> user(String principal) {
    return users.stream().filter(u -> u.principal().equals(principal)).findFirst();
  }

  /** Addresses anonymous visitors come from. */
  public List<String> anonymousIps() {
    return anonymousIps;
  }

  /** Addresses of the uptime checkers, all in {@value #INTERNAL_RANGE}. */
  public List<String> uptimeCheckers() {
    return uptimeCheckers;
  }

  /** CIDR ranges whose clients are benign infrastructure and must never be blocked. */
  public List<String> allowListedRanges() {
    return List.of(INTERNAL_RANGE);
  }

  /** The SKU catalogue (200 SKUs, EUR prices). */
  public List<Sku> skus() {
    return skus;
  }
}
