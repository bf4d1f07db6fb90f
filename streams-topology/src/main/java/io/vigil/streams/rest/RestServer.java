package io.vigil.streams.rest;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.vigil.orders.OrderState;
import io.vigil.saga.SagaStatus;
import io.vigil.streams.json.Json;
import io.vigil.streams.rest.Queries.Answer;
import io.vigil.streams.rest.Views.Health;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive-query REST API of one instance (Javalin 7), served at its {@code
 * application.server}. Endpoints (see {@code /openapi.json}):
 *
 * <ul>
 *   <li>{@code GET /api/v1/sagas/{id}}, {@code GET /api/v1/orders/{id}} (long-poll with {@code
 *       waitFor=COMPLETED|CANCELLED|FAILED[,...]} and {@code timeoutMs}), {@code GET
 *       /api/v1/inventory/{sku}}: routed to the owner of the key;
 *   <li>{@code GET /api/v1/sagas?status=&limit=&cursor=}: fanned out to every instance and merged;
 *   <li>{@code GET /health}, {@code GET /metrics} (Prometheus), {@code GET /openapi.json}.
 * </ul>
 *
 * Errors are JSON {@code {"status", "error", "message"}}: 400 for a malformed id or parameter, 404
 * for an unknown id, 503 with {@code Retry-After} when the answer cannot be given now.
 */
public final class RestServer implements AutoCloseable {

  /** Default {@code limit} of a list. */
  public static final int DEFAULT_LIMIT = 50;

  /** Largest {@code limit} of a list. */
  public static final int MAX_LIMIT = 500;

  /** Default long-poll timeout. */
  public static final Duration DEFAULT_LONG_POLL = Duration.ofSeconds(10);

  /** {@code Retry-After} of a 503, in seconds. */
  static final String RETRY_AFTER_SECONDS = "1";

  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
  private static final String JSON = "application/json";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final Set<OrderState> TERMINAL =
      EnumSet.of(OrderState.COMPLETED, OrderState.CANCELLED, OrderState.FAILED);

  private final Javalin app;
  private final ScheduledExecutorService scheduler;

  private RestServer(Javalin app, ScheduledExecutorService scheduler) {
    this.app = app;
    this.scheduler = scheduler;
  }

  /**
   * The endpoints' collaborators.
   *
   * @param streams the Kafka Streams instance, {@code null} until it exists
   * @param sagaTopic the topic name of {@code orders.events} (the saga store's input)
   * @param self this instance's {@code application.server} (advertised host and the bound port)
   * @param metrics the Prometheus scrape, in the text exposition format
   * @param maxLongPoll the largest accepted {@code timeoutMs}
   */
  public record Wiring(
      Supplier<KafkaStreams> streams,
      String sagaTopic,
      Supplier<HostInfo> self,
      Supplier<String> metrics,
      Duration maxLongPoll) {}

