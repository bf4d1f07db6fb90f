package io.vigil.saga;

import java.util.Objects;

/**
 * Why an input was ignored.
 *
 * @param reason the category
 * @param detail human-readable detail naming the ids involved
 */
public record Ignored(IgnoreReason reason, String detail) {
  public Ignored {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
