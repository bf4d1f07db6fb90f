package io.vigil.devstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** Raw HTTP against the registry: the tests check the wire protocol, not a client library. */
final class RegistryHttp {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  RegistryHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** One HTTP answer. */
  record Response(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (JsonProcessingException e) {
        throw new AssertionError("Response is not JSON: " + body, e);
      }
    }
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  Response delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  Response post(String path, String body) {
    return post(path, body, REGISTRY_JSON);
  }

  Response post(String path, String body, String contentType) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response put(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", REGISTRY_JSON)
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * Sends {@code requestLine} (e.g. {@code GET /x%zz HTTP/1.1}) over a plain socket, for requests
   * {@link HttpClient} refuses to send.
   */
  Response raw(String requestLine) {
    URI base = URI.create(baseUrl);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      String request =
          requestLine + "\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = text.substring(0, split);
      String contentType =
          head.lines()
              .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
              .map(l -> l.substring("content-type:".length()).trim())
              .findFirst()
              .orElse("");
      int status = Integer.parseInt(head.lines().findFirst().orElseThrow().split(" ")[1]);
      return new Response(status, contentType, text.substring(split + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code {"schema": "<schema>"}} with the schema JSON-escaped. */
  static String schemaBody(String schema) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("schema", schema);
    return body.toString();
  }

  /** {@code {"compatibility": "<level>"}}. */
  static String levelBody(String level) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("compatibility", level);
    return body.toString();
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
