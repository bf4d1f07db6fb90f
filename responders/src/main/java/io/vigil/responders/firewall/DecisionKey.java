package io.vigil.responders.firewall;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * Identity of a decision target: at most one decision is active per (scope, target). Also the
 * natural key of the compacted decisions topic.
 *
 * @param scope kind of target
 * @param target canonical target string for the scope
 */
public record DecisionKey(Scope scope, String target) implements Serializable {

  /** Orders keys by scope, then target, for deterministic output. */
  public static final Comparator<DecisionKey> ORDER =
      Comparator.comparing(DecisionKey::scope).thenComparing(DecisionKey::target);

  public DecisionKey {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(target, "target");
  }

  /** {@code scope:target}, e.g. {@code ip:203.0.113.7}. */
  @Override
  public String toString() {
    return scope.name().toLowerCase(Locale.ROOT) + ":" + target;
  }
}
