package io.vigil.ingest.gateway;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Remembers requests sent with an {@code Idempotency-Key}: within the window, the same key with the
 * same body gets the first request's answer (waiting for it if it is still in flight) and is not
 * written again; the same key with another body is a conflict. Answers that invite a retry (429,
 * 5xx) are forgotten, so that the retry is processed. Bounded: at most {@code maxKeys} keys, the
 * oldest forgotten first. Per gateway instance (see ingest/README.md for deployments with several).
 */
final class IdempotencyCache {

  private final long windowMillis;
  private final int maxKeys;
  private final LongSupplier millisClock;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

  IdempotencyCache(long windowMillis, int maxKeys, LongSupplier millisClock) {
    this.windowMillis = windowMillis;
    this.maxKeys = maxKeys;
    this.millisClock = millisClock;
  }

  /** Whether keys are remembered at all (a zero window turns the feature off). */
  boolean enabled() {
    return windowMillis > 0;
  }

  /**
   * Claims a key for a request.
   *
   * @param scope who uses the key (API key id and endpoint): keys of different clients never clash
   * @param key the client's {@code Idempotency-Key}
   * @param bodyDigest digest of the request body
   */
  synchronized Claim claim(String scope, String key, String bodyDigest) {
    long now = millisClock.getAsLong();
    evictExpired(now);
    String id = scope + '\n' + key;
    Entry existing = entries.get(id);
    if (existing != null) {
      return existing.bodyDigest.equals(bodyDigest)
          ? new Claim.Replay(existing.answer)
          : new Claim.Conflict();
    }
    Entry entry = new Entry(bodyDigest, now, new CompletableFuture<>());
    entries.put(id, entry);
    if (entries.size() > maxKeys) {
      Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return new Claim.Owner(id, entry);
  }

  /** Records the answer of the request that owns the claim and releases waiting duplicates. */
  void complete(Claim.Owner owner, GatewayResponse response) {
    if (response.status() == 429 || response.status() >= 500) {
      synchronized (this) {
        entries.remove(owner.id(), owner.entry());
      }
    }
    owner.entry().answer.complete(response);
  }

  /** Number of keys remembered. */
  synchronized int size() {
    return entries.size();
  }

  private void evictExpired(long now) {
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (now - e.createdMillis < windowMillis) {
        break; // insertion order: the rest is younger
      }
      it.remove();
    }
  }

  /** A remembered request. */
  static final class Entry {
    final String bodyDigest;
    final long createdMillis;
    final CompletableFuture<GatewayResponse> answer;

    Entry(String bodyDigest, long createdMillis, CompletableFuture<GatewayResponse> answer) {
      this.bodyDigest = bodyDigest;
      this.createdMillis = createdMillis;
      this.answer = answer;
    }
  }

  /** The outcome of {@link #claim}. */
  sealed interface Claim {
    /** First use of the key: process the request and {@link #complete} the claim. */
    record Owner(String id, Entry entry) implements Claim {}

    /** Same key and body as an earlier request: answer with its response. */
    record Replay(CompletableFuture<GatewayResponse> answer) implements Claim {}

    /** Same key, different body: refuse. */
    record Conflict() implements Claim {}
  }
}
