package io.vigil.schemas.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP peer on 127.0.0.1 with scripted answers, recording every request, to pin the exact
 * requests the client sends and how it reads Confluent's responses.
 */
public final class FakeRegistryServer implements AutoCloseable {

  /** One received request. */
  public record Recorded(
      String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
    /** First value of a header (name case-insensitive), or {@code null}. */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();

  /** Starts on a free loopback port. */
  public FakeRegistryServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Queues an answer for {@code method pathAndQuery}; the last queued answer repeats. Unscripted
   * requests get 404 with Confluent's error body 40401.
   */
  public FakeRegistryServer answer(String method, String pathAndQuery, int status, String body) {
    answers
        .computeIfAbsent(method + " " + pathAndQuery, k -> new ArrayDeque<>())
        .add(new Answer(status, body));
    return this;
  }

  /** Requests received so far. */
  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String pathAndQuery = exchange.getRequestURI().getRawPath();
    if (exchange.getRequestURI().getRawQuery() != null) {
      pathAndQuery += "?" + exchange.getRequestURI().getRawQuery();
    }
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(
        new Recorded(
            exchange.getRequestMethod(),
            pathAndQuery,
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    Answer answer = next(exchange.getRequestMethod() + " " + pathAndQuery);
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Answer next(String key) {
    Deque<Answer> queue = answers.get(key);
    if (queue == null || queue.isEmpty()) {
      return new Answer(404, "{\"error_code\":40401,\"message\":\"Subject not found.\"}");
    }
    synchronized (queue) {
      return queue.size() > 1 ? queue.poll() : queue.peek();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
