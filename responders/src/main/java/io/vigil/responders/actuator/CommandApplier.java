package io.vigil.responders.actuator;

/**
 * Applies one command of one topic to the outside world. Called once per command id (repeats are
 * skipped before), possibly again after a retriable failure.
 *
 * @param <V> command type
 */
@FunctionalInterface
public interface CommandApplier<V> {

  /**
   * Applies the command.
   *
   * @throws ActuationException if it could not be applied
   */
  Actuation apply(V command) throws ActuationException;
}
