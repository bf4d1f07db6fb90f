package io.vigil.saga;

/** What a {@link SagaTimer} is for. */
public enum TimerKind {
  /** The reply to a command is due; when it fires, the command counts as timed out. */
  REPLY_TIMEOUT("timeout"),
  /** A retry backoff ends; when it fires, the next attempt of the command is sent. */
  RETRY_BACKOFF("retry");

  private final String idSuffix;

  TimerKind(String idSuffix) {
    this.idSuffix = idSuffix;
  }

  /** The suffix of the ids of timers of this kind. */
  public String idSuffix() {
    return idSuffix;
  }
}
