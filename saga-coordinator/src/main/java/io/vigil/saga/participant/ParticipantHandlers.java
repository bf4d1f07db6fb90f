package io.vigil.saga.participant;

import io.vigil.saga.CommandId;
import io.vigil.saga.CommandKind;
import io.vigil.saga.Outcome;
import io.vigil.saga.SagaCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A participant's declarative handler table (command type → {@link CommandHandler}) and the
 * idempotency rules every saga participant must follow, implemented once here.
 *
 * <pre>{@code
 * ParticipantHandlers payment =
 *     ParticipantHandlers.builder("payment")
 *         .on(AuthorizePayment.class, gateway::authorize)
 *         .on(VoidPayment.class, gateway::voidAuthorization)
 *         .build();
 * Outcome outcome = payment.handle(commandId, command, processedCommandsStore);
 * // reply (commandId, outcome) to the saga, in the same transaction as the store writes
 * }</pre>
 *
 * <h2>Participant contract</h2>
 *
 * <ol>
 *   <li><b>Answer every command</b>, echoing its command id, with an explicit outcome.
 *   <li><b>Apply each step's action at most once.</b> The saga retries an action under a new id
 *       ({@code attempt + 1}) when a reply is late or lost, so the effect is keyed by the {@link
 *       CommandId#idempotencyKey() idempotency key}, which leaves out the attempt. A command whose
 *       key already has a final outcome (success or non-transient failure) is not applied again:
 *       the recorded outcome is answered. Transient failures are not recorded, so a retry really
 *       tries again — a transient failure must therefore have no effect.
 *   <li><b>Compensations are idempotent and accept "nothing to undo".</b> The saga compensates a
 *       step whose action timed out, since it may have been applied. If the action was never
 *       applied (no outcome recorded, or a failure), the compensation succeeds without calling its
 *       handler.
 *   <li><b>A compensation blocks its action for good.</b> If a compensation arrives before the
 *       action it undoes (the action is late or is retried later), a failure is recorded for the
 *       action first, so the late action is refused instead of applied after its undo.
 * </ol>
 *
 * Duplicated, late or reordered deliveries thus cause no double effect, and the saga ignores the
 * extra replies (see {@link io.vigil.saga.SagaEngine}).
 */
public final class ParticipantHandlers {

  /** Reason recorded for an action whose compensation arrived first. */
  public static final String COMPENSATED_BEFORE_APPLIED = "compensated before it was applied";

  private final String participant;
  private final Map<Class<? extends SagaCommand>, CommandHandler<SagaCommand>> handlers;

  private ParticipantHandlers(
      String participant, Map<Class<? extends SagaCommand>, CommandHandler<SagaCommand>> handlers) {
    this.participant = participant;
    this.handlers = Map.copyOf(handlers);
  }

  /** Starts the handler table of participant {@code participant}. */
  public static Builder builder(String participant) {
    return new Builder(participant);
  }

  /** The participant name. */
  public String participant() {
    return participant;
  }

  /** The command types this participant handles. */
  public Set<Class<? extends SagaCommand>> commandTypes() {
    return handlers.keySet();
  }

  /** Whether this participant has a handler for {@code command}'s type. */
  public boolean handles(SagaCommand command) {
    return handlers.containsKey(command.getClass());
  }

  /**
   * Handles one delivered command under the contract above.
   *
   * @param commandId the command id as received (the {@link CommandId} wire form)
   * @param command the decoded command
   * @param processed this participant's outcome records
   * @return the outcome to reply with; a command type without handler fails (non-transient)
   * @throws IllegalArgumentException if {@code commandId} is malformed (poison input)
   */
  public Outcome handle(String commandId, SagaCommand command, ProcessedCommands processed) {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(processed, "processed");
    CommandId id = CommandId.parse(commandId);
    CommandHandler<SagaCommand> handler = handlers.get(command.getClass());
    if (handler == null) {
      return Outcome.failure(
          "participant "
              + participant
              + " has no handler for "
              + command.getClass().getSimpleName());
    }
    Optional<Outcome> recorded = processed.find(id.idempotencyKey());
    if (recorded.isPresent()) {
      return recorded.get();
    }
    if (id.kind() == CommandKind.COMPENSATION && !actionApplied(id, processed)) {
      return record(processed, id.idempotencyKey(), Outcome.success());
    }
    return record(processed, id.idempotencyKey(), handler.handle(command));
  }

  /**
   * Whether the action undone by compensation {@code id} took effect; blocks it if it did not run.
   */
  private static boolean actionApplied(CommandId id, ProcessedCommands processed) {
    Optional<Outcome> action = processed.find(id.actionKey());
    if (action.isEmpty()) {
      processed.record(id.actionKey(), Outcome.failure(COMPENSATED_BEFORE_APPLIED));
      return false;
    }
    return action.get().isSuccess();
  }

  private static Outcome record(ProcessedCommands processed, String key, Outcome outcome) {
    Objects.requireNonNull(outcome, "a handler returned null instead of an outcome");
    boolean isFinal = !(outcome instanceof Outcome.Failure f && f.transientFailure());
    if (isFinal) {
      processed.record(key, outcome);
    }
    return outcome;
  }

  /** Builder of a {@link ParticipantHandlers} table. */
  public static final class Builder {
    private final String participant;
    private final Map<Class<? extends SagaCommand>, CommandHandler<SagaCommand>> handlers =
        new LinkedHashMap<>();

    private Builder(String participant) {
      this.participant = Objects.requireNonNull(participant, "participant");
    }

    /** Registers the handler of command type {@code type} (an exact, usually record, class). */
    public <C extends SagaCommand> Builder on(Class<C> type, CommandHandler<? super C> handler) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(handler, "handler");
      CommandHandler<SagaCommand> untyped = command -> handler.handle(type.cast(command));
      if (handlers.putIfAbsent(type, untyped) != null) {
        throw new IllegalArgumentException(
            "participant " + participant + " already has a handler for " + type.getSimpleName());
      }
      return this;
    }

    public ParticipantHandlers build() {
      return new ParticipantHandlers(participant, handlers);
    }
  }
}
