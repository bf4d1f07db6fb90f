package io.vigil.features.eval;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.ThreatClass;
import java.util.List;
import java.util.Locale;

/**
 * The static-threshold rule baseline the models are compared with: fixed limits per feature, the
 * kind an operator writes by hand (rate limits, failed-login limits, download quotas), chosen from
 * the meaning of each feature and <em>not</em> fitted to any simulator run. The first rule that
 * matches a window raises an alert with its class; no rule matching means no alert.
 *
 * <p>Rates are per second, so the rules do not depend on the window length.
 *
 * <table>
 *   <caption>Rules, in evaluation order</caption>
 *   <tr><th>class</th><th>entity types</th><th>condition</th></tr>
 *   <tr><td>lateral_movement</td><td>edge</td><td>new-edge flag = 1</td></tr>
 *   <tr><td>exfiltration</td><td>principal, client ip</td><td>bytes out ≥ 1 MB/s</td></tr>
 *   <tr><td>credential_stuffing</td><td>client ip</td>
 *       <td>401/403 ratio ≥ 0.5 and ≥ 0.5 requests/s</td></tr>
 *   <tr><td>scraping</td><td>client ip</td><td>distinct routes ≥ 1 per second (10 in 10 s)</td></tr>
 *   <tr><td>ddos</td><td>client ip</td><td>request rate ≥ 2 requests/s</td></tr>
 * </table>
 */
public final class RuleBaseline {

  /** One rule: a class, the entity types it applies to, and its condition as text. */
  public record Rule(ThreatClass threatClass, List<EntityType> entityTypes, String condition) {}

  /** Bytes out per second above which a principal or client is exfiltrating. */
  public static final double BYTES_OUT_PER_SECOND = 1_000_000;

  /** 401/403 share above which a client is guessing credentials. */
  public static final double AUTH_FAILURE_RATIO = 0.5;

  /** Minimum request rate for the failed-login rule (a typo is not an attack). */
  public static final double AUTH_FAILURE_MIN_RATE = 0.5;

  /** Distinct routes per second above which a client is sweeping the API. */
  public static final double DISTINCT_ROUTES_PER_SECOND = 1.0;

  /** Requests per second above which a single client is flooding. */
  public static final double REQUEST_RATE = 2.0;

  /** The rules, in evaluation order. */
  public static final List<Rule> RULES =
      List.of(
          new Rule(ThreatClass.LATERAL_MOVEMENT, List.of(EntityType.EDGE), "new_edge = 1"),
          new Rule(
              ThreatClass.EXFILTRATION,
              List.of(EntityType.PRINCIPAL, EntityType.CLIENT_IP),
              String.format(
                  Locale.ROOT, "bytes_out_sum / window ≥ %.0f B/s", BYTES_OUT_PER_SECOND)),
          new Rule(
              ThreatClass.CREDENTIAL_STUFFING,
              List.of(EntityType.CLIENT_IP),
              String.format(
                  Locale.ROOT,
                  "auth_failure_ratio ≥ %.2f and request_rate ≥ %.1f/s",
                  AUTH_FAILURE_RATIO,
                  AUTH_FAILURE_MIN_RATE)),
          new Rule(
              ThreatClass.SCRAPING,
              List.of(EntityType.CLIENT_IP),
              String.format(
                  Locale.ROOT, "distinct_routes / window ≥ %.1f/s", DISTINCT_ROUTES_PER_SECOND)),
          new Rule(
              ThreatClass.DDOS,
              List.of(EntityType.CLIENT_IP),
              String.format(Locale.ROOT, "request_rate ≥ %.1f/s", REQUEST_RATE)));

  private RuleBaseline() {}

  /** The class of the first matching rule, or {@link ThreatClass#NONE} (no alert). */
  public static ThreatClass classify(FeatureVector v) {
    double seconds = (v.windowEndMillis() - v.windowStartMillis()) / 1000.0;
    EntityType type = v.entityType();
    if (type == EntityType.EDGE && v.get(Feature.NEW_EDGE) >= 1.0) {
      return ThreatClass.LATERAL_MOVEMENT;
    }
    if ((type == EntityType.PRINCIPAL || type == EntityType.CLIENT_IP)
        && v.get(Feature.BYTES_OUT_SUM) / seconds >= BYTES_OUT_PER_SECOND) {
      return ThreatClass.EXFILTRATION;
    }
    if (type != EntityType.CLIENT_IP) {
      return ThreatClass.NONE;
    }
    double rate = v.get(Feature.REQUEST_RATE);
    if (v.get(Feature.AUTH_FAILURE_RATIO) >= AUTH_FAILURE_RATIO && rate >= AUTH_FAILURE_MIN_RATE) {
      return ThreatClass.CREDENTIAL_STUFFING;
    }
    if (v.get(Feature.DISTINCT_ROUTES) / seconds >= DISTINCT_ROUTES_PER_SECOND) {
      return ThreatClass.SCRAPING;
    }
    if (rate >= REQUEST_RATE) {
      return ThreatClass.DDOS;
    }
    return ThreatClass.NONE;
  }
}
