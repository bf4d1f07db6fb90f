package io.vigil.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Benign traffic: user sessions, uptime probes and load surges.
 *
 * <p><b>Sessions.</b> Sessions start as a Poisson process whose rate follows {@link
 * TrafficProfile#meanRate} divided by the mean session length, times a slow AR(1) log-normal noise
 * (five-minute memory) and occasional benign bursts (a half-sine bump of 2-8 minutes, peak
 * 1.5-2.5x). 60 % of sessions belong to a registered user (popularity-skewed, so some users are
 * much more active), 40 % to an anonymous visitor. Half of the users' sessions reuse a remembered
 * token; the others start with {@code POST /auth/login}, which fails (401, a typo) 6 % of the time
 * and is retried after 3-12 s, at most three times. A session then makes 1 + geometric(mean 7)
 * requests separated by 0.3 s + exponential(mean 4 s) think time, each on a route drawn by weight
 * (anonymous visitors rarely touch protected routes, and get 401 when they do). The session
 * population is warmed up over the two virtual minutes before the start, so a run begins in a
 * steady state rather than with an empty estate.
 *
 * <p><b>Uptime probes.</b> Each checker in {@value Estate#INTERNAL_RANGE} probes every service's
 * health route through the gateway once per probe interval, at a fixed phase: the highest per-IP
 * request rate of any benign client, and allow-listed.
 *
 * <p><b>Load surges.</b> During a surge the surged service's routes get an extra Poisson stream of
 * {@code (factor - 1)} times their current normal rate, from ordinary users and visitors.
 */
final class NormalTraffic {
  private static final double MEAN_SESSION_REQUESTS = 8.0;
  private static final double USER_SHARE = 0.6;

  private static final class Session {
    final long id;
    final Estate.User user;
    final String ip;
    final String userAgent;
    String token;
    int remaining;
    int loginAttempts;
    long next;

    Session(long id, Estate.User user, String ip, String userAgent, int remaining, long next) {
      this.id = id;
      this.user = user;
      this.ip = ip;
      this.userAgent = userAgent;
      this.remaining = remaining;
      this.next = next;
    }
  }

  private record Burst(long start, long end, double peak) {}

  private record ActiveSurge(
      SurgeWindow window,
      long start,
      long end,
      double[] cumulative,
      List<Estate.Route> routes,
      double share) {}

  private final Estate estate;
  private final TrafficProfile profile;
  private final RequestFactory factory;
  private final SplittableRandom rng;
  private final Ids ids;
  private final PriorityQueue<Session> sessions =
      new PriorityQueue<>(
          Comparator.comparingLong((Session s) -> s.next).thenComparingLong(s -> s.id));
  private final List<Estate.Route> userRoutes;
  private final double[] userCumulative;
  private final double[] anonymousCumulative;
  private final List<Burst> bursts = new ArrayList<>();
  private final List<ActiveSurge> surges = new ArrayList<>();
  private final long probePeriod;
  private long sessionIds;
  private double noiseState;
  private double currentRate;

  NormalTraffic(
      Estate estate,
      TrafficProfile profile,
      RequestFactory factory,
      SplittableRandom rng,
      Ids ids,
      long startMicros,
      long endMicros,
      List<SurgeWindow> surgeWindows) {
    this.estate = estate;
    this.profile = profile;
    this.factory = factory;
    this.rng = rng;
    this.ids = ids;
    this.userRoutes = estate.apiRoutes();
    this.userCumulative = cumulative(userRoutes, 1.0);
    this.anonymousCumulative = cumulative(userRoutes, 0.02);
    this.probePeriod = Math.max(1, profile.probeInterval().toNanos() / 1_000);
    this.noiseState = profile.noise() * Random2.gaussian(rng);

    double days = (endMicros - startMicros) / (double) (profile.dayLength().toNanos() / 1_000);
    int burstCount = Random2.poisson(rng, profile.burstsPerDay() * days);
    for (int i = 0; i < burstCount; i++) {
      long start = startMicros + (long) (rng.nextDouble() * (endMicros - startMicros));
      long length = Time.seconds(Random2.uniform(rng, 120, 480));
      bursts.add(new Burst(start, start + length, Random2.uniform(rng, 1.5, 2.5)));
    }
    for (SurgeWindow window : surgeWindows) {
      List<Estate.Route> routes =
          userRoutes.stream().filter(r -> r.service().equals(window.service())).toList();
      surges.add(
          new ActiveSurge(
              window,
              Time.micros(window.start()),
              Time.micros(window.end()),
              cumulative(routes, 1.0),
              routes,
              directShare(estate, window.service())));
    }
  }

  /**
   * Share of user requests whose route is served by {@code service} (by route weight).
   *
   * @return 0 when the service serves no API route
   */
  static double directShare(Estate estate, String service) {
    double total = 0;
    double mine = 0;
    for (Estate.Route route : estate.apiRoutes()) {
      total += route.weight();
      if (route.service().equals(service)) {
        mine += route.weight();
      }
    }
    return total == 0 ? 0 : mine / total;
  }

  /**
   * Expected number of times each service serves a request per user request at the gateway, from
   * route weights and call probabilities (logins and token introspection included roughly).
   */
  static Map<String, Double> callsPerRequest(Estate estate) {
    Map<String, Double> calls = new java.util.LinkedHashMap<>();
    estate.services().keySet().forEach(s -> calls.put(s, 0.0));
    calls.put(Estate.GATEWAY, 1.0);
    double total = estate.apiRoutes().stream().mapToDouble(Estate.Route::weight).sum();
    for (Estate.Route route : estate.apiRoutes()) {
      double share = route.weight() / total;
      addCalls(route.call(), share, calls);
      if (route.requiresAuth()) {
        calls.merge("auth", share * 0.3 * USER_SHARE, Double::sum);
      }
    }
    addCalls(estate.loginRoute().call(), USER_SHARE * 0.5 / MEAN_SESSION_REQUESTS, calls);
    return calls;
  }

  private static void addCalls(Estate.Call call, double weight, Map<String, Double> calls) {
    calls.merge(call.service(), weight, Double::sum);
    for (Estate.Call child : call.children()) {
      addCalls(child, weight * child.probability(), calls);
    }
  }

  /** Realised user request rate at the start of the last tick, requests per second. */
  double currentRate() {
    return currentRate;
  }

  /**
   * Runs the session population over {@code [from, to)} without emitting anything, so that a run
   * starts with sessions in progress instead of an empty estate ramping up.
   */
  void warmUp(long from, long to) {
    for (long t = from; t < to; t += Time.MICROS_PER_SECOND) {
      advance(t, Math.min(to, t + Time.MICROS_PER_SECOND), false);
    }
  }

  /** Generates the benign traffic of {@code [t0, t1)}. */
  void generate(long t0, long t1) {
    advance(t0, t1, true);
    probes(t0, t1);
    for (ActiveSurge surge : surges) {
      surge(surge, t0, t1);
    }
  }

  private void advance(long t0, long t1, boolean emit) {
    double seconds = (t1 - t0) / (double) Time.MICROS_PER_SECOND;
    double phi = Math.exp(-seconds / 300.0);
    noiseState =
        phi * noiseState + Math.sqrt(1 - phi * phi) * profile.noise() * Random2.gaussian(rng);
    double noise = Math.exp(noiseState - profile.noise() * profile.noise() / 2);
    currentRate = profile.meanRate(Time.millisOf(t0)) * noise * burstFactor(t0);

    int newSessions = Random2.poisson(rng, currentRate * seconds / MEAN_SESSION_REQUESTS);
    for (int i = 0; i < newSessions; i++) {
      startSession(t0 + (long) (rng.nextDouble() * (t1 - t0)));
    }
    while (!sessions.isEmpty() && sessions.peek().next < t1) {
      Session session = sessions.poll();
      if (step(session, emit)) {
        sessions.add(session);
      }
    }
  }

  private double burstFactor(long t) {
    double factor = 1.0;
    for (Burst burst : bursts) {
      if (t >= burst.start() && t < burst.end()) {
        double phase = (t - burst.start()) / (double) (burst.end() - burst.start());
        factor *= 1 + (burst.peak() - 1) * Math.sin(Math.PI * phase);
      }
    }
    return factor;
  }

  private void startSession(long at) {
    int remaining = 1 + geometric(MEAN_SESSION_REQUESTS - 1);
    Session session;
    if (rng.nextDouble() < USER_SHARE) {
      List<Estate.User> users = estate.users();
      Estate.User user = users.get(Random2.skewed(rng, users.size(), 1.6));
      session = new Session(sessionIds++, user, user.ip(), user.userAgent(), remaining, at);
      if (rng.nextDouble() < 0.5) {
        session.token = user.rememberedToken();
      }
    } else {
      List<String> ips = estate.anonymousIps();
      session =
          new Session(
              sessionIds++,
              null,
              ips.get(rng.nextInt(ips.size())),
              estate.browserAgent(rng),
              remaining,
              at);
    }
    sessions.add(session);
  }

  /**
   * Makes the session's next request (only advances it when {@code emit} is false); returns whether
   * the session goes on.
   */
  private boolean step(Session s, boolean emit) {
    if (s.user != null && s.token == null) {
      boolean typo = rng.nextDouble() < 0.06;
      if (emit) {
        factory.send(
            new RequestFactory.ClientRequest(
                s.next,
                s.ip,
                s.user.principal(),
                null,
                s.userAgent,
                estate.loginRoute(),
                Estate.LOGIN_ROUTE,
                typo ? 401 : 200,
                -1));
      }
      if (typo) {
        s.loginAttempts++;
        s.next += Time.seconds(Random2.uniform(rng, 3, 12));
        return s.loginAttempts < 3;
      }
      s.token = ids.prefixed("tok-");
      s.next += thinkTime();
      return true;
    }
    Estate.Route route =
        userRoutes.get(
            Random2.weighted(rng, s.user != null ? userCumulative : anonymousCumulative));
    if (emit) {
      factory.send(
          new RequestFactory.ClientRequest(
              s.next,
              s.ip,
              s.user == null ? null : s.user.principal(),
              s.token,
              s.userAgent,
              route,
              route.path(pathId(route)),
              0,
              -1));
    }
    s.remaining--;
    s.next += thinkTime();
    return s.remaining > 0;
  }

  private void probes(long t0, long t1) {
    List<String> checkers = estate.uptimeCheckers();
    int j = 0;
    for (Estate.Route health : estate.healthRoutes().values()) {
      for (int i = 0; i < checkers.size(); i++) {
        long phase = (long) (((i * 37 + j * 11) % 100) / 100.0 * probePeriod);
        long first = t0 - Math.floorMod(t0 - phase, probePeriod);
        if (first < t0) {
          first += probePeriod;
        }
        for (long at = first; at < t1; at += probePeriod) {
          factory.send(
              new RequestFactory.ClientRequest(
                  at,
                  checkers.get(i),
                  null,
                  null,
                  Estate.PROBE_AGENT,
                  health,
                  health.template(),
                  0,
                  -1));
        }
      }
      j++;
    }
  }

  private void surge(ActiveSurge surge, long t0, long t1) {
    long from = Math.max(t0, surge.start());
    long to = Math.min(t1, surge.end());
    if (from >= to || surge.routes().isEmpty()) {
      return;
    }
    double seconds = (to - from) / (double) Time.MICROS_PER_SECOND;
    double rate = (surge.window().factor() - 1) * currentRate * surge.share();
    int count = Random2.poisson(rng, rate * seconds);
    for (int i = 0; i < count; i++) {
      long at = from + (long) (rng.nextDouble() * (to - from));
      Estate.Route route = surge.routes().get(Random2.weighted(rng, surge.cumulative()));
      if (route.requiresAuth() || rng.nextDouble() < USER_SHARE) {
        Estate.User user = estate.users().get(rng.nextInt(estate.users().size()));
        factory.send(
            new RequestFactory.ClientRequest(
                at,
                user.ip(),
                user.principal(),
                user.rememberedToken(),
                user.userAgent(),
                route,
                route.path(pathId(route)),
                0,
                -1));
      } else {
        List<String> ips = estate.anonymousIps();
        factory.send(
            new RequestFactory.ClientRequest(
                at,
                ips.get(rng.nextInt(ips.size())),
                null,
                null,
                estate.browserAgent(rng),
                route,
                route.path(pathId(route)),
                0,
                -1));
      }
    }
  }

  private long pathId(Estate.Route route) {
    if (!route.hasId()) {
      return 0;
    }
    String template = route.template();
    if (template.startsWith("/catalog") || template.startsWith("/recommendations")) {
      return 1 + Random2.skewed(rng, Estate.PRODUCT_IDS, 2.5);
    }
    return 1 + rng.nextInt(999_999);
  }

  private long thinkTime() {
    return Time.seconds(0.3 + Random2.exponential(rng, 4.0));
  }

  private int geometric(double mean) {
    double p = 1.0 / (1.0 + mean);
    return (int) Math.floor(Math.log(1.0 - rng.nextDouble()) / Math.log(1.0 - p));
  }

  private static double[] cumulative(List<Estate.Route> routes, double protectedFactor) {
    double[] cumulative = new double[Math.max(1, routes.size())];
    double sum = 0;
    for (int i = 0; i < routes.size(); i++) {
      Estate.Route route = routes.get(i);
      sum += route.weight() * (route.requiresAuth() ? protectedFactor : 1.0);
      cumulative[i] = sum;
    }
    return cumulative;
  }
}
