package io.vigil.responders.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoints of a responder or actuator (Javalin 7, routes declared in the config
 * lambda): {@code GET /health} (JSON, 200 when up, 503 when down) and {@code GET /metrics}
 * (Prometheus text exposition of the component's Micrometer registry).
 */
public final class OpsServer implements AutoCloseable {

  /** Port value that disables the endpoints. */
  public static final int DISABLED = -1;

  private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Javalin app;

  private OpsServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts the endpoints on {@code host:port} ({@code 0} = a free port, see {@link #port()};
   * {@value #DISABLED} = no server).
   */
  public static OpsServer start(
      String host, int port, PrometheusMeterRegistry metrics, Supplier<HealthReport> health) {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(health, "health");
    if (port == DISABLED) {
      return new OpsServer(null);
    }
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.get("/health", ctx -> health(ctx, health.get()));
              config.routes.get(
                  "/metrics", ctx -> ctx.contentType(PROMETHEUS).result(metrics.scrape()));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    ctx.status(500).result(e.toString());
                  });
            });
    app.start(host, port);
    return new OpsServer(app);
  }

  /** The bound port, or {@value #DISABLED} when the endpoints are disabled. */
  public int port() {
    return app == null ? DISABLED : app.port();
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }

  private static void health(Context ctx, HealthReport report) throws JsonProcessingException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", report.up() ? "UP" : "DOWN");
    body.put("component", report.component());
    body.put("state", report.state());
    body.put("details", report.details());
    ctx.status(report.up() ? 200 : 503)
        .contentType("application/json")
        .result(JSON.writeValueAsString(body));
  }
}
