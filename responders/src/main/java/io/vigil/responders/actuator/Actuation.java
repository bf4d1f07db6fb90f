package io.vigil.responders.actuator;

import java.util.Objects;

/**
 * What an actuator did with one command that did not fail: applied it, or skipped it for a named
 * reason (a repeat, not enforced, not this actuator's business, dry-run). Failures are exceptions
 * ({@link ActuationException}).
 *
 * @param applied whether the command changed (or re-asserted) something
 * @param reason short snake_case reason, a metric tag: e.g. {@code scaled}, {@code duplicate}
 * @param detail human-readable detail for the log
 */
public record Actuation(boolean applied, String reason, String detail) {

  public Actuation {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** The command was applied. */
  public static Actuation applied(String reason, String detail) {
    return new Actuation(true, reason, detail);
  }

  /** The command was skipped on purpose. */
  public static Actuation skipped(String reason, String detail) {
    return new Actuation(false, reason, detail);
  }
}
