package io.vigil.simulator;

import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import io.vigil.telemetry.SpanKind;
import io.vigil.telemetry.SpanStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns one client request into what the estate records for it: the gateway's {@link RequestLog}
 * and the spans of the whole call chain.
 *
 * <p>Model of one request: the gateway decides the client-visible outcome first (404 for unknown
 * paths, 401 without a token on a protected route, otherwise a route-specific mix: about 4 % 304
 * and 2 % 404 on reads with an id, 1.2 % 400 and 0.4 % 422 on writes, 0.2 % 403 on protected
 * routes), optionally introspects the token at {@code auth} (30 % of protected requests, 0.4 % of
 * them expired: 401), then calls the route's upstream service. Each service spends a log-normal
 * self time (median per operation, sigma 0.45, 1 % slow outliers 4-15x, scaled by its load), half
 * before and half after its downstream calls, which run sequentially with their own probabilities;
 * it fails with its error rate (500) or sheds under overload (503), and a failed callee fails its
 * caller, up to the gateway. Response sizes are log-normal around the route's median; the gateway
 * adds transfer time at 25 MB/s; requests over 30 s end as 504.
 *
 * <p>Spans follow OpenTelemetry: a SERVER span at the gateway (HTTP attributes, client address,
 * user agent, {@code user.id}) and at every callee, a CLIENT span at every caller with {@code
 * peer.service}; 5xx marks SERVER spans ERROR, 4xx and 5xx mark CLIENT spans ERROR. Span {@code
 * occurredAt} is its end, request logs' {@code occurredAt} is the request's start.
 */
final class RequestFactory {

  /**
   * A request as a client sends it.
   *
   * @param atMicros when the gateway receives it
   * @param ip client address
   * @param principal authenticated principal, or the submitted username on the login route
   * @param tokenId credential id, {@code null} for anonymous clients
   * @param userAgent user agent
   * @param route route, {@code null} for a path the gateway does not know (404)
   * @param path concrete path
   * @param forcedStatus status the upstream answers, 0 = drawn from the route's mix
   * @param forcedBytesOut response size on success, -1 = drawn from the route's distribution
   */
  record ClientRequest(
      long atMicros,
      String ip,
      String principal,
      String tokenId,
      String userAgent,
      Estate.Route route,
      String path,
      int forcedStatus,
      long forcedBytesOut) {}

  private record Result(long end, int status, String instance) {}

  private static final Estate.Call INTROSPECT =
      new Estate.Call("auth", "POST /introspect", 1, 2, java.util.List.of());
  private static final long TIMEOUT_MICROS = 30 * Time.MICROS_PER_SECOND;

  private final Estate estate;
  private final Estate.Service gateway;
  private final ServiceLoad load;
  private final RecordQueue out;
  private final SplittableRandom rng;
  private final Ids ids;

  RequestFactory(Estate estate, ServiceLoad load, RecordQueue out, SplittableRandom rng, Ids ids) {
    this.estate = estate;
    this.gateway = estate.services().get(Estate.GATEWAY);
    this.load = load;
    this.out = out;
    this.rng = rng;
    this.ids = ids;
  }

