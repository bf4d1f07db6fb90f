package io.vigil.ingest.avro;

/**
 * A JSON value does not match the Avro schema: {@link #path()} names the failing value (e.g. {@code
 * $.payload.lines[1].quantity}) and {@link #reason()} says what was expected. Carries no stack
 * trace: it is an expected answer to bad input, raised and caught in bulk while matching union
 * branches.
 */
public final class JsonAvroException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String path;
  private final String reason;
  private final int depth;

  JsonAvroException(JsonPointer pointer, String reason) {
    super(pointer.render() + ": " + reason, null, false, false);
    this.path = pointer.render();
    this.reason = reason;
    this.depth = pointer.depth();
  }

  /** JSONPath-like location of the failing value, {@code $} being the whole document. */
  public String path() {
    return path;
  }

  /** What is wrong with the value. */
  public String reason() {
    return reason;
  }

  /** Nesting depth of {@link #path()}: how far matching got before failing. */
  int depth() {
    return depth;
  }
}
