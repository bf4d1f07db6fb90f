package io.vigil.streams.rest;

import io.vigil.orders.OrderState;
import io.vigil.saga.SagaState;
import io.vigil.saga.SagaStatus;
import io.vigil.saga.codec.SagaStateCodec;
import io.vigil.saga.order.OrderData;
import io.vigil.saga.order.OrderSaga;
import io.vigil.streams.StoreNames;
import io.vigil.streams.inventory.SkuReservation;
import io.vigil.streams.inventory.Stock;
import io.vigil.streams.json.Json;
import io.vigil.streams.orchestrator.OrderView;
import io.vigil.streams.rest.PeerClient.PeerResponse;
import io.vigil.streams.rest.Views.OrderResponse;
import io.vigil.streams.rest.Views.SagaPage;
import io.vigil.streams.rest.Views.SagaSummary;
import io.vigil.streams.rest.Views.SagaView;
import io.vigil.streams.rest.Views.StockView;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries over the application's stores, for the REST API.
 *
 * <p>Routing rules:
 *
 * <ul>
 *   <li>A key is answered by the instance that owns its partition ({@code queryMetadataForKey}); a
 *       request that reaches another instance is forwarded once to the owner (marked with {@link
 *       PeerClient#HOP_HEADER}) and its answer relayed as is.
 *   <li>When the owner is unknown (rebalancing), unreachable, or its store is not queryable, the
 *       instance answers from a local standby replica if it has one, marked {@code "stale": true};
 *       otherwise 503 with {@code Retry-After}.
 *   <li>A forwarded request is never forwarded again, so two instances that disagree about the
 *       owner during a rebalance cannot bounce it between them.
 *   <li>Lists are read from every instance's active partitions and merged in saga-id order.
 * </ul>
 */
public final class Queries {

  /** Upper bound of the ledger entries shown with a SKU's stock. */
  public static final int MAX_RESERVATIONS_SHOWN = 100;

  /** How often a long-poll re-reads the order. */
  static final Duration LONG_POLL_TICK = Duration.ofMillis(50);

  /** Extra time given to a forwarded long-poll over its own timeout. */
  static final Duration LONG_POLL_SLACK = Duration.ofSeconds(5);

  private static final Serializer<String> KEYS = Serdes.String().serializer();

  private final Supplier<KafkaStreams> streams;
  private final String sagaTopic;
  private final HostInfo self;
  private final PeerClient peers;
  private final ScheduledExecutorService scheduler;
  private final SagaStateCodec<OrderData> codec = OrderSaga.stateCodec();

  /**
   * @param streams the running instance, or {@code null} while it is being created
   * @param sagaTopic an input topic of the saga store's sub-topology ({@code orders.events}): its
   *     partitions assigned here are the saga store partitions active here
   * @param self this instance's {@code application.server}
   * @param peers client for the other instances
   * @param scheduler runs long-poll re-reads
   */
  public Queries(
      Supplier<KafkaStreams> streams,
      String sagaTopic,
      HostInfo self,
      PeerClient peers,
      ScheduledExecutorService scheduler) {
    this.streams = Objects.requireNonNull(streams, "streams");
    this.sagaTopic = Objects.requireNonNull(sagaTopic, "sagaTopic");
    this.self = Objects.requireNonNull(self, "self");
    this.peers = Objects.requireNonNull(peers, "peers");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /**
   * An answer: a JSON object to write, or a peer's JSON bytes to relay.
   *
   * @param status HTTP status
   * @param json the body to serialize, or {@code null}
   * @param raw the body to relay, or {@code null}
   * @param retryAfter the {@code Retry-After} to relay, or {@code null}
   */
  public record Answer(int status, Object json, byte[] raw, String retryAfter) {
    static Answer ok(Object json) {
      return new Answer(200, json, null, null);
    }

    static Answer relay(PeerResponse response) {
      return new Answer(response.status(), null, response.body(), response.retryAfter());
    }
  }

  /** What a local read found: the value (if the key exists) and whether it came from a standby. */
  private record Local<T>(Optional<T> value, boolean stale) {}

  /** Reads a key from store handles of one partition. */
  @FunctionalInterface
  private interface LocalRead<T> {
    Optional<T> read(StoreAccess stores);
  }

  /** Store handles restricted to one partition (or all local ones), active or stale. */
  private record StoreAccess(KafkaStreams streams, int partition, boolean stale) {
    <V> ReadOnlyKeyValueStore<String, V> store(String name) {
      StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params =
          StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
      if (partition >= 0) {
        params = params.withPartition(partition);
      }
      if (stale) {
        params = params.enableStaleStores();
      }
      return streams.store(params);
    }
  }

  /** {@code GET /api/v1/sagas/{id}}. */
  public CompletableFuture<Answer> saga(String id, boolean forwarded, String pathAndQuery) {
    return routed(
        StoreNames.SAGA_STATE,
        id,
        forwarded,
        pathAndQuery,
        stores -> {
          ReadOnlyKeyValueStore<String, byte[]> store = stores.store(StoreNames.SAGA_STATE);
          return Optional.ofNullable(store.get(id)).map(codec::decode);
        },
        (SagaState<OrderData> saga, Boolean stale) -> SagaView.of(saga, stale),
        "saga");
  }

  /** {@code GET /api/v1/inventory/{sku}}. */
  public CompletableFuture<Answer> stock(String sku, boolean forwarded, String pathAndQuery) {
    return routed(
        StoreNames.INVENTORY_STOCK,
        sku,
        forwarded,
        pathAndQuery,
        stores -> {
          ReadOnlyKeyValueStore<String, Stock> stock = stores.store(StoreNames.INVENTORY_STOCK);
          Stock current = stock.get(sku);
          if (current == null) {
            return Optional.empty();
          }
          ReadOnlyKeyValueStore<String, SkuReservation> ledger =
              stores.store(StoreNames.INVENTORY_SKU_RESERVATIONS);
          List<SkuReservation> entries = new ArrayList<>();
          try (KeyValueIterator<String, SkuReservation> it =
              ledger.range(SkuReservation.firstKeyOf(sku), SkuReservation.lastKeyOf(sku))) {
            while (it.hasNext() && entries.size() < MAX_RESERVATIONS_SHOWN) {
              entries.add(it.next().value);
            }
          }
          return Optional.of(new StockWithLedger(current, entries));
        },
        (StockWithLedger s, Boolean stale) -> StockView.of(s.stock(), s.ledger(), stale),
        "SKU");
  }

  private record StockWithLedger(Stock stock, List<SkuReservation> ledger) {}

  /**
   * {@code GET /api/v1/orders/{id}}; with {@code waitFor} non-empty, a long-poll that answers as
   * soon as the order is in one of those states or in any other terminal state (it cannot reach
   * them any more), or at {@code timeout} with its current state (404 if it still does not exist).
   */
  public CompletableFuture<Answer> order(
      String id,
      Set<OrderState> waitFor,
      Duration timeout,
      boolean forwarded,
      String pathAndQuery) {
    LocalRead<OrderView> read =
        stores -> {
          ReadOnlyKeyValueStore<String, OrderView> views = stores.store(StoreNames.ORDERS_VIEW);
          return Optional.ofNullable(views.get(id));
        };
    if (waitFor.isEmpty()) {
      return routed(
          StoreNames.ORDERS_VIEW,
          id,
          forwarded,
          pathAndQuery,
          read,
          (OrderView view, Boolean stale) -> OrderResponse.of(view, stale),
          "order");
    }
    KafkaStreams ks = requireStreams();
    Optional<HostInfo> owner = activeHost(metadata(ks, StoreNames.ORDERS_VIEW, id));
    if (!forwarded && owner.isPresent() && !owner.get().equals(self)) {
      // The owner sees the transitions first: let it hold the request.
      return forward(
          owner.get(),
          pathAndQuery,
          timeout.plus(LONG_POLL_SLACK),
          StoreNames.ORDERS_VIEW,
          id,
          read,
          (OrderView view, Boolean stale) -> OrderResponse.of(view, stale),
          "order");
    }
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    pollOrder(id, waitFor, read, deadline, answer);
    return answer;
  }

  private void pollOrder(
      String id,
      Set<OrderState> waitFor,
      LocalRead<OrderView> read,
      long deadlineNanos,
      CompletableFuture<Answer> answer) {
    try {
      KafkaStreams ks = requireStreams();
      Local<OrderView> local = readOwnedOrStale(ks, StoreNames.ORDERS_VIEW, id, read);
      Optional<OrderView> view = local.value();
      boolean done =
          view.isPresent() && (waitFor.contains(view.get().status()) || view.get().isTerminal());
      if (done || System.nanoTime() >= deadlineNanos) {
        answer.complete(
            Answer.ok(
                OrderResponse.of(
                    view.orElseThrow(() -> ApiException.notFound("no order '" + id + "'")),
                    local.stale())));
        return;
      }
      scheduler.schedule(
          () -> pollOrder(id, waitFor, read, deadlineNanos, answer),
          LONG_POLL_TICK.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
  }

  /**
   * {@code GET /api/v1/sagas}: sagas in id order after {@code after}, filtered by status. Without
   * the hop header the instance merges its own page with every other instance's.
   */
  public CompletableFuture<Answer> sagas(
      Optional<SagaStatus> status,
      int limit,
      Optional<String> after,
      boolean forwarded,
      String pathAndQuery) {
    KafkaStreams ks = requireStreams();
    SagaPage local = localSagaPage(ks, status, limit, after);
    if (forwarded) {
      return CompletableFuture.completedFuture(Answer.ok(local));
    }
    List<CompletableFuture<SagaPage>> remote = new ArrayList<>();
    for (StreamsMetadata instance : ks.metadataForAllStreamsClients()) {
      HostInfo host = instance.hostInfo();
      if (host.equals(self) || host.equals(HostInfo.unavailable())) {
        continue;
      }
      remote.add(peers.get(host, pathAndQuery).thenApply(r -> page(host, r)));
    }
    return CompletableFuture.allOf(remote.toArray(CompletableFuture[]::new))
        .handle(
            (ignored, error) -> {
              if (error != null) {
                throw ApiException.unavailable(
                    "an instance did not answer the list query: " + rootMessage(error));
              }
              List<SagaPage> pages = new ArrayList<>();
              pages.add(local);
              remote.forEach(f -> pages.add(f.join()));
              return Answer.ok(merge(pages, limit));
            });
  }

  private SagaPage page(HostInfo host, PeerResponse response) {
    if (response.status() != 200) {
      throw ApiException.unavailable(
          "instance " + host + " answered the list query with " + response.status());
    }
    try {
      return Json.MAPPER.readValue(response.body(), SagaPage.class);
    } catch (IOException e) {
      throw ApiException.unavailable("instance " + host + " answered an unreadable list");
    }
  }

  /** The first {@code limit} sagas of all pages, in id order, and where the next page starts. */
  static SagaPage merge(List<SagaPage> pages, int limit) {
    List<SagaSummary> all = new ArrayList<>();
    boolean more = false;
    for (SagaPage page : pages) {
      all.addAll(page.items());
      more |= page.hasMore();
    }
    all.sort(Comparator.comparing(SagaSummary::sagaId));
    more |= all.size() > limit;
    List<SagaSummary> items = List.copyOf(all.subList(0, Math.min(limit, all.size())));
    String next =
        more && !items.isEmpty() ? Cursors.encode(items.get(items.size() - 1).sagaId()) : null;
    return new SagaPage(items, next, more);
  }

  private SagaPage localSagaPage(
      KafkaStreams ks, Optional<SagaStatus> status, int limit, Optional<String> after) {
    if (ks.state() != KafkaStreams.State.RUNNING) {
      throw ApiException.unavailable("instance is " + ks.state() + "; lists need stable owners");
    }
    List<SagaPage> partitions = new ArrayList<>();
    for (int partition : localPartitions(ks, StoreNames.SAGA_STATE)) {
      partitions.add(partitionPage(ks, partition, status, limit, after));
    }
    return merge(partitions, limit);
  }

  private SagaPage partitionPage(
      KafkaStreams ks,
      int partition,
      Optional<SagaStatus> status,
      int limit,
      Optional<String> after) {
    List<SagaSummary> items = new ArrayList<>();
    boolean more = false;
    try {
      ReadOnlyKeyValueStore<String, byte[]> store =
          new StoreAccess(ks, partition, false).store(StoreNames.SAGA_STATE);
      // Keys are sorted within a partition: scan from the cursor until the page is full.
      try (KeyValueIterator<String, byte[]> it =
          after.isPresent() ? store.range(after.get(), null) : store.all()) {
        while (it.hasNext()) {
          KeyValue<String, byte[]> entry = it.next();
          if (after.isPresent() && entry.key.equals(after.get())) {
            continue;
          }
          SagaState<OrderData> saga = codec.decode(entry.value);
          if (status.isPresent() && saga.status() != status.get()) {
            continue;
          }
          if (items.size() == limit) {
            more = true;
            break;
          }
          items.add(SagaSummary.of(saga));
        }
      }
    } catch (InvalidStateStoreException e) {
      throw ApiException.unavailable("partition " + partition + " is migrating: " + e.getMessage());
    }
    return new SagaPage(items, null, more);
  }

  private List<Integer> localPartitions(KafkaStreams ks, String store) {
    // An instance's metadata lists the partitions of every topic it reads; the store's partitions
    // are those of its own sub-topology's input.
    return ks.streamsMetadataForStore(store).stream()
        .filter(m -> m.hostInfo().equals(self))
        .flatMap(m -> m.topicPartitions().stream())
        .filter(tp -> tp.topic().equals(sagaTopic))
        .map(TopicPartition::partition)
        .distinct()
        .sorted()
        .toList();
  }

  /** A key lookup routed to its owner (see the class comment). */
  private <T> CompletableFuture<Answer> routed(
      String store,
      String key,
      boolean forwarded,
      String pathAndQuery,
      LocalRead<T> read,
      ViewFactory<T> view,
      String what) {
    KafkaStreams ks = requireStreams();
    KeyQueryMetadata metadata = metadata(ks, store, key);
    Optional<HostInfo> owner = activeHost(metadata);
    if (owner.isEmpty() || owner.get().equals(self) || forwarded) {
      return CompletableFuture.completedFuture(
          found(readOwnedOrStale(ks, store, key, read), view, what, key));
    }
    return forward(owner.get(), pathAndQuery, null, store, key, read, view, what);
  }

  private <T> CompletableFuture<Answer> forward(
      HostInfo owner,
      String pathAndQuery,
      Duration timeout,
      String store,
      String key,
      LocalRead<T> read,
      ViewFactory<T> view,
      String what) {
    CompletableFuture<PeerResponse> call =
        timeout == null ? peers.get(owner, pathAndQuery) : peers.get(owner, pathAndQuery, timeout);
    return call.handle(
        (response, error) -> {
          if (error == null) {
            return Answer.relay(response);
          }
          if (!PeerClient.isUnreachable(error)) {
            throw new CompletionException(error);
          }
          // The owner is down or slow: a local standby is better than nothing.
          KafkaStreams ks = requireStreams();
          Optional<Local<T>> standby =
              readLocal(ks, metadata(ks, store, key).partition(), true, read);
          return found(
              standby.orElseThrow(
                  () ->
                      ApiException.unavailable(
                          "owner " + owner + " of " + what + " '" + key + "' is unreachable")),
              view,
              what,
              key);
        });
  }

  /** Reads the key here: from the active store if this instance owns it, else from a standby. */
  private <T> Local<T> readOwnedOrStale(
      KafkaStreams ks, String store, String key, LocalRead<T> read) {
    KeyQueryMetadata metadata = metadata(ks, store, key);
    Optional<HostInfo> owner = activeHost(metadata);
    int partition = metadata.partition();
    if (owner.isPresent() && owner.get().equals(self)) {
      Optional<Local<T>> active = readLocal(ks, partition, false, read);
      if (active.isPresent()) {
        return active.get();
      }
    }
    return readLocal(ks, partition, true, read)
        .orElseThrow(
            () ->
                ApiException.unavailable(
                    "store "
                        + store
                        + " for '"
                        + key
                        + "' is not queryable here now (rebalancing or owned elsewhere)"));
  }

  /** Empty if the store (partition) is not queryable here. */
  private <T> Optional<Local<T>> readLocal(
      KafkaStreams ks, int partition, boolean stale, LocalRead<T> read) {
    try {
      Optional<T> value = read.read(new StoreAccess(ks, partition, stale));
      return Optional.of(new Local<>(value, stale));
    } catch (InvalidStateStoreException e) {
      return Optional.empty();
    }
  }

  private static <T> Answer found(Local<T> local, ViewFactory<T> view, String what, String key) {
    T value =
        local.value().orElseThrow(() -> ApiException.notFound("no " + what + " '" + key + "'"));
    return Answer.ok(view.of(value, local.stale()));
  }

  /** Builds the JSON view of a value. */
  @FunctionalInterface
  private interface ViewFactory<T> {
    Object of(T value, Boolean stale);
  }

  private KafkaStreams requireStreams() {
    KafkaStreams ks = streams.get();
    if (ks == null) {
      throw ApiException.unavailable("instance is starting");
    }
    KafkaStreams.State state = ks.state();
    if (state == KafkaStreams.State.CREATED
        || state == KafkaStreams.State.PENDING_SHUTDOWN
        || state == KafkaStreams.State.NOT_RUNNING
        || state == KafkaStreams.State.PENDING_ERROR
        || state == KafkaStreams.State.ERROR) {
      throw ApiException.unavailable("instance is " + state);
    }
    return ks;
  }

  private static KeyQueryMetadata metadata(KafkaStreams ks, String store, String key) {
    try {
      KeyQueryMetadata metadata = ks.queryMetadataForKey(store, key, KEYS);
      return metadata == null ? KeyQueryMetadata.NOT_AVAILABLE : metadata;
    } catch (IllegalStateException e) {
      throw ApiException.unavailable("instance is not ready: " + e.getMessage());
    }
  }

  private static Optional<HostInfo> activeHost(KeyQueryMetadata metadata) {
    HostInfo host = metadata.activeHost();
    return host == null || host.equals(HostInfo.unavailable())
        ? Optional.empty()
        : Optional.of(host);
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
