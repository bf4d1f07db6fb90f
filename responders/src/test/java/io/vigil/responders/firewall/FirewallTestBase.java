package io.vigil.responders.firewall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** Named instants, anomaly factories and policy builders shared by the firewall tests. */
abstract class FirewallTestBase {

  static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  static final String ATTACKER = "203.0.113.7";
  static final String OTHER_ATTACKER = "198.51.100.23";

  private final AtomicInteger anomalySequence = new AtomicInteger();

  static Instant at(Duration offset) {
    return T0.plus(offset);
  }

  static Instant seconds(long s) {
    return T0.plusSeconds(s);
  }

  static Instant minutes(long m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  /** A policy from {@code key=value} lines (keys may omit the {@code vigil.firewall.} prefix). */
  static FirewallPolicy policy(String... settings) {
    return new FirewallPolicy(config(settings));
  }

  static FirewallConfig config(String... settings) {
    return FirewallConfig.fromProperties(properties(settings));
  }

  static Properties properties(String... settings) {
    Properties p = new Properties();
    for (String s : settings) {
      int eq = s.indexOf('=');
      String key = s.substring(0, eq).trim();
      if (!key.startsWith("vigil.")) {
        key = FirewallConfig.PREFIX + key;
      }
      p.setProperty(key, s.substring(eq + 1).trim());
    }
    return p;
  }

  /** A fresh anomaly id. */
  String nextId() {
    return "anomaly-" + anomalySequence.incrementAndGet();
  }

  /** A DDoS anomaly from an IP, high score and confidence, window ending at {@code when}. */
  AnomalySignal ddos(String ip, Instant when) {
    return anomaly(EntityType.CLIENT_IP, ip, ThreatClass.DDOS, 95, 0.95, when);
  }

  AnomalySignal scraping(String ip, Instant when) {
    return anomaly(EntityType.CLIENT_IP, ip, ThreatClass.SCRAPING, 90, 0.9, when);
  }

  AnomalySignal anomaly(
      EntityType type,
      String entity,
      ThreatClass threatClass,
      double score,
      double confidence,
      Instant windowEnd) {
    return new AnomalySignal(nextId(), type, entity, score, threatClass, confidence, windowEnd);
  }

  /** Runs a script of steps, collecting everything published. */
  static final class Run {
    final FirewallPolicy policy;
    FirewallState state;
    final List<FirewallDecision> published = new ArrayList<>();
    final List<FirewallAudit> audits = new ArrayList<>();
    FirewallResult last;

    Run(FirewallPolicy policy) {
      this(policy, FirewallState.empty());
    }

    Run(FirewallPolicy policy, FirewallState state) {
      this.policy = policy;
      this.state = state;
    }

    FirewallResult apply(AnomalySignal a, Instant now) {
      return record(policy.apply(state, a, now));
    }

    FirewallResult tick(Instant now) {
      return record(policy.tick(state, now));
    }

    FirewallResult record(FirewallResult r) {
      state = r.state();
      published.addAll(r.decisions());
      audits.addAll(r.audits());
      last = r;
      return r;
    }

    FirewallDecision only() {
      if (last.decisions().size() != 1) {
        throw new AssertionError("expected one decision, got " + last.decisions());
      }
      return last.decisions().get(0);
    }

    FirewallAudit audit() {
      return last.audits().get(last.audits().size() - 1);
    }
  }
}
