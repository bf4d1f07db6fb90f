package io.vigil.responders.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.analytics.LoadForecast;
import io.vigil.ops.ScalingCommand;
import io.vigil.responders.scaling.ForecastSignal;
import io.vigil.responders.scaling.LoadObservation;
import io.vigil.responders.scaling.ScalingDecision;
import io.vigil.responders.scaling.ScalingPolicy;
import io.vigil.responders.scaling.ScalingResult;
import io.vigil.responders.scaling.ScalingState;
import io.vigil.schemas.catalog.Topic;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The scaling responder's logic inside the transactional loop: forecasts, replica counts and
 * observed load in, scaling commands out.
 *
 * <p>Business rules of the wiring (the HPA-like rules are in {@link ScalingPolicy}):
 *
 * <ul>
 *   <li>Only services managed by the policy ({@code vigil.scaling.services}) are tracked; records
 *       of other services are ignored (counted).
 *   <li><b>Replica count</b>: the latest value of the replicas gauge ({@code
 *       k8s.deployment.desired_pods} by default) on the metrics topic. A service is evaluated only
 *       once its replica count is known.
 *   <li><b>Observed load</b>, one of:
 *       <ul>
 *         <li>{@code metrics}: the load gauge on the metrics topic. A point without {@code
 *             serviceInstance} is the service's total; points with one are per instance, and the
 *             total is the sum of each instance's latest point within the load window. Each load
 *             point is one evaluation, at the point's time.
 *         <li>{@code requests}: requests counted per service in tumbling event-time windows of the
 *             load window; a window closes (one evaluation, at its end, with requests per second)
 *             when a request of a later window arrives, or on a tick once the wall clock passed its
 *             end by a further window. Requests of an already closed (or earlier) window are
 *             counted as late and dropped.
 *       </ul>
 *   <li><b>Forecasts</b> of the configured metric replace the service's forecast (newest wins);
 *       forecasts of other metrics are ignored.
 *   <li>Decisions are published to the command topic, key service, as {@code ENFORCE} only when
 *       actionable and not in dry-run.
 *   <li>The state (stabilization windows, rate-policy events, cooldown, forecasts, load) lives in
 *       memory and follows the committed transactions. After a restart it starts empty: as the HPA
 *       after a controller restart, the first evaluation seeds the scale-down window with the
 *       current count, so a restart never scales in at once.
 * </ul>
 */
public final class ScalingHandler implements LoopHandler {

  /** Where observed load comes from. */
  public enum LoadSource {
    /** The load gauge on the metrics topic. */
    METRICS,
    /** Requests per second counted on the requests topic. */
    REQUESTS
  }

  /**
   * The topics of the scaling responder.
   *
   * @param forecasts input: load forecasts
   * @param metrics input: replica counts (and the load gauge with load source metrics)
   * @param requests input with load source requests: access logs
   * @param commands output: scaling commands, key service
   */
  public record ScalingTopics(
      Topic<String, LoadForecast> forecasts,
      Topic<String, MetricPoint> metrics,
      Topic<String, RequestLog> requests,
      Topic<String, ScalingCommand> commands) {

    public ScalingTopics {
      Objects.requireNonNull(forecasts, "forecasts");
      Objects.requireNonNull(metrics, "metrics");
      Objects.requireNonNull(requests, "requests");
      Objects.requireNonNull(commands, "commands");
    }
  }

  /**
   * How observations are read.
   *
   * @param source where load comes from
   * @param loadMetric name of the load gauge (source metrics)
   * @param replicasMetric name of the replica-count gauge
   * @param forecastMetric forecast metric used
   * @param loadWindow request-rate window, and how long a per-instance load point counts
   * @param dryRun publish every command as DRY_RUN
   */
  public record Wiring(
      LoadSource source,
      String loadMetric,
      String replicasMetric,
      String forecastMetric,
      Duration loadWindow,
      boolean dryRun) {

    public Wiring {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(loadMetric, "loadMetric");
      Objects.requireNonNull(replicasMetric, "replicasMetric");
      Objects.requireNonNull(forecastMetric, "forecastMetric");
      if (loadWindow.toMillis() < 1) {
        throw new IllegalArgumentException("loadWindow must be at least 1ms");
      }
    }
  }

  private record Sample(Instant at, double value) {}

  private record Window(long index, long count) {}

