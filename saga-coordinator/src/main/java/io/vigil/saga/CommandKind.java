package io.vigil.saga;

/** Whether a command performs a step's action or undoes it. */
public enum CommandKind {
  /** The step's forward action. */
  ACTION,
  /** The step's compensation, undoing a (possibly) applied action. */
  COMPENSATION
}