  /** Generates the request log and spans of {@code request}; returns the request log. */
  RequestLog send(ClientRequest request) {
    String traceId = ids.traceId();
    String gatewaySpan = ids.spanId();
    String gatewayInstance = gateway.instance(rng.nextInt(gateway.replicas()));
    Estate.Route route = request.route();
    long start = request.atMicros();
    double gatewaySelf = selfMicros(gateway, 0) * load.latencyMultiplier(Estate.GATEWAY);
    long cursor = start + (long) (gatewaySelf / 2);

    int status;
    boolean upstream = true;
    if (route == null) {
      status = 404;
      upstream = false;
    } else if (request.forcedStatus() > 0) {
      status = request.forcedStatus();
    } else if (route.requiresAuth() && request.tokenId() == null) {
      status = 401;
      upstream = false;
    } else {
      status = plannedStatus(route);
    }
    String service = route == null ? Estate.GATEWAY : route.service();
    String instance = gatewayInstance;
    if (upstream && route.requiresAuth() && request.tokenId() != null && rng.nextDouble() < 0.3) {
      boolean expired = request.forcedStatus() == 0 && rng.nextDouble() < 0.004;
      Result introspection =
          client(
              traceId,
              Estate.GATEWAY,
              gatewayInstance,
              gatewaySpan,
              INTROSPECT,
              cursor,
              expired ? 401 : 200);
      cursor = introspection.end() + 20;
      if (introspection.status() >= 400) {
        status = introspection.status() >= 500 ? 502 : 401;
        upstream = false;
      }
    }
    if (upstream) {
      Result result =
          client(
              traceId, Estate.GATEWAY, gatewayInstance, gatewaySpan, route.call(), cursor, status);
      cursor = result.end();
      status = result.status();
      instance = result.instance();
    }
    long bytesOut = bytesOut(request, route, status);
    long bytesIn =
        route == null || route.bytesInMedian() == 0 ? 0 : size(route.bytesInMedian(), 0.4);
    long end = cursor + (long) (gatewaySelf / 2) + bytesOut / 25;
    if (end - start > TIMEOUT_MICROS) {
      end = start + TIMEOUT_MICROS;
      status = 504;
    }

    String method = route == null ? "GET" : route.method();
    Map<String, String> attributes = new HashMap<>(8);
    attributes.put("http.request.method", method);
    if (route != null) {
      attributes.put("http.route", route.template());
    }
    attributes.put("url.path", request.path());
    attributes.put("http.response.status_code", Integer.toString(status));
    attributes.put("client.address", request.ip());
    attributes.put("user_agent.original", request.userAgent());
    if (request.principal() != null) {
      attributes.put("user.id", request.principal());
    }
    span(
        traceId,
        gatewaySpan,
        null,
        Estate.GATEWAY,
        gatewayInstance,
        route == null ? method : route.name(),
        SpanKind.SERVER,
        start,
        end,
        status >= 500,
        status,
        null,
        attributes);
    double latencyMs = (end - start) / 1000.0;
    load.served(Estate.GATEWAY, latencyMs, status);

    RequestLog log =
        new RequestLog(
            ids.uuid(),
            Time.millisOf(start),
            service,
            instance,
            request.ip(),
            request.principal(),
            request.tokenId(),
            method,
            route == null ? null : route.template(),
            request.path(),
            status,
            latencyMs,
            bytesIn,
            bytesOut,
            request.userAgent(),
            traceId);
    out.add(start, log);
    return log;
  }

  /**
   * A call from {@code callerInstance} of {@code caller} to {@code callee} outside any user
   * request: a root INTERNAL span at the caller (a scheduled task), its CLIENT span and the
   * callee's SERVER span answering {@code status}.
   */
  void internalCall(
      long atMicros,
      String caller,
      String callerInstance,
      String callee,
      String operation,
      int status) {
    String traceId = ids.traceId();
    String rootSpan = ids.spanId();
    Estate.Service callerService = estate.services().get(caller);
    long cursor = atMicros + (long) selfMicros(callerService, 1.0);
    Result result =
        client(
            traceId,
            caller,
            callerInstance,
            rootSpan,
            new Estate.Call(callee, operation, 1, 0, java.util.List.of()),
            cursor,
            status);
    long end = result.end() + (long) selfMicros(callerService, 0.5);
    span(
        traceId,
        rootSpan,
        null,
        caller,
        callerInstance,
        "scheduled task",
        SpanKind.INTERNAL,
        atMicros,
        end,
        false,
        0,
        null,
        Map.of());
  }

  private Result client(
      String traceId,
      String caller,
      String callerInstance,
      String parentSpan,
      Estate.Call call,
      long start,
      int planned) {
    String spanId = ids.spanId();
    long network = 150 + rng.nextInt(500);
    Result result = serve(traceId, spanId, call, start + network / 2, planned);
    long end = result.end() + network / 2;
    span(
        traceId,
        spanId,
        parentSpan,
        caller,
        callerInstance,
        call.operation(),
        SpanKind.CLIENT,
        start,
        end,
        result.status() >= 400,
        result.status(),
        call.service(),
        Map.of("http.response.status_code", Integer.toString(result.status())));
    return result;
  }

