package io.vigil.ingest.gateway;

/** The three OTLP/HTTP signals and the names their responses use for rejected items. */
public enum OtlpSignal {
  /** {@code POST /v1/traces}. */
  TRACES("/v1/traces", "spans"),
  /** {@code POST /v1/metrics}. */
  METRICS("/v1/metrics", "data points"),
  /** {@code POST /v1/logs}. */
  LOGS("/v1/logs", "log records");

  private final String path;
  private final String items;

  OtlpSignal(String path, String items) {
    this.path = path;
    this.items = items;
  }

  /** HTTP path of the signal. */
  public String path() {
    return path;
  }

  /** What the signal's items are called in messages. */
  public String items() {
    return items;
  }
}
