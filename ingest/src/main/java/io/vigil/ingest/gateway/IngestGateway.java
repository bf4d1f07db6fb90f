package io.vigil.ingest.gateway;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.topics.EventTopics;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP ingest gateway ({@code vigil ingest}): JSON events and OTLP/HTTP on one port (4318 by
 * default), served by Javalin (Jetty 12). The rules live in {@link IngestService}; this class only
 * adapts HTTP and owns the lifecycle.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><td>{@code POST /v1/events/{topic}}</td><td>JSON event or array of events, validated
 *       against the topic's Avro schema; 200 {@code {"topic","accepted","eventIds"}} after Kafka
 *       committed all of them</td></tr>
 *   <tr><td>{@code POST /v1/traces|metrics|logs}</td><td>OTLP/HTTP, protobuf or JSON, optionally
 *       gzip; to {@code telemetry.spans|metrics|requests}</td></tr>
 *   <tr><td>{@code GET /health}</td><td>200 UP once the transactional producers are ready, else
 *       503</td></tr>
 *   <tr><td>{@code GET /metrics}</td><td>Prometheus text format</td></tr>
 * </table>
 *
 * Errors are JSON {@code {"error", "reason", "path"?}} (OTLP protobuf requests get a {@code
 * google.rpc.Status}, see {@link ErrorBodies}); clients never see stack traces.
 */
public final class IngestGateway implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestGateway.class);

  private final Javalin app;
  private final IngestService service;
  private final RecordSink sink;
  private final PrometheusMeterRegistry registry;
  private final String host;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private IngestGateway(
      IngestConfig config,
      IngestService service,
      RecordSink sink,
      PrometheusMeterRegistry registry) {
    this.service = service;
    this.sink = sink;
    this.registry = registry;
    this.host = config.gatewayHost();
    this.app =
        Javalin.create(c -> configure(c, config.maxBodyBytes())).start(host, config.gatewayPort());
    this.port = app.port();
  }

  /**
   * Starts a gateway with the configuration's Kafka, registry, topics and keys; its transactional
   * producers connect in the background ({@code /health} says when they are ready).
   *
   * @throws org.apache.kafka.common.config.ConfigException for an invalid topic or key setting
   * @throws IllegalStateException if the port cannot be bound
   */
  public static IngestGateway start(IngestConfig config) {
    TopicCatalog catalog = TopicCatalog.from(config);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TransactionalSender sender =
        new TransactionalSender(
            gatewayProducerProps(config),
            config.gatewayProducers(),
            config.transactionalIdPrefix(),
            registry);
    try {
      IngestService service =
          new IngestService(
              config,
              EventTopics.of(config.gatewayTopics(), catalog, config),
              renamed(catalog.spans(), config.otlpSpansTopic()),
              renamed(catalog.metrics(), config.otlpMetricsTopic()),
              renamed(catalog.requests(), config.otlpRequestsTopic()),
              sender,
              registry,
              Clock.systemUTC());
      IngestGateway gateway = new IngestGateway(config, service, sender, registry);
      LOG.info(
          "Ingest gateway listening on {}:{} (topics {}, OTLP to {}, {}, {})",
          config.gatewayHost(),
          gateway.port(),
          config.gatewayTopics(),
          config.otlpSpansTopic(),
          config.otlpMetricsTopic(),
          config.otlpRequestsTopic());
      return gateway;
    } catch (RuntimeException e) {
      sender.close();
      registry.close();
      throw e;
    }
  }

  /**
   * Producer settings of the gateway's transactional producers: the library's, with Kafka's
   * timeouts bounded by the request's ack timeout, so that a transaction is committed or aborted
   * before the client is told 503 and retries.
   */
  static Map<String, Object> gatewayProducerProps(IngestConfig config) {
    Map<String, Object> props = new HashMap<>(config.producerProps());
    long budget = Math.max(3_000L, config.ackTimeoutMs() / 2);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, budget));
    props.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, budget / 2));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, budget / 2);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return props;
  }

  private static <V> Topic<String, V> renamed(Topic<String, V> topic, String name) {
    if (name.equals(topic.name())) {
      return topic;
    }
    return new Topic<>(
        name,
        topic.partitions(),
        topic.replicationFactor(),
        topic.configs(),
        topic.keySerde(),
        topic.valueSerde());
  }

  /** The port the gateway listens on (the configured one, or the free one picked for 0). */
  public int port() {
    return port;
  }

  /** Base URL, e.g. {@code http://127.0.0.1:4318}. */
  public String url() {
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    return "http://" + shown + ":" + port();
  }

  /** The gateway's meters (also served on {@code /metrics}). */
  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /**
   * Stops accepting connections, lets requests in progress finish (Jetty's graceful stop), then
   * closes the producers. Safe to call more than once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      app.stop();
    } finally {
      sink.close();
      registry.close();
    }
    LOG.info("Ingest gateway on port {} stopped", port());
  }

  private void configure(JavalinConfig config, int maxBodyBytes) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.maxRequestSize = maxBodyBytes;
    config.http.defaultContentType = GatewayResponse.JSON;
    config.http.prefer405over404 = true;
    QueuedThreadPool threads = new QueuedThreadPool(200, 8, 60_000);
    threads.setName("vigil-ingest-http");
    config.jetty.threadPool = threads;
    config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));

    var routes = config.routes;
    routes.post(
        "/v1/events/{topic}",
        ctx -> send(ctx, service.events(ctx.pathParam("topic"), request(ctx))));
    for (OtlpSignal signal : OtlpSignal.values()) {
      routes.post(signal.path(), ctx -> send(ctx, service.otlp(signal, request(ctx))));
    }
    routes.get("/health", ctx -> send(ctx, service.health()));
    routes.get(
        "/metrics",
        ctx -> ctx.status(200).contentType("text/plain; version=0.0.4").result(registry.scrape()));
    // Javalin's own answers (no route, wrong method, body over maxRequestSize) in our shape.
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          int status = e.getStatus();
          String error =
              switch (status) {
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 413 -> "payload_too_large";
                default -> status >= 500 ? "internal" : "bad_request";
              };
          String reason =
              status == 404
                  ? "No such endpoint: " + ctx.method() + " " + ctx.path()
                  : e.getMessage();
          send(ctx, ErrorBodies.json(new GatewayException(status, error, reason)));
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          send(ctx, ErrorBodies.json(new GatewayException(500, "internal", "Internal error")));
        });
  }

  private static GatewayRequest request(Context ctx) throws IOException {
    return new GatewayRequest(ctx::header, ctx.req().getInputStream());
  }

  private static void send(Context ctx, GatewayResponse response) {
    ctx.status(response.status()).contentType(response.contentType());
    response.headers().forEach(ctx::header);
    ctx.result(response.body());
  }

  /** Jetty's own error answers (bad URI, bad HTTP, oversize headers) as JSON, not HTML. */
  private static final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      String error = code == 413 ? "payload_too_large" : code >= 500 ? "internal" : "bad_request";
      byte[] body =
          ErrorBodies.write(
              Map.of(
                  "error",
                  error,
                  "reason",
                  "HTTP " + code + " " + org.eclipse.jetty.http.HttpStatus.getMessage(code)));
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, GatewayResponse.JSON);
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }

  @Override
  public String toString() {
    return "IngestGateway[" + url() + "]";
  }
}
