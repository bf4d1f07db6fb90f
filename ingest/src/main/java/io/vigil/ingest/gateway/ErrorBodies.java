package io.vigil.ingest.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders {@link GatewayException}s. {@code /v1/events} and everything else answer {@code {"error",
 * "reason", "path"?}}; OTLP answers in the request's encoding as its specification wants: a
 * protobuf {@code google.rpc.Status} for protobuf requests, and for JSON requests the Status fields
 * {@code code}/{@code message} next to Vigil's {@code error}/{@code reason}.
 */
final class ErrorBodies {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorBodies() {}

  static GatewayResponse json(GatewayException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.error());
    body.put("reason", e.reason());
    e.path().ifPresent(p -> body.put("path", p));
    return response(e, GatewayResponse.JSON, write(body));
  }

  static GatewayResponse otlpJson(GatewayException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", grpcCode(e.status()));
    body.put("message", e.reason());
    body.put("error", e.error());
    body.put("reason", e.reason());
    e.path().ifPresent(p -> body.put("path", p));
    return response(e, GatewayResponse.JSON, write(body));
  }

  static GatewayResponse otlpProtobuf(GatewayException e) {
    String message = e.path().map(p -> p + ": " + e.reason()).orElse(e.reason());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream coded = CodedOutputStream.newInstance(out);
    try {
      // google.rpc.Status: 1 code (int32), 2 message (string), 3 details (none).
      coded.writeInt32(1, grpcCode(e.status()));
      coded.writeString(2, message);
      coded.flush();
    } catch (IOException io) {
      throw new UncheckedIOException("Writing to memory cannot fail", io);
    }
    return response(e, GatewayResponse.PROTOBUF, out.toByteArray());
  }

  private static GatewayResponse response(GatewayException e, String type, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    e.retryAfterSeconds().ifPresent(s -> headers.put("Retry-After", Integer.toString(s)));
    if (e.status() == 401) {
      headers.put("WWW-Authenticate", "Bearer realm=\"vigil-ingest\"");
    }
    return new GatewayResponse(e.status(), type, body, headers);
  }

  static byte[] write(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Error bodies are maps of strings and numbers", e);
    }
  }

  /** The gRPC status code matching an HTTP status, as OTLP's Status carries it. */
  static int grpcCode(int httpStatus) {
    return switch (httpStatus) {
      case 400, 413, 415, 422 -> 3; // INVALID_ARGUMENT
      case 401 -> 16; // UNAUTHENTICATED
      case 403 -> 7; // PERMISSION_DENIED
      case 404 -> 5; // NOT_FOUND
      case 429 -> 8; // RESOURCE_EXHAUSTED
      case 503 -> 14; // UNAVAILABLE
      default -> 13; // INTERNAL
    };
  }
}
