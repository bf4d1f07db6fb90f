package io.vigil.simulator;

import io.vigil.analytics.EntityType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Credential stuffing: a few sources replay a leaked list of usernames against {@code POST
 * /auth/login}, one username per attempt (drawn from 100 000 candidates, so most do not exist).
 * Attempts fail with 401 unless the username is a real user who reused the password (25 % of real
 * hits: 200). The login route logs the submitted username as principal, so each source shows a
 * burst of 401s over many principals. Normal: 3 sources x 5 attempts/s with a scripting client;
 * slow-and-low: 10 sources x 0.4 attempts/s with browser agents.
 *
 * <p>Labels: every attacking {@code CLIENT_IP} (SOURCE) and the {@code auth} {@code SERVICE}
 * (TARGET), whose 401 ratio rises.
 */
final class CredentialStuffing extends Attack {
  private static final int CANDIDATES = 100_000;

  private final Estate estate;
  private final List<String> ips;
  private final String[] agents;
  private final Sources sources;

  private CredentialStuffing(
      AttackWindow window, Attack.Context context, List<String> ips, double rate) {
    super(window, context.rng());
    this.estate = context.estate();
    this.ips = ips;
    this.agents = new String[ips.size()];
    for (int i = 0; i < agents.length; i++) {
      agents[i] =
          window.variant() == Variant.NORMAL ? "python-requests/2.31.0" : estate.browserAgent(rng);
    }
    this.sources = new Sources(ips.size(), rate);
    ips.forEach(ip -> label(EntityType.CLIENT_IP, ip, LabelRole.SOURCE));
    label(EntityType.SERVICE, estate.loginRoute().service(), LabelRole.TARGET);
  }

  static Attack of(AttackSpec spec, Instant start, Instant end, Attack.Context context) {
    Estate estate = context.estate();
    if (spec.target() != null
        && !spec.target().trim().equalsIgnoreCase(estate.loginRoute().name())) {
      throw new IllegalArgumentException(
          "credential stuffing always targets '" + estate.loginRoute().name() + "'; drop target");
    }
    boolean normal = spec.variant() == Variant.NORMAL;
    int count = orDefault(spec.sources(), normal ? 3 : 10);
    double rate = orDefault(spec.rate(), normal ? 5.0 : 0.4);
    List<String> ips = estate.hostileIps(context.rng(), count, context.takenIps());
    return new CredentialStuffing(
        window(spec, start, end, estate.loginRoute().name(), count), context, ips, rate);
  }

  @Override
  protected void emit(long from, long to, RequestFactory factory) {
    int users = estate.users().size();
    sources.arrivals(
        from,
        to,
        (source, at) -> {
          int candidate = rng.nextInt(CANDIDATES);
          boolean takeover = candidate < users && rng.nextDouble() < 0.25;
          factory.send(
              new RequestFactory.ClientRequest(
                  at,
                  ips.get(source),
                  String.format(Locale.ROOT, "user-%05d", candidate),
                  null,
                  agents[source],
                  estate.loginRoute(),
                  Estate.LOGIN_ROUTE,
                  takeover ? 200 : 401,
                  -1));
        });
  }
}
