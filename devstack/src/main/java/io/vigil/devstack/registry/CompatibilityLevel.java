package io.vigil.devstack.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Schema compatibility levels of Confluent Schema Registry. A level decides which earlier versions
 * of a subject a new schema is checked against (the latest only, or all of them when transitive)
 * and in which direction (new reads old = backward, old reads new = forward, both = full).
 */
public enum CompatibilityLevel {
  /** No check. */
  NONE(false, false, false),
  /** The new schema can read data written with the latest version (the default). */
  BACKWARD(true, false, false),
  /** The new schema can read data written with every earlier version. */
  BACKWARD_TRANSITIVE(true, false, true),
  /** The latest version can read data written with the new schema. */
  FORWARD(false, true, false),
  /** Every earlier version can read data written with the new schema. */
  FORWARD_TRANSITIVE(false, true, true),
  /** Backward and forward against the latest version. */
  FULL(true, true, false),
  /** Backward and forward against every earlier version. */
  FULL_TRANSITIVE(true, true, true);

  /** Level used when neither the subject nor the registry has one configured. */
  public static final CompatibilityLevel DEFAULT = BACKWARD;

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** True if the new schema must read data written with earlier ones. */
  public boolean backward() {
    return backward;
  }

  /** True if earlier schemas must read data written with the new one. */
  public boolean forward() {
    return forward;
  }

  /** True if the check covers every earlier version, not just the latest. */
  public boolean transitive() {
    return transitive;
  }

  /** Parses a level name case-insensitively, e.g. {@code "full_transitive"}. */
  public static Optional<CompatibilityLevel> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
