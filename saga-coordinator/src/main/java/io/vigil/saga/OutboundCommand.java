package io.vigil.saga;

import java.util.Objects;

/**
 * A command the caller must deliver to {@link #participant()}, tagged with its id. The participant
 * must echo {@link #commandId()} in its reply.
 *
 * @param id the command id
 * @param participant the destination participant (see {@link SagaStep#participant()})
 * @param payload the command itself
 */
public record OutboundCommand(CommandId id, String participant, SagaCommand payload) {

  public OutboundCommand {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(participant, "participant");
    Objects.requireNonNull(payload, "payload");
  }

  /** The wire form of the command id. */
  public String commandId() {
    return id.toString();
  }
}
