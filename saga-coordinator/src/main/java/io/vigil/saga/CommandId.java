package io.vigil.saga;

import java.util.Objects;
import java.util.Optional;

/**
 * Identity of one command sent by a saga; its string form is the id carried on the wire.
 *
 * <p>Format (stable, parsed from the right so a saga id may itself contain {@code ':'}):
 *
 * <ul>
 *   <li>action: {@code <sagaId>:<step>:<attempt>}, e.g. {@code order-42:reserve-inventory:1}
 *   <li>compensation: {@code <sagaId>:<step>-compensate:<attempt>}, e.g. {@code
 *       order-42:reserve-inventory-compensate:2}
 * </ul>
 *
 * <p>{@code attempt} starts at 1 and grows by one per retry, so every command a saga emits has a
 * distinct id. Step names never contain {@code ':'} nor end in {@code -compensate} (enforced by
 * {@link SagaDefinition}), which keeps the format unambiguous.
 *
 * <p>Participants deduplicate effects on the {@link #idempotencyKey()}, which leaves out the
 * attempt: a retry of an action that was in fact applied (its reply was lost or late) must not
 * apply it twice. See {@code io.vigil.saga.participant.ParticipantHandlers}.
 *
 * @param sagaId the saga instance id, not blank
 * @param step the step name
 * @param kind action or compensation
 * @param attempt 1-based attempt number
 */
public record CommandId(String sagaId, String step, CommandKind kind, int attempt) {

  /** Suffix appended to the step name in the id of a compensation command. */
  public static final String COMPENSATE_SUFFIX = "-compensate";

  public CommandId {
    Objects.requireNonNull(sagaId, "sagaId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(kind, "kind");
    if (sagaId.isBlank()) {
      throw new IllegalArgumentException("saga id must not be blank");
    }
    if (!SagaDefinition.isValidName(step)) {
      throw new IllegalArgumentException("invalid step name: " + step);
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
  }

  /** Parses the wire form; throws {@link IllegalArgumentException} if it is malformed. */
  public static CommandId parse(String id) {
    return tryParse(id)
        .orElseThrow(() -> new IllegalArgumentException("malformed command id: " + id));
  }

  /** Parses the wire form, or returns empty if it is malformed. */
  public static Optional<CommandId> tryParse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    int attemptSep = id.lastIndexOf(':');
    int stepSep = attemptSep <= 0 ? -1 : id.lastIndexOf(':', attemptSep - 1);
    if (stepSep <= 0) {
      return Optional.empty();
    }
    String stepPart = id.substring(stepSep + 1, attemptSep);
    String attemptPart = id.substring(attemptSep + 1);
    if (attemptPart.isEmpty()
        || attemptPart.length() > 9
        || !attemptPart.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    CommandKind kind =
        stepPart.endsWith(COMPENSATE_SUFFIX) ? CommandKind.COMPENSATION : CommandKind.ACTION;
    String step =
        kind == CommandKind.COMPENSATION
            ? stepPart.substring(0, stepPart.length() - COMPENSATE_SUFFIX.length())
            : stepPart;
    int attempt = Integer.parseInt(attemptPart);
    String sagaId = id.substring(0, stepSep);
    if (sagaId.isBlank() || attempt < 1 || !SagaDefinition.isValidName(step)) {
      return Optional.empty();
    }
    return Optional.of(new CommandId(sagaId, step, kind, attempt));
  }

  /**
   * Key under which a participant records the effect of this command: the id without the attempt
   * ({@code <sagaId>:<step>} or {@code <sagaId>:<step>-compensate}).
   */
  public String idempotencyKey() {
    return sagaId + ':' + stepPart();
  }

  /** Idempotency key of the action of this command's step (equal to ours for an action). */
  public String actionKey() {
    return sagaId + ':' + step;
  }

  /** Returns the id of the next attempt of the same command. */
  public CommandId nextAttempt() {
    return new CommandId(sagaId, step, kind, attempt + 1);
  }

  private String stepPart() {
    return kind == CommandKind.COMPENSATION ? step + COMPENSATE_SUFFIX : step;
  }

  /** The wire form described in the class comment. */
  @Override
  public String toString() {
    return sagaId + ':' + stepPart() + ':' + attempt;
  }
}
