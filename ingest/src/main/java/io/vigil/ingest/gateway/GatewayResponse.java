package io.vigil.ingest.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP answer of the gateway, independent of the HTTP server: status, content type, body and
 * extra headers.
 *
 * @param status HTTP status
 * @param contentType media type of {@code body}
 * @param body response body
 * @param headers extra headers, e.g. {@code Retry-After}
 */
public record GatewayResponse(
    int status, String contentType, byte[] body, Map<String, String> headers) {

  /** JSON media type. */
  public static final String JSON = "application/json";

  /** Protobuf media type of OTLP/HTTP. */
  public static final String PROTOBUF = "application/x-protobuf";

  /** Validates and copies. */
  public GatewayResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** A JSON answer without extra headers. */
  public static GatewayResponse json(int status, String json) {
    return new GatewayResponse(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** The body as UTF-8 text (for JSON answers and tests). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
