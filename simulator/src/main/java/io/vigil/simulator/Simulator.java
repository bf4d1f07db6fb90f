package io.vigil.simulator;

import io.vigil.common.ThreatClass;
import io.vigil.orders.OrderEvent;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates labelled telemetry, orders and attacks for the {@link Estate} on a virtual clock.
 *
 * <pre>{@code
 * SimulationStats stats =
 *     Simulator.builder()
 *         .seed(7)
 *         .start(Instant.parse("2026-01-05T18:00:00Z"))
 *         .duration(Duration.ofMinutes(90))
 *         .scenario(Scenario.demo())
 *         .pacing(Pacing.AS_FAST_AS_POSSIBLE)
 *         .build()
 *         .run(sink);
 * }</pre>
 *
 * <p>Everything generated is a function of the seed and the settings: the same builder settings
 * give byte-identical records (event ids, trace ids and timestamps included), whatever the pacing.
 * The wall clock is only read to pace the output and to time the run. Virtual time advances in
 * ticks of one second; records are handed to the sink in non-decreasing {@code occurredAt} order
 * (see {@link SimulationSink}).
 *
 * <p>A simulator runs once. {@link #stop()} (or interrupting the running thread) ends a run early;
 * {@link #snapshot()} reports progress from any thread.
 */
public final class Simulator {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  private static final long TICK_MICROS = Time.MICROS_PER_SECOND;
  private static final long WARM_UP_MICROS = 120 * Time.MICROS_PER_SECOND;

  /** Default virtual start: Monday 2026-01-05 00:00 UTC. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");

  private final long seed;
  private final Instant start;
  private final Instant end;
  private final TrafficProfile profile;
  private final double orderRate;
  private final Consumer<OrderSpec> orderConsumer;
  private final Pacing pacing;
  private final double speed;
  private final Ticker ticker;
  private final Estate estate;
  private final List<Attack> attacks;
  private final List<SurgeWindow> surges;
  private final SimulationPlan plan;
  private final SplittableRandom trafficRng;
  private final SplittableRandom factoryRng;
  private final SplittableRandom ordersRng;
  private final SplittableRandom loadRng;

  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private final AtomicLong spans = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong metrics = new AtomicLong();
  private final AtomicLong orders = new AtomicLong();
  private final List<GroundTruthLabel> labelsWritten = new CopyOnWriteArrayList<>();
  private final List<AttackWindow> attacksStarted = new CopyOnWriteArrayList<>();
  private final List<SurgeWindow> surgesStarted = new CopyOnWriteArrayList<>();
  private volatile long reachedMicros;
  private volatile long wallStartNanos;
  private volatile long wallEndNanos = -1;
  private volatile boolean completed;

  private Simulator(Builder b) {
    this.seed = b.seed;
    this.start = b.start.truncatedTo(ChronoUnit.MILLIS);
    this.end = start.plus(b.duration);
    this.profile = b.profile;
    this.orderRate = b.orderRate;
    this.orderConsumer = b.orderConsumer;
    this.pacing = b.pacing;
    this.speed = b.speed;
    this.ticker = b.ticker;
    this.reachedMicros = Time.micros(start);

    SplittableRandom root = new SplittableRandom(seed);
    this.estate = Estate.create(root.nextLong(), profile.users());
    this.trafficRng = root.split();
    this.factoryRng = root.split();
    this.ordersRng = root.split();
    this.loadRng = root.split();
    SplittableRandom mixRng = root.split();
    SplittableRandom attackRng = root.split();

    Scenario scenario = b.noAttacks ? b.scenario.withoutAttacks() : b.scenario;
    List<AttackSpec> specs = new ArrayList<>(scenario.attacks());
    scenario.random().ifPresent(mix -> specs.addAll(expand(mix, b.duration, mixRng)));
    Set<String> takenIps = new HashSet<>();
    List<Attack> built = new ArrayList<>();
    for (AttackSpec spec : specs) {
      Attack attack =
          Attack.create(spec, new Attack.Context(estate, start, end, attackRng.split(), takenIps));
      if (attack == null) {
        LOG.warn("attack '{}' starts at or after the end of the run: skipped", spec.name());
      } else {
        built.add(attack);
      }
    }
    built.sort(Comparator.comparing((Attack a) -> a.window().start()));
    this.attacks = List.copyOf(built);

    List<SurgeWindow> surgeWindows = new ArrayList<>();
    for (LoadSurge surge : scenario.surges()) {
      if (NormalTraffic.directShare(estate, surge.service()) <= 0) {
        throw new IllegalArgumentException(
            "surge '"
                + surge.name()
                + "': service '"
                + surge.service()
                + "' serves no route at the gateway; one of "
                + estate.apiRoutes().stream().map(Estate.Route::service).distinct().toList());
      }
      Instant from = start.plus(surge.offset());
      if (!from.isBefore(end)) {
        LOG.warn("surge '{}' starts at or after the end of the run: skipped", surge.name());
        continue;
      }
      Instant to = start.plus(surge.offset()).plus(surge.duration());
      surgeWindows.add(
          new SurgeWindow(
              surge.name(), surge.service(), surge.factor(), from, to.isAfter(end) ? end : to));
    }
    surgeWindows.sort(Comparator.comparing(SurgeWindow::start));
    this.surges = List.copyOf(surgeWindows);

    List<GroundTruthLabel> labels = new ArrayList<>();
    attacks.forEach(a -> labels.addAll(a.labels()));
    this.plan =
        new SimulationPlan(
            start, end, attacks.stream().map(Attack::window).toList(), surges, labels);
  }

  /** A builder with the defaults documented on each method. */
  public static Builder builder() {
    return new Builder();
  }

  /** The estate this simulator generates traffic for (services, routes, clients, SKUs). */
  public Estate estate() {
    return estate;
  }

  /** Attacks, surges and labels this simulator will generate. */
  public SimulationPlan plan() {
    return plan;
  }

  /** Asks a running simulation to stop after the current tick; {@link #run} then returns. */
  public void stop() {
    stopRequested.set(true);
  }

  /** Virtual time up to which records have been handed to the sink. */
  public Instant virtualNow() {
    return Time.millisOf(reachedMicros);
  }

  /** Progress so far; {@code completed} only once a run has reached its end. */
  public SimulationStats snapshot() {
    long wallEnd = wallEndNanos >= 0 ? wallEndNanos : started.get() ? ticker.nanoTime() : 0;
    long wallStart = started.get() ? wallStartNanos : 0;
    return new SimulationStats(
        seed,
        start,
        virtualNow(),
        completed,
        spans.get(),
        requests.get(),
        metrics.get(),
        orders.get(),
        labelsWritten,
        attacksStarted,
        surgesStarted,
        Duration.ofNanos(Math.max(0, wallEnd - wallStart)));
  }

  /**
   * Runs the simulation, handing every record to {@code sink}; returns when the virtual end is
   * reached, or earlier after {@link #stop()} or an interrupt (the thread stays interrupted). Calls
   * {@link SimulationSink#flush()} and {@link SimulationSink#completed} but does not close the
   * sink. Exceptions thrown by the sink end the run and propagate.
   *
   * @throws IllegalStateException when this simulator has run already
   */
  public SimulationStats run(SimulationSink sink) {
    Objects.requireNonNull(sink, "sink");
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a simulator runs once; build another one");
    }
    wallStartNanos = ticker.nanoTime();
    long startMicros = Time.micros(start);
    long endMicros = Time.micros(end);
    LOG.info(
        "simulating {} from {} (seed {}, {} attacks, {} surges, {} user requests/s at the mean,"
            + " {})",
        Duration.between(start, end),
        start,
        seed,
        attacks.size(),
        surges.size(),
        profile.baseRate(),
        pacing);

    RecordQueue queue = new RecordQueue();
    ServiceLoad load = serviceLoad();
    RequestFactory factory =
        new RequestFactory(estate, load, queue, factoryRng, new Ids(factoryRng.split()));
    NormalTraffic traffic =
        new NormalTraffic(
            estate,
            profile,
            factory,
            trafficRng,
            new Ids(trafficRng.split()),
            startMicros,
            endMicros,
            surges);
    traffic.warmUp(startMicros - WARM_UP_MICROS, startMicros);
    OrderGenerator orderGenerator =
        orderRate > 0
            ? new OrderGenerator(estate, orderRate, ordersRng, new Ids(ordersRng.split()))
            : null;
    for (Attack attack : attacks) {
      queue.add(Time.micros(attack.window().start()), attack.window());
      attack.labels().forEach(l -> queue.add(Time.micros(l.start()), l));
    }
    surges.forEach(s -> queue.add(Time.micros(s.start()), s));

    Consumer<Object> dispatch = record -> dispatch(record, sink);
    Pacer pacer = new Pacer(pacing, speed, ticker);
    pacer.begin(startMicros);
    long intervalMicros = profile.metricInterval().toMillis() * 1_000;
    long lastMetrics = startMicros;
    boolean reachedEnd = true;
    long t = startMicros;
    try {
      while (t < endMicros) {
        if (stopRequested.get() || Thread.currentThread().isInterrupted()) {
          reachedEnd = false;
          break;
        }
        long t1 = Math.min(t + TICK_MICROS, endMicros);
        traffic.generate(t, t1);
        for (Attack attack : attacks) {
          attack.generate(t, t1, factory);
        }
        if (orderGenerator != null) {
          orderGenerator.generate(t, t1, queue);
        }
        load.endTick((t1 - t) / (double) Time.MICROS_PER_SECOND);
        if (t1 - lastMetrics >= intervalMicros || t1 == endMicros) {
          load.emitMetrics(t1, (t1 - lastMetrics) / (double) Time.MICROS_PER_SECOND, queue);
          lastMetrics = t1;
        }
        pacer.release(
            t,
            t1,
            bound -> {
              queue.drainBefore(bound, dispatch);
              reachedMicros = bound;
            });
        t = t1;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reachedEnd = false;
    }
    if (reachedEnd) {
      // Spans that end after the virtual end and the last metrics.
      queue.drainAll(dispatch);
      reachedMicros = endMicros;
    }
    sink.flush();
    completed = reachedEnd;
    wallEndNanos = ticker.nanoTime();
    SimulationStats stats = snapshot();
    sink.completed(stats);
    LOG.info(
        "simulation {}: {} records ({} spans, {} requests, {} metrics, {} orders, {} labels) in"
            + " {} ms, {} records/s",
        reachedEnd ? "complete" : "stopped at " + virtualNow(),
        stats.records(),
        stats.spans(),
        stats.requests(),
        stats.metrics(),
        stats.orders(),
        stats.labels().size(),
        stats.wallTime().toMillis(),
        Math.round(stats.recordsPerSecond()));
    return stats;
  }

  private void dispatch(Object record, SimulationSink sink) {
    if (record instanceof Span span) {
      sink.span(span);
      spans.incrementAndGet();
    } else if (record instanceof RequestLog request) {
      sink.request(request);
      requests.incrementAndGet();
    } else if (record instanceof MetricPoint metric) {
      sink.metric(metric);
      metrics.incrementAndGet();
    } else if (record instanceof OrderSpec order) {
      if (orderConsumer != null) {
        orderConsumer.accept(order);
      } else {
        OrderEvent event = order.toOrderPlaced();
        sink.order(event);
      }
      orders.incrementAndGet();
    } else if (record instanceof GroundTruthLabel label) {
      sink.label(label);
      labelsWritten.add(label);
    } else if (record instanceof AttackWindow attack) {
      attacksStarted.add(attack);
    } else if (record instanceof SurgeWindow surge) {
      surgesStarted.add(surge);
    } else {
      throw new IllegalStateException("unexpected queued record " + record.getClass());
    }
  }

  private ServiceLoad serviceLoad() {
    Map<String, Double> perRequest = NormalTraffic.callsPerRequest(estate);
    double probeRate =
        estate.uptimeCheckers().size() / (profile.probeInterval().toMillis() / 1000.0);
    double peakFactor = (1 + profile.dailyAmplitude()) * (1 + profile.weeklyAmplitude());
    Map<String, Double> mean = new LinkedHashMap<>();
    Map<String, Double> peak = new LinkedHashMap<>();
    for (String service : estate.services().keySet()) {
      double probes =
          service.equals(Estate.GATEWAY)
              ? probeRate * estate.healthRoutes().size()
              : estate.healthRoutes().containsKey(service) ? probeRate : 0;
      double calls = perRequest.getOrDefault(service, 0.0);
      mean.put(service, profile.baseRate() * calls + probes);
      peak.put(service, profile.baseRate() * peakFactor * calls + probes);
    }
    return new ServiceLoad(estate, mean, peak, loadRng, new Ids(loadRng.split()));
  }

  /** Expands a random attack mix into attacks, for a run of {@code runLength}. */
  static List<AttackSpec> expand(RandomAttacks mix, Duration runLength, SplittableRandom rng) {
    List<ThreatClass> classes =
        List.of(
            ThreatClass.DDOS,
            ThreatClass.CREDENTIAL_STUFFING,
            ThreatClass.SCRAPING,
            ThreatClass.LATERAL_MOVEMENT,
            ThreatClass.EXFILTRATION);
    long minMs = mix.minDuration().toMillis();
    long maxMs = mix.maxDuration().toMillis();
    double meanGapMs = Math.max(10_000, 3_600_000 / mix.perHour() - (minMs + maxMs) / 2.0);
    long limit = runLength.toMillis();
    long t = mix.warmUp().toMillis();
    List<ThreatClass> round = new ArrayList<>();
    List<AttackSpec> specs = new ArrayList<>();
    while (true) {
      t += Math.max(10_000, Math.round(Random2.exponential(rng, meanGapMs)));
      long length = minMs + (maxMs > minMs ? (long) (rng.nextDouble() * (maxMs - minMs)) : 0);
      if (t + length > limit) {
        return specs;
      }
      if (round.isEmpty()) {
        round.addAll(classes);
        for (int i = round.size() - 1; i > 0; i--) {
          int j = rng.nextInt(i + 1);
          round.set(i, round.set(j, round.get(i)));
        }
      }
      ThreatClass threatClass = round.remove(0);
      Variant variant =
          rng.nextDouble() < mix.slowAndLowShare() ? Variant.SLOW_AND_LOW : Variant.NORMAL;
      specs.add(
          AttackSpec.of(
              String.format(
                  Locale.ROOT,
                  "random-%03d-%s",
                  specs.size() + 1,
                  threatClass.name().toLowerCase(Locale.ROOT).replace('_', '-')),
              threatClass,
              variant,
              Duration.ofMillis(t),
              Duration.ofMillis(length)));
      t += length;
    }
  }

  /** Settings of a {@link Simulator}. */
  public static final class Builder {
    private long seed = 1;
    private Instant start = DEFAULT_START;
    private Duration duration = Duration.ofMinutes(10);
    private Scenario scenario = Scenario.none();
    private boolean noAttacks;
    private TrafficProfile profile = TrafficProfile.defaults();
    private double orderRate = 0.5;
    private Consumer<OrderSpec> orderConsumer;
    private Pacing pacing = Pacing.AS_FAST_AS_POSSIBLE;
    private double speed = 1.0;
    private Ticker ticker = Ticker.SYSTEM;

    private Builder() {}

    /** Seed of everything random; default 1. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Virtual start, truncated to milliseconds; default {@link #DEFAULT_START}. Use the current
     * time for live demos.
     */
    public Builder start(Instant instant) {
      this.start = Objects.requireNonNull(instant, "start");
      return this;
    }

    /** Virtual length of the run, 1 s to 400 days; default 10 minutes. */
    public Builder duration(Duration length) {
      Objects.requireNonNull(length, "duration");
      if (length.compareTo(Duration.ofSeconds(1)) < 0
          || length.compareTo(Duration.ofDays(400)) > 0) {
        throw new IllegalArgumentException("duration must be 1 s to 400 days, was " + length);
      }
      this.duration = length;
      return this;
    }

    /** Attacks and surges to run; default {@link Scenario#none()}. */
    public Builder scenario(Scenario value) {
      this.scenario = Objects.requireNonNull(value, "scenario");
      return this;
    }

    /** Drops the scenario's attacks (scripted and generated); its load surges stay. */
    public Builder noAttacks() {
      this.noAttacks = true;
      return this;
    }

    /** Shape of the normal traffic; default {@link TrafficProfile#defaults()}. */
    public Builder traffic(TrafficProfile value) {
      this.profile = Objects.requireNonNull(value, "traffic");
      return this;
    }

    /** Orders placed per second (Poisson), 0 for none; default 0.5. */
    public Builder orderRate(double perSecond) {
      if (!(perSecond >= 0) || perSecond > 10_000) {
        throw new IllegalArgumentException("orderRate must be 0..10000 per second");
      }
      this.orderRate = perSecond;
      return this;
    }

    /**
     * Sends orders to {@code consumer} (e.g. the demo's outbox writer) instead of writing {@code
     * OrderPlaced} events to the sink. Called on the simulator's thread, in virtual-time order.
     */
    public Builder orders(Consumer<OrderSpec> consumer) {
      this.orderConsumer = Objects.requireNonNull(consumer, "consumer");
      return this;
    }

    /** How virtual time relates to wall time; default {@link Pacing#AS_FAST_AS_POSSIBLE}. */
    public Builder pacing(Pacing value) {
      this.pacing = Objects.requireNonNull(value, "pacing");
      return this;
    }

    /**
     * Virtual seconds per wall second under {@link Pacing#REALTIME} (e.g. 60: an hour in a minute);
     * default 1.
     */
    public Builder speed(double factor) {
      if (!(factor > 0) || factor > 1_000_000) {
        throw new IllegalArgumentException("speed must be in (0, 1000000], was " + factor);
      }
      this.speed = factor;
      return this;
    }

    /** The wall clock the pacer uses; for tests. */
    Builder ticker(Ticker value) {
      this.ticker = Objects.requireNonNull(value, "ticker");
      return this;
    }

    /**
     * Resolves the scenario against the estate (targets, surge services, random mix).
     *
     * @throws IllegalArgumentException naming the attack or surge that does not fit the estate
     */
    public Simulator build() {
      return new Simulator(this);
    }
  }
}