  /** Everything remembered, immutable: a step builds the next one. */
  private record World(
      Map<String, ScalingState> states,
      Map<String, Integer> replicas,
      Map<String, Map<String, Sample>> load,
      Map<String, Window> windows,
      Map<String, Long> closed) {

    static final World EMPTY = new World(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    World {
      states = Map.copyOf(states);
      replicas = Map.copyOf(replicas);
      load = Map.copyOf(load);
      windows = Map.copyOf(windows);
      closed = Map.copyOf(closed);
    }

    World withState(String service, ScalingState s) {
      return new World(put(states, service, s), replicas, load, windows, closed);
    }

    World withReplicas(String service, int n) {
      return new World(states, put(replicas, service, n), load, windows, closed);
    }

    World withLoad(String service, Map<String, Sample> samples) {
      return new World(states, replicas, put(load, service, Map.copyOf(samples)), windows, closed);
    }

    World withWindow(String service, Window w) {
      return new World(states, replicas, load, put(windows, service, w), closed);
    }

    /** The window closed: requests of it or earlier windows are late from now on. */
    World withClosed(String service, long index) {
      Map<String, Window> open = new HashMap<>(windows);
      open.remove(service);
      return new World(states, replicas, load, open, put(closed, service, index));
    }

    private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
      Map<String, V> m = new HashMap<>(map);
      m.put(key, value);
      return m;
    }
  }

  private static final String TOTAL = "";

  private final ScalingPolicy policy;
  private final ScalingTopics topics;
  private final Wiring wiring;
  private final MeterRegistry meters;
  private final List<Runnable> pendingMeters = new ArrayList<>();
  private volatile World committed = World.EMPTY;
  private World working = World.EMPTY;

  /**
   * @param meters where decisions and ignored records are counted once committed
   */
  public ScalingHandler(
      ScalingPolicy policy, ScalingTopics topics, Wiring wiring, MeterRegistry meters) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.wiring = Objects.requireNonNull(wiring, "wiring");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  /** The committed scaling state of a service, if it has been seen. */
  public ScalingState state(String service) {
    return committed.states().get(service);
  }

  /** Services with a committed scaling state. */
  public int services() {
    return committed.states().size();
  }

  @Override
  public void begin() {
    working = committed;
    pendingMeters.clear();
  }

  @Override
  public void onRecord(ConsumerRecord<byte[], byte[]> record, Emitter out) {
    String topic = record.topic();
    if (topic.equals(topics.forecasts().name())) {
      onForecast(Decoder.value(topics.forecasts(), record));
    } else if (topic.equals(topics.metrics().name())) {
      onMetric(Decoder.value(topics.metrics(), record), out);
    } else if (wiring.source() == LoadSource.REQUESTS && topic.equals(topics.requests().name())) {
      onRequest(Decoder.value(topics.requests(), record), out);
    } else {
      throw new InvalidRecordException(
          "unexpected topic " + topic, new IllegalArgumentException(topic));
    }
  }

  @Override
  public void onTick(Instant now, Emitter out) {
    if (wiring.source() != LoadSource.REQUESTS) {
      return;
    }
    long windowMs = wiring.loadWindow().toMillis();
    World w = working;
    for (Map.Entry<String, Window> e : committedOrder(w.windows())) {
      Instant end = Instant.ofEpochMilli((e.getValue().index() + 1) * windowMs);
      if (!end.plusMillis(windowMs).isAfter(now)) {
        w = close(w, e.getKey(), e.getValue(), out);
      }
    }
    working = w;
  }

  @Override
  public void committed() {
    committed = working;
    pendingMeters.forEach(Runnable::run);
    pendingMeters.clear();
  }

  @Override
  public void aborted() {
    working = committed;
    pendingMeters.clear();
  }

  private void onForecast(LoadForecast f) {
    if (!managed(f.getService()) || !wiring.forecastMetric().equals(f.getMetric())) {
      ignored("forecast");
      return;
    }
    ForecastSignal signal;
    try {
      signal = ScalingRecords.forecast(f);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException("forecast rejected: " + e.getMessage(), e);
    }
    working = working.withState(f.getService(), policy.onForecast(stateOf(f.getService()), signal));
  }

