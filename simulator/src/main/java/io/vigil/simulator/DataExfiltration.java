package io.vigil.simulator;

import io.vigil.analytics.EntityType;
import java.time.Instant;
import java.util.List;

/**
 * Data exfiltration: one principal (a compromised or malicious account, with its usual token,
 * address and client) pulls large bulk exports from {@code GET /orders/export}, which normal users
 * call rarely and get ~60 KB from. Normal: 1 export/s of log-normal size around 4 MB; slow-and-low:
 * one export every 5 s around 1.5 MB. The principal's bytes out rise by orders of magnitude.
 *
 * <p>Labels: the {@code PRINCIPAL} and, unless it is an office NAT shared with other users, its
 * {@code CLIENT_IP} (both SOURCE).
 */
final class DataExfiltration extends Attack {
  private final Estate.User user;
  private final Estate.Route route;
  private final double medianBytes;
  private final Sources sources;

  private DataExfiltration(
      AttackWindow window, Attack.Context context, Estate.User user, double rate) {
    super(window, context.rng());
    this.user = user;
    this.route = context.estate().route("GET " + Estate.EXPORT_ROUTE).orElseThrow();
    this.medianBytes = window.variant() == Variant.NORMAL ? 4_000_000 : 1_500_000;
    this.sources = new Sources(1, rate);
    label(EntityType.PRINCIPAL, user.principal(), LabelRole.SOURCE);
    if (!user.sharedIp()) {
      label(EntityType.CLIENT_IP, user.ip(), LabelRole.SOURCE);
    }
  }

  static Attack of(AttackSpec spec, Instant start, Instant end, Attack.Context context) {
    Estate estate = context.estate();
    Estate.User user;
    if (spec.target() == null) {
      List<Estate.User> candidates = estate.users().stream().filter(u -> !u.sharedIp()).toList();
      user = candidates.get(context.rng().nextInt(candidates.size()));
    } else {
      user =
          estate
              .user(spec.target().trim())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "target '"
                              + spec.target()
                              + "' is not a registered principal (user-00000 .. user-"
                              + String.format(
                                  java.util.Locale.ROOT, "%05d", estate.users().size() - 1)
                              + ")"));
    }
    double rate = orDefault(spec.rate(), spec.variant() == Variant.NORMAL ? 1.0 : 0.2);
    return new DataExfiltration(window(spec, start, end, user.principal(), 1), context, user, rate);
  }

  @Override
  protected void emit(long from, long to, RequestFactory factory) {
    sources.arrivals(
        from,
        to,
        (source, at) ->
            factory.send(
                new RequestFactory.ClientRequest(
                    at,
                    user.ip(),
                    user.principal(),
                    user.rememberedToken(),
                    user.userAgent(),
                    route,
                    route.template(),
                    200,
                    Math.round(Random2.logNormal(rng, medianBytes, 0.35)))));
  }
}