  /**
   * Starts the server on {@code host:port} ({@code 0} = a free port; see {@link #port()}).
   *
   * <p>The wiring's {@code self} is read on each request, so the application can bind first and
   * learn its port before it creates Kafka Streams with that {@code application.server}.
   */
  public static RestServer start(String host, int port, Wiring wiring) {
    Objects.requireNonNull(wiring, "wiring");
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "vigil-rest-long-poll");
              thread.setDaemon(true);
              return thread;
            });
    PeerClient peers = new PeerClient(Duration.ofSeconds(10));
    Handlers handlers = new Handlers(wiring, peers, scheduler);
    byte[] openApi = openApi();
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
              config.routes.get("/health", handlers::health);
              config.routes.get(
                  "/metrics", ctx -> ctx.contentType(PROMETHEUS).result(wiring.metrics().get()));
              config.routes.get("/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));
              config.routes.get("/api/v1/sagas", handlers::sagas);
              config.routes.get("/api/v1/sagas/{id}", handlers::saga);
              config.routes.get("/api/v1/orders/{id}", handlers::order);
              config.routes.get("/api/v1/inventory/{sku}", handlers::stock);
              config.routes.exception(ApiException.class, (e, ctx) -> writeError(ctx, e));
              config.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) ->
                      writeError(
                          ctx,
                          e.getStatus() == 404
                              ? ApiException.notFound(e.getMessage())
                              : ApiException.badRequest(e.getMessage())));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    ctx.status(500).json(new ApiException.ErrorBody(500, "internal", e.toString()));
                  });
            });
    app.start(host, port);
    return new RestServer(app, scheduler);
  }

  /** The bound port. */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
    scheduler.shutdownNow();
  }

  private static void writeError(Context ctx, ApiException e) {
    if (e.status() == 503) {
      ctx.header("Retry-After", RETRY_AFTER_SECONDS);
    }
    ctx.status(e.status()).json(e.body());
  }

  private static byte[] openApi() {
    try (InputStream in = RestServer.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The route handlers: parameter checks, then {@link Queries}. */
  private static final class Handlers {
    private final Wiring wiring;
    private final PeerClient peers;
    private final ScheduledExecutorService scheduler;

    Handlers(Wiring wiring, PeerClient peers, ScheduledExecutorService scheduler) {
      this.wiring = wiring;
      this.peers = peers;
      this.scheduler = scheduler;
    }

    private Queries queries() {
      return new Queries(
          wiring.streams(), wiring.sagaTopic(), wiring.self().get(), peers, scheduler);
    }

    void health(Context ctx) {
      KafkaStreams streams = wiring.streams().get();
      KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
      boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
      ctx.status(up ? 200 : 503)
          .json(new Health(up ? "UP" : "DOWN", state.name(), wiring.self().get().toString()));
    }

    void saga(Context ctx) {
      String id = Ids.requireValid(ctx.pathParam("id"), "saga id");
      answer(ctx, queries().saga(id, forwarded(ctx), pathAndQuery(ctx)));
    }

    void stock(Context ctx) {
      String sku = Ids.requireValid(ctx.pathParam("sku"), "sku");
      answer(ctx, queries().stock(sku, forwarded(ctx), pathAndQuery(ctx)));
    }

    void order(Context ctx) {
      String id = Ids.requireValid(ctx.pathParam("id"), "order id");
      Set<OrderState> waitFor = waitFor(ctx.queryParam("waitFor"));
      String timeoutParam = ctx.queryParam("timeoutMs");
      if (waitFor.isEmpty() && timeoutParam != null) {
        throw ApiException.badRequest("timeoutMs needs waitFor");
      }
      Duration timeout =
          timeoutParam == null
              ? min(DEFAULT_LONG_POLL, wiring.maxLongPoll())
              : Duration.ofMillis(
                  intParam("timeoutMs", timeoutParam, 0, (int) wiring.maxLongPoll().toMillis()));
      answer(ctx, queries().order(id, waitFor, timeout, forwarded(ctx), pathAndQuery(ctx)));
    }

    void sagas(Context ctx) {
      Optional<SagaStatus> status =
          Optional.ofNullable(ctx.queryParam("status"))
              .filter(s -> !s.isEmpty())
              .map(Handlers::sagaStatus);
      String limitParam = ctx.queryParam("limit");
      int limit = limitParam == null ? DEFAULT_LIMIT : intParam("limit", limitParam, 1, MAX_LIMIT);
      Optional<String> after =
          Optional.ofNullable(ctx.queryParam("cursor"))
              .filter(c -> !c.isEmpty())
              .map(Cursors::decode);
      answer(ctx, queries().sagas(status, limit, after, forwarded(ctx), pathAndQuery(ctx)));
    }

    private static void answer(Context ctx, CompletableFuture<Answer> answer) {
      ctx.future(
          () ->
              answer.handle(
                  (a, error) -> {
                    if (error != null) {
                      Throwable cause = unwrap(error);
                      if (cause instanceof ApiException api) {
                        writeError(ctx, api);
                      } else {
                        LOG.error("{} {} failed", ctx.method(), ctx.path(), cause);
                        ctx.status(500)
                            .json(new ApiException.ErrorBody(500, "internal", cause.toString()));
                      }
                    } else if (a.raw() != null) {
                      if (a.retryAfter() != null) {
                        ctx.header("Retry-After", a.retryAfter());
                      }
                      ctx.status(a.status()).contentType(JSON).result(a.raw());
                    } else {
                      ctx.status(a.status()).json(a.json());
                    }
                    return null;
                  }));
    }

    private static Throwable unwrap(Throwable error) {
      Throwable cause = error;
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      return cause;
    }

    private static boolean forwarded(Context ctx) {
      return ctx.header(PeerClient.HOP_HEADER) != null;
    }

    private static String pathAndQuery(Context ctx) {
      String query = ctx.queryString();
      String path = ctx.req().getRequestURI();
      return query == null || query.isEmpty() ? path : path + '?' + query;
    }

    private static SagaStatus sagaStatus(String value) {
      try {
        return SagaStatus.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "status must be one of " + Arrays.toString(SagaStatus.values()) + ", was " + value);
      }
    }

    private static Set<OrderState> waitFor(String value) {
      if (value == null || value.isEmpty()) {
        return Set.of();
      }
      Set<OrderState> states = EnumSet.noneOf(OrderState.class);
      for (String part : value.split(",")) {
        OrderState state;
        try {
          state = OrderState.valueOf(part.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          state = null;
        }
        if (state == null || !TERMINAL.contains(state)) {
          throw ApiException.badRequest(
              "waitFor must list terminal states " + TERMINAL + ", was " + value);
        }
        states.add(state);
      }
      return states;
    }

    private static int intParam(String name, String value, int min, int max) {
      int parsed;
      try {
        parsed = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(name + " must be an integer, was '" + value + "'");
      }
      if (parsed < min || parsed > max) {
        throw ApiException.badRequest(
            name + " must be between " + min + " and " + max + ", was " + parsed);
      }
      return parsed;
    }

    private static Duration min(Duration a, Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }
}