  private void onMetric(MetricPoint p, Emitter out) {
    String service = p.getService();
    if (!managed(service)) {
      ignored("metric");
      return;
    }
    if (p.getName().equals(wiring.replicasMetric())) {
      double v = p.getValue();
      if (!Double.isFinite(v) || v < 0 || v > Integer.MAX_VALUE) {
        throw new InvalidRecordException(
            "replica count must be a finite number >= 0, got " + v,
            new IllegalArgumentException(p.getName()));
      }
      working = working.withReplicas(service, (int) Math.round(v));
    } else if (wiring.source() == LoadSource.METRICS && p.getName().equals(wiring.loadMetric())) {
      double v = p.getValue();
      if (!Double.isFinite(v) || v < 0) {
        throw new InvalidRecordException(
            "load must be a finite number >= 0, got " + v,
            new IllegalArgumentException(p.getName()));
      }
      Instant at = p.getOccurredAt();
      String instance = p.getServiceInstance() == null ? TOTAL : p.getServiceInstance();
      Map<String, Sample> samples = new HashMap<>(working.load().getOrDefault(service, Map.of()));
      samples.put(instance, new Sample(at, v));
      Instant cutoff = at.minus(wiring.loadWindow());
      samples.values().removeIf(s -> s.at().isBefore(cutoff));
      double total;
      if (instance.equals(TOTAL)) {
        total = v;
      } else {
        total = 0;
        for (Map.Entry<String, Sample> s : samples.entrySet()) {
          if (!s.getKey().equals(TOTAL)) {
            total += s.getValue().value();
          }
        }
      }
      World next = working.withLoad(service, samples);
      working = evaluate(next, service, at, total, out);
    } else {
      ignored("metric");
    }
  }

  private void onRequest(RequestLog r, Emitter out) {
    String service = r.getService();
    if (!managed(service)) {
      ignored("request");
      return;
    }
    long index = Math.floorDiv(r.getOccurredAt().toEpochMilli(), wiring.loadWindow().toMillis());
    Window current = working.windows().get(service);
    Long closed = working.closed().get(service);
    if (closed != null && index <= closed) {
      ignored("late_request");
    } else if (current == null) {
      working = working.withWindow(service, new Window(index, 1));
    } else if (index == current.index()) {
      working = working.withWindow(service, new Window(index, current.count() + 1));
    } else if (index > current.index()) {
      World next = close(working, service, current, out);
      working = next.withWindow(service, new Window(index, 1));
    } else {
      ignored("late_request");
    }
  }

  /** Closes a request window: one evaluation at its end; its requests are late from now on. */
  private World close(World w, String service, Window window, Emitter out) {
    long windowMs = wiring.loadWindow().toMillis();
    Instant end = Instant.ofEpochMilli((window.index() + 1) * windowMs);
    double perSecond = window.count() * 1000.0 / windowMs;
    return evaluate(w.withClosed(service, window.index()), service, end, perSecond, out);
  }

  private World evaluate(World w, String service, Instant at, double load, Emitter out) {
    Integer replicas = w.replicas().get(service);
    if (replicas == null) {
      ignored("no_replica_count");
      return w;
    }
    ScalingState state = w.states().getOrDefault(service, policy.initialState(service));
    ScalingResult result =
        policy.evaluate(state, LoadObservation.total(service, at, replicas, load), at);
    if (result.decision().isPresent()) {
      ScalingDecision d = result.decision().get();
      ScalingCommand command = ScalingRecords.command(d, wiring.dryRun());
      out.send(topics.commands(), service, command);
      pendingMeters.add(
          () ->
              meters
                  .counter(
                      "vigil.scaling.decisions",
                      "service",
                      service,
                      "direction",
                      d.desiredReplicas() > d.currentReplicas() ? "up" : "down",
                      "mode",
                      command.getMode().name())
                  .increment());
    }
    return w.withState(service, result.state());
  }

  private ScalingState stateOf(String service) {
    return working.states().getOrDefault(service, policy.initialState(service));
  }

  private boolean managed(String service) {
    return policy.config().service(service).isPresent();
  }

  private void ignored(String what) {
    pendingMeters.add(() -> meters.counter("vigil.scaling.ignored", "record", what).increment());
  }

  /** Entries sorted by key, for deterministic output on ticks. */
  private static <V> List<Map.Entry<String, V>> committedOrder(Map<String, V> map) {
    List<Map.Entry<String, V>> entries = new ArrayList<>(map.entrySet());
    entries.sort(Map.Entry.comparingByKey());
    return entries;
  }
}
