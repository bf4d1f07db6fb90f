package io.vigil.devstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable schema registry that speaks the REST subset of Confluent Schema Registry 7.x that
 * Vigil's serdes and tools use, with Confluent's bodies, HTTP statuses and error codes, so clients
 * written against it also work against the real one.
 *
 * <p>Endpoints (responses are {@code application/vnd.schemaregistry.v1+json}; requests may also be
 * {@code application/json}):
 *
 * <ul>
 *   <li>{@code POST /subjects/{s}/versions} {@code {"schema": "...", "schemaType"?: "AVRO"}} →
 *       {@code {"id": n}}; 409 (error_code 409) if incompatible, 422/42201 if not valid Avro;
 *   <li>{@code POST /subjects/{s}} (lookup) → {@code {"subject","version","id","schema"}};
 *       40401/40403;
 *   <li>{@code GET /schemas/ids/{id}} → {@code {"schema": "..."}}; 40403;
 *   <li>{@code GET /subjects}, {@code GET /subjects/{s}/versions}, {@code GET
 *       /subjects/{s}/versions/{v|latest|-1}} (40401/40402/42202), {@code ?deleted=true} to include
 *       soft-deleted ones;
 *   <li>{@code POST /compatibility/subjects/{s}/versions[/{v|latest}]} → {@code {"is_compatible":
 *       bool}}, plus {@code "messages"} with {@code ?verbose=true};
 *   <li>{@code GET|PUT /config}, {@code GET|PUT|DELETE /config/{s}} ({@code
 *       ?defaultToGlobal=true}); 40408, 42203;
 *   <li>{@code DELETE /subjects/{s}[?permanent=true]} → deleted versions; 40404/40405;
 *   <li>{@code GET /} → {@code {}}; {@code GET /health} → 200 when the store is replayed and
 *       writable, 503 otherwise.
 * </ul>
 *
 * <p>Errors are always {@code {"error_code": int, "message": str}}: malformed JSON is 400, an
 * unknown path 404, an unexpected failure 500/50001 — never an HTML page or a stack trace.
 *
 * <p>State lives in a compacted Kafka topic (default {@value #DEFAULT_TOPIC}): every change is
 * answered only after Kafka acknowledged it, and {@link #start} replays the topic before serving,
 * so ids, versions and levels survive restarts. One registry per topic (a single writer, where
 * Confluent elects a leader among several): its Kafka producer is transactional with an id derived
 * from the topic, so starting another registry on the same topic fences the running one, whose
 * writes then fail with 500/50001 and whose {@code /health} turns 503. Thread-safe.
 */
public final class SchemaRegistryServer implements AutoCloseable {

  /** Default topic for the registry's state, as Confluent's {@code kafkastore.topic}. */
  public static final String DEFAULT_TOPIC = "_schemas";

  /** Content type of every response. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
  private static final Set<String> ACCEPTED_BODY_TYPES =
      Set.of(
          "application/vnd.schemaregistry.v1+json",
          "application/vnd.schemaregistry+json",
          "application/json",
          "application/octet-stream");

  private final ObjectMapper mapper = new ObjectMapper();
  private final SchemaRegistry registry;
  private final String topic;
  private final Javalin app;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SchemaRegistryServer(SchemaRegistry registry, String topic, int port) {
    this.registry = registry;
    this.topic = topic;
    this.app = Javalin.create(this::configure).start("127.0.0.1", port);
    this.port = app.port();
  }

  /**
   * Starts a registry on {@code 127.0.0.1:port} keeping its state in {@value #DEFAULT_TOPIC}.
   *
   * @see #start(String, int, String)
   */
  public static SchemaRegistryServer start(String bootstrapServers, int port) {
    return start(bootstrapServers, port, DEFAULT_TOPIC);
  }

  /**
   * Creates {@code topic} if missing (compacted, one partition), replays it, and starts serving on
   * {@code 127.0.0.1:port}.
   *
   * @param bootstrapServers Kafka cluster holding the state
   * @param port HTTP port; 0 picks a free one (see {@link #port()})
   * @param topic compacted topic with the registry's state; one registry per topic
   * @throws IllegalStateException if Kafka is unreachable, the topic has the wrong shape, or the
   *     port is taken
   */
  public static SchemaRegistryServer start(String bootstrapServers, int port, String topic) {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    long begin = System.nanoTime();
    KafkaSchemaLog log = new KafkaSchemaLog(bootstrapServers, topic, KAFKA_TIMEOUT);
    SchemaRegistry registry;
    try {
      registry = new SchemaRegistry(log);
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
    try {
      SchemaRegistryServer server = new SchemaRegistryServer(registry, topic, port);
      LOG.info(
          "Schema registry ready at {} (topic {}) in {} ms",
          server.url(),
          topic,
          Duration.ofNanos(System.nanoTime() - begin).toMillis());
      return server;
    } catch (RuntimeException e) {
      registry.close();
      throw new IllegalStateException("Schema registry could not serve on port " + port, e);
    }
  }

  /** Base URL, {@code http://127.0.0.1:<port>}, for {@code schema.registry.url}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** The HTTP port actually bound. */
  public int port() {
    return port;
  }

  /** The Kafka topic holding the registry's state. */
  public String topic() {
    return topic;
  }

  /** Stops serving and releases the Kafka producer. Safe to call more than once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      app.stop();
    } finally {
      registry.close();
    }
    LOG.info("Schema registry on port {} stopped", port());
  }

  @Override
  public String toString() {
    return "SchemaRegistryServer[" + url() + ", topic=" + topic + "]";
  }

  // --- HTTP wiring ------------------------------------------------------------------------------

  private void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.defaultContentType = CONTENT_TYPE;
    // A known path with the wrong method is 405, as in Confluent's registry.
    config.http.prefer405over404 = true;
    QueuedThreadPool threads = new QueuedThreadPool(32, 2, 60_000);
    threads.setName("schema-registry-http");
    threads.setDaemon(true);
    config.jetty.threadPool = threads;
    // Requests Jetty rejects before routing (bad URI, bad HTTP) also get a JSON error body.
    config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));

    var routes = config.routes;
    routes.before(this::checkContentType);

    routes.get("/", ctx -> respond(ctx, 200, Map.of()));
    routes.get("/health", this::health);

    routes.get("/schemas/ids/{id}", this::schemaById);

    routes.get("/subjects", ctx -> respond(ctx, 200, registry.subjects(flag(ctx, "deleted"))));
    routes.post("/subjects/{subject}", this::lookup);
    routes.delete("/subjects/{subject}", this::deleteSubject);
    routes.get("/subjects/{subject}/versions", this::versions);
    routes.post("/subjects/{subject}/versions", this::register);
    routes.get("/subjects/{subject}/versions/{version}", this::version);
    routes.get("/subjects/{subject}/versions/{version}/schema", this::rawSchema);

    routes.post("/compatibility/subjects/{subject}/versions", ctx -> compatibility(ctx, null));
    routes.post(
        "/compatibility/subjects/{subject}/versions/{version}",
        ctx -> compatibility(ctx, ctx.pathParam("version")));

    routes.get(
        "/config", ctx -> respond(ctx, 200, level("compatibilityLevel", registry.globalLevel())));
    routes.put("/config", this::putGlobalConfig);
    routes.get("/config/{subject}", this::getSubjectConfig);
    routes.put("/config/{subject}", this::putSubjectConfig);
    routes.delete("/config/{subject}", this::deleteSubjectConfig);

    routes.exception(
        RegistryException.class,
        (e, ctx) -> error(ctx, e.httpStatus(), e.errorCode(), e.getMessage()));
    routes.exception(
        JsonProcessingException.class,
        (e, ctx) ->
            error(ctx, 400, 400, "Malformed JSON in request body: " + e.getOriginalMessage()));
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          HttpStatus status = HttpStatus.forStatus(e.getStatus());
          error(
              ctx,
              e.getStatus(),
              e.getStatus(),
              "HTTP " + e.getStatus() + " " + status.getMessage());
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          error(ctx, 500, 50001, "Internal server error; see the schema registry's log");
        });
    // Requests no route matched (and other bare statuses) get a JSON body too.
    routes.error(404, ctx -> fillIfEmpty(ctx, 404, "HTTP 404 Not Found"));
    routes.error(405, ctx -> fillIfEmpty(ctx, 405, "HTTP 405 Method Not Allowed"));
  }

  private void checkContentType(Context ctx) {
    if (ctx.method() != HandlerType.POST && ctx.method() != HandlerType.PUT) {
      return;
    }
    String type = ctx.contentType();
    if (type == null || type.isBlank()) {
      return;
    }
    String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!ACCEPTED_BODY_TYPES.contains(mediaType)) {
      throw new RegistryException(415, 415, "HTTP 415 Unsupported Media Type");
    }
  }

  private void health(Context ctx) {
    if (registry.writable()) {
      respond(ctx, 200, Map.of("status", "UP", "topic", topic));
    } else {
      respond(ctx, 503, Map.of("status", "DOWN", "topic", topic));
    }
  }

  private void schemaById(Context ctx) {
    String idText = ctx.pathParam("id");
    int id;
    try {
      id = Integer.parseInt(idText);
    } catch (NumberFormatException e) {
      throw RegistryException.schemaNotFound(idText);
    }
    respond(ctx, 200, Map.of("schema", registry.schemaById(id)));
  }

  private void register(Context ctx) throws JsonProcessingException {
    SchemaRequest request = schemaRequest(ctx);
    int id = registry.register(subject(ctx), request.schema(), request.schemaType());
    respond(ctx, 200, Map.of("id", id));
  }

  private void lookup(Context ctx) throws JsonProcessingException {
    SchemaRequest request = schemaRequest(ctx);
    SchemaVersion found =
        registry.lookup(subject(ctx), request.schema(), request.schemaType(), flag(ctx, "deleted"));
    respond(ctx, 200, versionBody(found));
  }

  private void versions(Context ctx) {
    respond(ctx, 200, registry.versions(subject(ctx), flag(ctx, "deleted")));
  }

  private void version(Context ctx) {
    SchemaVersion v =
        registry.version(subject(ctx), ctx.pathParam("version"), flag(ctx, "deleted"));
    respond(ctx, 200, versionBody(v));
  }

  private void rawSchema(Context ctx) {
    SchemaVersion v =
        registry.version(subject(ctx), ctx.pathParam("version"), flag(ctx, "deleted"));
    ctx.status(200).contentType(CONTENT_TYPE).result(v.schema());
  }

  private void compatibility(Context ctx, String version) throws JsonProcessingException {
    SchemaRequest request = schemaRequest(ctx);
    List<String> problems =
        registry.checkCompatibility(subject(ctx), version, request.schema(), request.schemaType());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("is_compatible", problems.isEmpty());
    if (flag(ctx, "verbose")) {
      body.put("messages", problems);
    }
    respond(ctx, 200, body);
  }

  private void putGlobalConfig(Context ctx) throws JsonProcessingException {
    CompatibilityLevel level = registry.setGlobalLevel(levelRequest(ctx));
    respond(ctx, 200, level("compatibility", level));
  }

  private void getSubjectConfig(Context ctx) {
    CompatibilityLevel level = registry.subjectLevel(subject(ctx), flag(ctx, "defaultToGlobal"));
    respond(ctx, 200, level("compatibilityLevel", level));
  }

  private void putSubjectConfig(Context ctx) throws JsonProcessingException {
    CompatibilityLevel level = registry.setSubjectLevel(subject(ctx), levelRequest(ctx));
    respond(ctx, 200, level("compatibility", level));
  }

  private void deleteSubjectConfig(Context ctx) {
    CompatibilityLevel previous = registry.deleteSubjectLevel(subject(ctx));
    respond(ctx, 200, level("compatibilityLevel", previous));
  }

  private void deleteSubject(Context ctx) {
    respond(ctx, 200, registry.deleteSubject(subject(ctx), flag(ctx, "permanent")));
  }

  // --- request/response helpers
  // -------------------------------------------------------------------

  private record SchemaRequest(String schema, String schemaType) {}

  private SchemaRequest schemaRequest(Context ctx) throws JsonProcessingException {
    JsonNode body = jsonObject(ctx);
    JsonNode schema = body.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw RegistryException.invalidSchema("the request needs a string field 'schema'");
    }
    JsonNode references = body.get("references");
    if (references != null && references.isArray() && !references.isEmpty()) {
      throw RegistryException.invalidSchema("schema references are not supported");
    }
    JsonNode type = body.get("schemaType");
    return new SchemaRequest(schema.asText(), type == null || type.isNull() ? null : type.asText());
  }

  private String levelRequest(Context ctx) throws JsonProcessingException {
    JsonNode level = jsonObject(ctx).get("compatibility");
    if (level == null || !level.isTextual()) {
      throw RegistryException.invalidCompatibilityLevel();
    }
    return level.asText();
  }

  private JsonNode jsonObject(Context ctx) throws JsonProcessingException {
    String text = ctx.body();
    if (text.isBlank()) {
      throw new RegistryException(400, 400, "The request body is empty; a JSON object is needed");
    }
    JsonNode node = mapper.readTree(text);
    if (node == null || !node.isObject()) {
      throw new RegistryException(422, 422, "The request body must be a JSON object");
    }
    return node;
  }

  private static String subject(Context ctx) {
    return ctx.pathParam("subject");
  }

  private static boolean flag(Context ctx, String name) {
    return Boolean.parseBoolean(ctx.queryParam(name));
  }

  private static Map<String, Object> level(String field, CompatibilityLevel level) {
    return Map.of(field, level.name());
  }

  private static Map<String, Object> versionBody(SchemaVersion v) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", v.subject());
    body.put("version", v.version());
    body.put("id", v.id());
    body.put("schema", v.schema());
    return body;
  }

  private void respond(Context ctx, int status, Object body) {
    ctx.status(status).contentType(CONTENT_TYPE).result(toJson(body));
  }

  private void error(Context ctx, int status, int errorCode, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error_code", errorCode);
    body.put("message", message);
    respond(ctx, status, body);
  }

  private String toJson(Object body) {
    try {
      return mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      // Bodies are maps and lists of strings and numbers: this is a programming error.
      throw new IllegalStateException("Cannot serialise a response body", e);
    }
  }

  /** Jetty's own error responses in Confluent's error shape instead of an HTML page. */
  private final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error_code", code);
      body.put(
          "message", "HTTP " + code + " " + org.eclipse.jetty.http.HttpStatus.getMessage(code));
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
      response.write(
          true, ByteBuffer.wrap(toJson(body).getBytes(StandardCharsets.UTF_8)), callback);
    }
  }

  private void fillIfEmpty(Context ctx, int status, String message) {
    String current = ctx.result();
    if (current == null || current.isEmpty()) {
      error(ctx, status, status, message);
    }
  }
}