  private Result serve(
      String traceId, String parentSpan, Estate.Call call, long start, int planned) {
    Estate.Service service = estate.services().get(call.service());
    String instance = service.instance(rng.nextInt(service.replicas()));
    String spanId = ids.spanId();
    double self = selfMicros(service, call.selfMs()) * load.latencyMultiplier(service.name());
    long cursor = start + (long) (self / 2);
    int status = planned;
    if (rng.nextDouble() < load.shedProbability(service.name())) {
      status = 503;
    } else if (rng.nextDouble() < service.errorRate()) {
      status = 500;
    } else if (status < 300) {
      for (Estate.Call child : call.children()) {
        if (child.probability() < 1.0 && rng.nextDouble() >= child.probability()) {
          continue;
        }
        Result result = client(traceId, service.name(), instance, spanId, child, cursor, 200);
        cursor = result.end() + 10 + rng.nextInt(60);
        if (result.status() >= 500) {
          status = 500;
          break;
        }
      }
    }
    long end = cursor + (long) (self / 2);
    span(
        traceId,
        spanId,
        parentSpan,
        service.name(),
        instance,
        call.operation(),
        SpanKind.SERVER,
        start,
        end,
        status >= 500,
        status,
        null,
        Map.of("http.response.status_code", Integer.toString(status)));
    load.served(service.name(), (end - start) / 1000.0, status);
    return new Result(end, status, instance);
  }

  private void span(
      String traceId,
      String spanId,
      String parentSpanId,
      String service,
      String instance,
      String name,
      SpanKind kind,
      long start,
      long end,
      boolean error,
      int status,
      String peerService,
      Map<String, String> attributes) {
    Span span =
        new Span(
            ids.uuid(),
            Time.millisOf(end),
            traceId,
            spanId,
            parentSpanId,
            service,
            instance,
            name,
            kind,
            Time.ofMicros(start),
            Time.ofMicros(end),
            error ? SpanStatus.ERROR : SpanStatus.UNSET,
            error ? "HTTP " + status : null,
            peerService,
            peerService == null ? null : peerService + ":8080",
            attributes);
    out.add(end, span);
  }

  private int plannedStatus(Estate.Route route) {
    if (route.kind() == Estate.RouteKind.HEALTH) {
      return 200;
    }
    double u = rng.nextDouble();
    if (route.isRead()) {
      if (u < 0.04) {
        return 304;
      }
      if (route.hasId() && u < 0.06) {
        return 404;
      }
    } else {
      if (u < 0.012) {
        return 400;
      }
      if (u < 0.016) {
        return 422;
      }
    }
    if (route.requiresAuth() && rng.nextDouble() < 0.002) {
      return 403;
    }
    return switch (route.method()) {
      case "POST" -> route.template().startsWith("/auth/") ? 200 : 201;
      case "DELETE" -> 204;
      default -> 200;
    };
  }

  private long bytesOut(ClientRequest request, Estate.Route route, int status) {
    if (status == 204 || status == 304) {
      return 0;
    }
    if (status >= 300) {
      return size(status >= 500 ? 180 : 120, 0.3);
    }
    if (request.forcedBytesOut() >= 0) {
      return request.forcedBytesOut();
    }
    return route.bytesOutMedian() == 0 ? 0 : size(route.bytesOutMedian(), 0.5);
  }

  private long size(double median, double sigma) {
    return Math.max(1, Math.round(Random2.logNormal(rng, median, sigma)));
  }

  private double selfMicros(Estate.Service service, double operationMs) {
    double median = (operationMs > 0 ? operationMs : service.selfMs()) * 1000;
    double self = Random2.logNormal(rng, median, 0.45);
    if (rng.nextDouble() < 0.01) {
      self *= Random2.uniform(rng, 4, 15);
    }
    return self;
  }
}
