package io.vigil.ingest.gateway;

import java.io.InputStream;
import java.util.Objects;
import java.util.function.Function;

/**
 * An HTTP request as the gateway sees it, independent of the HTTP server: a header lookup
 * (case-insensitive, {@code null} when absent) and the raw body stream, read at most once and only
 * up to the body limit.
 *
 * @param headers header lookup by name
 * @param body raw (possibly compressed) body
 */
public record GatewayRequest(Function<String, String> headers, InputStream body) {

  /** Validates the components. */
  public GatewayRequest {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /** The header's value, or {@code null}. */
  public String header(String name) {
    return headers.apply(name);
  }
}
