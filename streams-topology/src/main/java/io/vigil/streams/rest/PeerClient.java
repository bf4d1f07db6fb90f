package io.vigil.streams.rest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * HTTP client for requests to other instances of the application (the owner of a key, or every
 * instance for a list). Requests carry {@value #HOP_HEADER} so the receiver answers from its own
 * state and never forwards again: a request makes at most one hop, even while the instances
 * disagree about who owns a key during a rebalance.
 */
public final class PeerClient {

  /** Header marking a request forwarded by a peer. */
  public static final String HOP_HEADER = "X-Vigil-Hop";

  private final HttpClient client;
  private final Duration timeout;

  /**
   * @param timeout how long a plain (non long-poll) peer request may take
   */
  public PeerClient(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  /**
   * An answer of a peer.
   *
   * @param status HTTP status
   * @param body the JSON body
   * @param retryAfter its {@code Retry-After}, or {@code null}
   */
  public record PeerResponse(int status, byte[] body, String retryAfter) {}

  /** GET {@code pathAndQuery} on {@code host} within the default timeout. */
  public CompletableFuture<PeerResponse> get(HostInfo host, String pathAndQuery) {
    return get(host, pathAndQuery, timeout);
  }

  /** GET {@code pathAndQuery} on {@code host} within {@code requestTimeout}. */
  public CompletableFuture<PeerResponse> get(
      HostInfo host, String pathAndQuery, Duration requestTimeout) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
            .timeout(requestTimeout)
            .header(HOP_HEADER, "1")
            .header("Accept", "application/json")
            .GET()
            .build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            r ->
                new PeerResponse(
                    r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null)));
  }

  /** Whether {@code error} (from a future of this client) means the peer could not be reached. */
  public static boolean isUnreachable(Throwable error) {
    Throwable cause = error;
    while (cause != null) {
      if (cause instanceof IOException) {
        return true;
      }
      cause = cause.getCause();
    }
    return false;
  }
}
