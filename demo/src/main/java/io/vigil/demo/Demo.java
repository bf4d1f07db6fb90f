package io.vigil.demo;

import io.vigil.config.VigilConfig;
import io.vigil.demo.report.DemoReport;
import io.vigil.demo.report.Observations;
import io.vigil.demo.report.ReportBuilder;
import io.vigil.demo.report.ReportWriter;
import io.vigil.demo.report.SagaCheck;
import io.vigil.devstack.EmbeddedStack;
import io.vigil.devstack.StackOptions;
import io.vigil.features.ModelTrainingPipeline;
import io.vigil.flink.runner.FlinkSubmitter;
import io.vigil.flink.runner.JobJar;
import io.vigil.flink.runner.LocalFlinkCluster;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.cdc.CdcRelay;
import io.vigil.ingest.cdc.SampleOrderService;
import io.vigil.ingest.gateway.IngestGateway;
import io.vigil.inventory.StockAdjustment;
import io.vigil.responders.FirewallResponder;
import io.vigil.responders.RunningComponent;
import io.vigil.responders.ScalingResponder;
import io.vigil.responders.actuator.ActuatorOptions;
import io.vigil.responders.actuator.LogActuator;
import io.vigil.saga.SagaState;
import io.vigil.saga.order.OrderData;
import io.vigil.saga.order.OrderSaga;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.simulator.Estate;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.LabelRole;
import io.vigil.simulator.OrderSpec;
import io.vigil.simulator.Pacing;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.SimulationPlan;
import io.vigil.simulator.Simulator;
import io.vigil.simulator.sink.KafkaSink;
import io.vigil.simulator.sink.SimulatorTopics;
import io.vigil.streams.StoreNames;
import io.vigil.streams.app.OrderSagaApp;
import io.vigil.streams.app.OrderSagaConfig;
import io.vigil.streams.inventory.SkuReservation;
import io.vigil.streams.inventory.Stock;
import io.vigil.streams.payment.Authorization;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigil demo}: the whole pipeline in one JVM on embedded defaults — stack, model trained at
 * start, Flink jobs on a local cluster, order sagas with REST, ingest gateway, CDC relay on the
 * sample order service, both responders with the log actuator, and the simulator driving labelled
 * traffic in real time — with a live console and a final report. {@link #run} returns the exit
 * code: 0 when the run is healthy.
 */
public final class Demo {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  /** Anomaly window of the run (the job's default). */
  static final Duration WINDOW = Duration.ofSeconds(10);

  /** Forecast step: a 90 s run has nine of them. */
  static final Duration FORECAST_STEP = Duration.ofSeconds(10);

  /** Bounded out-of-orderness of the jobs' watermarks. */
  static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(3);

  /** Checkpoints commit the jobs' exactly-once output: short, so results show up quickly. */
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

  /**
   * Normal traffic after the scripted duration, so the watermarks pass the end of the run and
   * closes its last windows and forecast steps with real records on every partition.
   */
  static final Duration TAIL = WINDOW.plus(OUT_OF_ORDERNESS).plusSeconds(4);

  /** Longest wait for sagas and windows after the traffic stopped. */
  static final Duration DRAIN_DEADLINE = Duration.ofSeconds(90);

  /** Normal traffic sent just before the run, while no model is published. */
  static final Duration WARM_UP = Duration.ofSeconds(40);

  /** The warm-up is done when the windows up to this long before its end have closed. */
  static final Duration WARM_UP_SETTLE = Duration.ofSeconds(15);

  /** Stock given to every SKU of the estate. */
  static final long STOCK_PER_SKU = 25;

  private final DemoOptions options;
  private final PrintWriter out;
  private final long launched = System.nanoTime();
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Map<String, String> urls = new LinkedHashMap<>();

  /** A demo writing its console to {@code out}. */
  public Demo(DemoOptions options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the demo; the exit code: 0 healthy, 1 not healthy (reasons printed), 2 failed to run. */
  public int run() {
    try {
      DemoReport report = runAndReport();
      return report.verdict().healthy() ? 0 : 1;
    } catch (Exception e) {
      LOG.error("demo failed", e);
      out.println("vigil demo failed: " + e);
      out.flush();
      return 2;
    } finally {
      closeAll();
    }
  }

  private DemoReport runAndReport() throws Exception {
    Path work = Files.createTempDirectory("vigil-demo");
    resources.push(() -> deleteTree(work));
    Scenario scenario =
        options.scenarioFile() == null ? Scenario.demo() : Scenario.load(options.scenarioFile());
    // The estate and the plan are functions of the seed: known before the run starts.
    Simulator preview = simulator(scenario, Instant.now(), null);
    Estate estate = preview.estate();
    say(
        "Vigil demo: seed %d, scenario %s, %s of traffic, %d attacks, %d surges",
        options.seed(),
        scenario.name(),
        human(options.duration()),
        preview.plan().attacks().size(),
        preview.plan().surges().size());

    // 2. The model, trained while the rest starts.
    CompletableFuture<ModelTraining.Trained> training =
        CompletableFuture.supplyAsync(
            () -> ModelTraining.train(options.seed(), options.trainingData(), work));

    // 1. The embedded stack and every catalog topic.
    EmbeddedStack stack =
        EmbeddedStack.start(
            StackOptions.builder()
                .kafkaPort(options.kafkaPort())
                .registryPort(options.registryPort())
                .postgresPort(options.postgresPort())
                .withPostgres(true)
                .build());
    resources.push(stack);
    Map<String, String> endpoints =
        Map.of(
            VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
            VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl());
    VigilConfig config = new VigilConfig(endpoints);
    TopicCatalog catalog = TopicCatalog.from(config);
    SimulatorTopics simulatorTopics = SimulatorTopics.from(catalog);
    try (Admin admin = Admin.create(config.adminProps())) {
      createTopics(
          admin,
          catalog.all(),
          // the simulator's labels topic, like its spans topic (as SimulatorTopics.createMissing)
          new NewTopic(
              simulatorTopics.labels(),
              simulatorTopics.spans().partitions(),
              simulatorTopics.spans().replicationFactor()));
    }
    say("stack ready in %s: kafka %s", secs(stack.totalStartupTime()), stack.bootstrapServers());

    // 3. Flink: local cluster with its web UI; both jobs from the job jar.
    LocalFlinkCluster flink =
        LocalFlinkCluster.builder()
            .restPort(options.flinkUiPort())
            .slotsPerTaskManager(2)
            .config("restart-strategy.type", "fixed-delay")
            .config("restart-strategy.fixed-delay.attempts", "3")
            .config("restart-strategy.fixed-delay.delay", "2 s")
            .start();
    resources.push(flink);
    urls.put("Flink web UI", flink.restUrl());
    FlinkSubmitter submitter = new FlinkSubmitter(flink.restUrl());
    Path jar = options.jobJar() != null ? options.jobJar() : JobJar.locate();
    String jarId = submitter.uploadJar(jar);
    String anomalyJob = submitter.run(jarId, anomalyJobRequest(endpoints));
    String forecastJob = submitter.run(jarId, forecastJobRequest(endpoints));
    // Cancelled before the cluster closes: no task failures logged at shutdown.
    resources.push(
        () -> {
          submitter.cancel(anomalyJob);
          submitter.cancel(forecastJob);
        });

    // 4. Order sagas (REST API), ingest gateway, the sample order service and its CDC relay.
    OrderSagaApp sagas = startSagas(endpoints, work);
    resources.push(sagas);
    urls.put("Order saga REST API", "http://127.0.0.1:" + sagas.httpPort() + "/api/v1/sagas");
    urls.put("Saga metrics", "http://127.0.0.1:" + sagas.httpPort() + "/metrics");
    Map<String, Long> seeded = seedStock(config, sagas, estate);

    IngestGateway gateway = IngestGateway.start(ingestConfig(endpoints, gatewayOverrides()));
    resources.push(gateway);
    urls.put(
        "Ingest gateway (JSON /v1/events/{topic}, OTLP /v1/traces|metrics|logs)", gateway.url());
    urls.put("Gateway metrics", gateway.url() + "/metrics");

    try (SampleOrderService schema =
        SampleOrderService.connect(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword())) {
      schema.createSchema();
    }
    CdcRelay relay = CdcRelay.start(ingestConfig(endpoints, cdcOverrides(stack)));
    resources.push(relay);
    relay
        .failure()
        .whenComplete(
            (ok, e) -> {
              if (e != null) {
                problems.add("CDC relay failed: " + e);
              }
            });
    SampleOrderService orderService =
        SampleOrderService.connect(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
    resources.push(orderService);

    // Warm-up: normal traffic just before the run, scored while no model is there (cold start,
    // class NONE: never acted on), so that the jobs know every call-graph edge and baseline when
    // the run starts. Without it every edge is "new" in the first windows of the run and looks
    // like lateral movement to the model.
    awaitReady(
        "the Flink jobs",
        Duration.ofMinutes(3),
        () -> running(submitter, anomalyJob) && running(submitter, forecastJob));
    Instant warmedUntil = warmUp(config, simulatorTopics, scenario);
    FlinkProgress progress = new FlinkProgress(flink.restUrl());
    long warmDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!progress.watermarkPassed(
        anomalyJob, warmedUntil.minus(WARM_UP_SETTLE).toEpochMilli())) {
      if (System.nanoTime() > warmDeadline) {
        problems.add("warm-up: the anomaly job did not get through the warm-up traffic in time");
        break;
      }
      Thread.sleep(250);
    }
    say("warm-up traffic (%s, no attacks) scored without a model", human(WARM_UP));

    // 2 (cont.). The model must be on analytics.models before the anomaly job scores a window.
    ModelTraining.Trained trained = training.get(10, TimeUnit.MINUTES);
    ModelTrainingPipeline.Summary model = trained.summary();
    ModelTrainingPipeline.publish(
        config, catalog.models(), ModelTrainingPipeline.modelRef(model, Instant.now()));
    say(
        "model %s@%s trained in %s on %s of simulated traffic (seed %d): %d windows",
        model.modelName(),
        model.version(),
        secs(trained.took()),
        human(trained.data()),
        trained.seed(),
        model.windows());
    Map<String, Double> targets = Calibration.targetPerReplica(trained.dataDir(), estate, WINDOW);

    // 5. Responders and the log actuator.
    List<String> allowList = new ArrayList<>(estate.allowListedRanges());
    allowList.add("127.0.0.0/8");
    allowList.add("::1/128");
    RunningComponent firewall =
        FirewallResponder.start(
            FirewallResponder.Setup.load(
                Optional.empty(), Map.of(), firewallOverrides(endpoints, allowList)));
    resources.push(firewall);
    RunningComponent scaling =
        ScalingResponder.start(
            ScalingResponder.Setup.load(
                Optional.empty(), Map.of(), scalingOverrides(endpoints, estate, targets)));
    resources.push(scaling);
    var actuatorSettings =
        ActuatorOptions.load(
            Optional.empty(), Map.of(), merge(endpoints, Map.of("vigil.actuators.http.port", "0")));
    RunningComponent actuator =
        LogActuator.start(actuatorSettings, ActuatorOptions.from(actuatorSettings));
    resources.push(actuator);
    urls.put("Firewall responder metrics", "http://127.0.0.1:" + firewall.httpPort() + "/metrics");
    urls.put("Scaling responder metrics", "http://127.0.0.1:" + scaling.httpPort() + "/metrics");

    Collector collector = new Collector(config, catalog);
    resources.push(collector);

    awaitReady(
        "the Flink jobs",
        Duration.ofMinutes(3),
        () -> running(submitter, anomalyJob) && running(submitter, forecastJob));
    awaitReady(
        "the order saga app",
        Duration.ofMinutes(2),
        () -> sagas.streams().state() == KafkaStreams.State.RUNNING);
    awaitReady("the CDC relay", Duration.ofMinutes(1), () -> slotActive(stack));

    // 6. The run: real-time traffic, orders through the outbox.
    Set<String> placed = ConcurrentHashMap.newKeySet();
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Simulator simulator =
        simulator(
            scenario,
            start,
            order -> {
              try {
                placed.add(
                    orderService
                        .placeOrder(
                            order.customerId(),
                            order.lines().stream()
                                .map(
                                    l ->
                                        new SampleOrderService.Line(
                                            l.sku(), l.quantity(), l.unitPrice()))
                                .toList(),
                            order.currency())
                        .orderId());
              } catch (SQLException e) {
                problems.add("order service: " + e.getMessage());
              }
            });
    SimulationPlan plan = simulator.plan();
    Instant end = start.plus(options.duration());
    long startupMs = millisSince(launched);
    printUrls();
    say(
        "started in %s; traffic runs until %s (+%s so the last windows close)",
        secs(Duration.ofMillis(startupMs)), end, human(TAIL));
    KafkaSink sink = KafkaSink.create(config, simulatorTopics);
    CompletableFuture<Void> traffic =
        CompletableFuture.runAsync(
            () -> {
              try {
                simulator.run(sink);
              } finally {
                sink.close();
              }
            });
    LiveConsole console =
        new LiveConsole(out, config, sagas, simulator, collector, start, options.duration());
    resources.push(console);
    // 7. Live console until the traffic is done.
    while (!traffic.isDone()) {
      console.print();
      try {
        traffic.get(options.refresh().toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException stillRunning) {
        // next refresh
      } catch (ExecutionException e) {
        problems.add("simulator failed: " + e.getCause());
        break;
      }
    }
    console.print();
    long drainStarted = System.nanoTime();

    // 8. Drain: sagas terminal, windows of the run emitted and committed, everything read.
    say("traffic done; draining (sagas, last windows, responders) ...");
    long windowsDone = -1;
    long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
    long horizon = end.plus(WINDOW).toEpochMilli();
    boolean sagasDone = false;
    boolean windowsClosed = false;
    while (System.nanoTime() < deadline) {
      sagasDone = sagasDone || allTerminal(sagas, placed);
      if (!windowsClosed
          && progress.watermarkPassed(anomalyJob, horizon)
          && progress.watermarkPassed(forecastJob, end.plus(FORECAST_STEP).toEpochMilli())) {
        windowsClosed = true;
        windowsDone = System.currentTimeMillis();
      }
      boolean committed =
          windowsClosed
              && progress.checkpointCompletedAfter(anomalyJob, windowsDone)
              && progress.checkpointCompletedAfter(forecastJob, windowsDone);
      if (sagasDone
          && committed
          && console.laggingGroups().isEmpty()
          && collector.caughtUpSince(System.nanoTime() - 1_000_000_000L)) {
        break;
      }
      Thread.sleep(500);
    }
    if (!sagasDone) {
      problems.add("drain: not every saga was terminal after " + human(DRAIN_DEADLINE));
    }
    if (!windowsClosed) {
      problems.add("drain: the Flink windows of the run were not all emitted in time");
    }
    checkComponent(firewall);
    checkComponent(scaling);
    checkComponent(actuator);
    checkJob(submitter, anomalyJob, "anomaly");
    checkJob(submitter, forecastJob, "forecast");
    if (collector.failure() != null) {
      problems.add("collector failed: " + collector.failure());
    }
    long drainMs = millisSince(drainStarted);

    // The report.
    SagaCheck.Summary sagaSummary = checkSagas(sagas, placed, seeded);
    Instant firstAnomaly = collector.firstAnomalyAt();
    long launchedWall = System.currentTimeMillis() - millisSince(launched);
    DemoReport report =
        ReportBuilder.build(
            new ReportBuilder.Inputs(
                new DemoReport.Run(
                    options.seed(),
                    scenario.name(),
                    !options.noAttacks(),
                    start,
                    end,
                    options.duration().toMillis(),
                    WINDOW.toMillis(),
                    FORECAST_STEP.toMillis(),
                    allowList),
                new DemoReport.Timings(
                    startupMs,
                    trained.took().toMillis(),
                    firstAnomaly == null ? -1 : firstAnomaly.toEpochMilli() - launchedWall,
                    drainMs,
                    millisSince(launched)),
                new DemoReport.Model(
                    model.modelName(),
                    model.version(),
                    trained.seed(),
                    trained.data().toMillis(),
                    perClass(model),
                    model.oobAccuracy(),
                    model.trainingTime().toMillis(),
                    model.artifactUri().toString()),
                urls,
                attacks(plan, end),
                plan.surges().stream()
                    .map(
                        s ->
                            new Observations.Surge(
                                s.name(), s.service(), s.factor(), s.start(), s.end()))
                    .toList(),
                collector.anomalyList,
                collector.firewallList,
                collector.scalingList,
                collector.forecastList,
                sagaSummary,
                problems));
    Path json = ReportWriter.write(report, options.reportDir());
    out.println();
    out.print(ReportWriter.markdown(report));
    out.printf(
        "Report: %s and %s%n",
        json.toAbsolutePath(),
        options.reportDir().resolve(ReportWriter.MARKDOWN_FILE).toAbsolutePath());
    out.flush();
    return report;
  }

  // ------------------------------------------------------------------------------------------
  // Components

  private Simulator simulator(
      Scenario scenario, Instant start, java.util.function.Consumer<OrderSpec> orders) {
    Simulator.Builder b =
        Simulator.builder()
            .seed(options.seed())
            .start(start)
            .duration(options.duration().plus(TAIL))
            .scenario(scenario)
            .pacing(Pacing.REALTIME)
            .speed(1);
    if (options.noAttacks()) {
      b.noAttacks();
    }
    if (orders != null) {
      b.orders(orders);
    }
    return b.build();
  }

  /** Sends {@link #WARM_UP} of normal traffic ending now (no orders); returns its end. */
  private Instant warmUp(VigilConfig config, SimulatorTopics topics, Scenario scenario) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    try (KafkaSink sink = KafkaSink.create(config, topics)) {
      Simulator.builder()
          .seed(options.seed())
          .start(end.minus(WARM_UP))
          .duration(WARM_UP)
          .scenario(Scenario.none())
          .orderRate(0)
          .pacing(Pacing.AS_FAST_AS_POSSIBLE)
          .build()
          .run(sink);
    }
    return end;
  }

  private OrderSagaApp startSagas(Map<String, String> endpoints, Path work) throws IOException {
    Map<String, String> overrides = new HashMap<>(endpoints);
    overrides.put(OrderSagaConfig.APPLICATION_ID_CONFIG, "vigil-demo-sagas");
    overrides.put(OrderSagaConfig.HTTP_PORT_CONFIG, Integer.toString(options.restPort()));
    overrides.put(
        OrderSagaConfig.STATE_DIR_CONFIG,
        Files.createDirectories(work.resolve("streams")).toString());
    overrides.put(OrderSagaConfig.STANDBY_REPLICAS_CONFIG, "0");
    // Some declined payments, so that compensations run and the invariants have something to check.
    overrides.put(OrderSagaConfig.PAYMENT_DECLINE_RATE_CONFIG, "0.1");
    OrderSagaConfig sagaConfig = OrderSagaConfig.load(Optional.empty(), Map.of(), overrides);
    OrderSagaApp.Settings s = sagaConfig.settings();
    OrderSagaApp.Settings settings =
        new OrderSagaApp.Settings(
            s.applicationId(),
            s.httpHost(),
            s.httpPort(),
            s.advertisedHost(),
            s.stateDir(),
            s.standbyReplicas(),
            s.streamThreads(),
            s.createTopics(),
            s.maxLongPoll(),
            s.topology(),
            merge(s.streamsOverrides(), Map.of("commit.interval.ms", 200)));
    return OrderSagaApp.start(sagaConfig, settings);
  }

  private Map<String, Long> seedStock(VigilConfig config, OrderSagaApp app, Estate estate) {
    Map<String, Long> seeded = new TreeMap<>();
    Topic<String, StockAdjustment> topic = app.topics().stockAdjustments();
    try (KafkaProducer<String, StockAdjustment> producer =
        new KafkaProducer<>(
            config.producerProps(), new StringSerializer(), topic.valueSerde().serializer())) {
      for (Estate.Sku sku : estate.skus()) {
        seeded.put(sku.sku(), STOCK_PER_SKU);
        producer.send(
            new ProducerRecord<>(
                topic.name(),
                sku.sku(),
                StockAdjustment.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setOccurredAt(Instant.now())
                    .setSku(sku.sku())
                    .setDelta(STOCK_PER_SKU)
                    .setReason("demo initial count")
                    .build()));
      }
      producer.flush();
    }
    return seeded;
  }

  private Map<String, String> gatewayOverrides() {
    return Map.of(
        IngestConfig.GATEWAY_HOST_CONFIG, "127.0.0.1",
        IngestConfig.GATEWAY_PORT_CONFIG, Integer.toString(options.gatewayPort()),
        IngestConfig.GATEWAY_AUTH_ENABLED_CONFIG, "false");
  }

  private static Map<String, String> cdcOverrides(EmbeddedStack stack) {
    Map<String, String> o = new HashMap<>();
    o.put(IngestConfig.CDC_SOURCES_CONFIG, "orders");
    o.put("vigil.cdc.source.orders.jdbc.url", stack.jdbcUrl());
    o.put("vigil.cdc.source.orders.user", stack.jdbcUser());
    o.put("vigil.cdc.source.orders.password", stack.jdbcPassword());
    o.put("vigil.cdc.source.orders.slot.name", SLOT);
    o.put(IngestConfig.CDC_OFFSET_FLUSH_INTERVAL_MS_CONFIG, "500");
    o.put(IngestConfig.CDC_HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
    return o;
  }

  private static final String SLOT = "vigil_demo_orders";

  private static IngestConfig ingestConfig(
      Map<String, String> endpoints, Map<String, String> overrides) {
    return IngestConfig.load(Optional.empty(), Map.of(), merge(endpoints, overrides));
  }

  private static List<String> jobArgs(Map<String, String> endpoints) {
    return new ArrayList<>(
        List.of(
            "--bootstrap-servers",
            endpoints.get(VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG),
            "--schema-registry-url",
            endpoints.get(VigilConfig.SCHEMA_REGISTRY_URL_CONFIG),
            "--parallelism",
            "1",
            "--checkpoint-interval-ms",
            Long.toString(CHECKPOINT_INTERVAL.toMillis()),
            "--out-of-orderness-ms",
            Long.toString(OUT_OF_ORDERNESS.toMillis())));
  }

  /** The anomaly job: 10 s windows; the firewall's per-class minimums decide what is acted on. */
  static FlinkSubmitter.RunRequest anomalyJobRequest(Map<String, String> endpoints) {
    List<String> args = jobArgs(endpoints);
    args.addAll(
        List.of(
            "--group-id",
            "vigil-demo-anomaly",
            "--transactional-id-prefix",
            "vigil-demo-anomaly",
            "--window-ms",
            Long.toString(WINDOW.toMillis()),
            "--min-score",
            Integer.toString(DemoTuning.MIN_SCORE),
            "--model-name",
            ModelTrainingPipeline.DEFAULT_MODEL_NAME));
    return FlinkSubmitter.RunRequest.of(FlinkSubmitter.ANOMALY_JOB, args);
  }

  /** The forecast job: 10 s steps, 15 steps ahead, seasons of one minute. */
  static FlinkSubmitter.RunRequest forecastJobRequest(Map<String, String> endpoints) {
    List<String> args = jobArgs(endpoints);
    args.addAll(
        List.of(
            "--group-id",
            "vigil-demo-forecast",
            "--transactional-id-prefix",
            "vigil-demo-forecast",
            "--step-ms",
            Long.toString(FORECAST_STEP.toMillis()),
            "--horizon",
            "15",
            "--season-steps",
            "6"));
    return FlinkSubmitter.RunRequest.of(FlinkSubmitter.FORECAST_JOB, args);
  }

  private static Map<String, String> firewallOverrides(
      Map<String, String> endpoints, List<String> allowList) {
    Map<String, String> o = new HashMap<>(endpoints);
    o.put("vigil.firewall.allow.cidrs", String.join(",", allowList));
    o.put("vigil.responders.firewall.http.port", "0");
    o.put("vigil.responders.firewall.tick.interval.ms", "1000");
    o.putAll(DemoTuning.firewall());
    return o;
  }

  private static Map<String, String> scalingOverrides(
      Map<String, String> endpoints, Estate estate, Map<String, Double> targets) {
    Map<String, String> o = new HashMap<>(endpoints);
    o.put("vigil.responders.scaling.http.port", "0");
    o.put("vigil.responders.scaling.load.source", "requests");
    o.put("vigil.responders.scaling.load.window.ms", Long.toString(WINDOW.toMillis()));
    o.put("vigil.responders.scaling.replicas.metric", "service.replicas");
    o.put("vigil.responders.scaling.tick.interval.ms", "1000");
    o.put("vigil.scaling.services", String.join(",", targets.keySet()));
    targets.forEach(
        (service, target) ->
            o.put(
                "vigil.scaling.service." + service + ".target-per-replica",
                String.format(Locale.ROOT, "%.2f", target)));
    o.putAll(DemoTuning.scaling());
    return o;
  }

  // ------------------------------------------------------------------------------------------
  // Checks

  private boolean running(FlinkSubmitter submitter, String jobId) {
    String state = submitter.jobState(jobId);
    if (Set.of("FAILED", "CANCELED", "FINISHED").contains(state)) {
      throw new IllegalStateException(
          "Flink job " + jobId + " is " + state + ": " + submitter.rootException(jobId));
    }
    return submitter.isFullyRunning(jobId);
  }

  private void checkJob(FlinkSubmitter submitter, String jobId, String name) {
    try {
      String state = submitter.jobState(jobId);
      if (!"RUNNING".equals(state)) {
        problems.add("Flink " + name + " job is " + state + ": " + submitter.rootException(jobId));
      }
    } catch (RuntimeException e) {
      problems.add("Flink " + name + " job: " + e.getMessage());
    }
  }

  private void checkComponent(RunningComponent c) {
    c.failure().ifPresent(e -> problems.add(c.name() + " failed: " + e));
  }

  private static boolean slotActive(EmbeddedStack stack) {
    try (Connection c =
            DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        PreparedStatement s =
            c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
      s.setString(1, SLOT);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    } catch (SQLException e) {
      return false;
    }
  }

  private static boolean allTerminal(OrderSagaApp app, Set<String> placed) {
    try {
      Map<String, SagaState<OrderData>> sagas = sagaStates(app);
      return placed.stream().allMatch(id -> sagas.containsKey(id) && sagas.get(id).isTerminal());
    } catch (RuntimeException rebalancing) {
      return false;
    }
  }

  static Map<String, SagaState<OrderData>> sagaStates(OrderSagaApp app) {
    Map<String, SagaState<OrderData>> sagas = new TreeMap<>();
    all(app, StoreNames.SAGA_STATE, byte[].class)
        .forEach((k, v) -> sagas.put(k, OrderSaga.stateCodec().decode(v)));
    return sagas;
  }

  private static SagaCheck.Summary checkSagas(
      OrderSagaApp app, Set<String> placed, Map<String, Long> seeded) {
    return SagaCheck.check(
        placed,
        sagaStates(app),
        seeded,
        all(app, StoreNames.INVENTORY_STOCK, Stock.class),
        all(app, StoreNames.INVENTORY_SKU_RESERVATIONS, SkuReservation.class),
        all(app, StoreNames.PAYMENT_AUTHORIZATIONS, Authorization.class));
  }

  static <V> Map<String, V> all(OrderSagaApp app, String store, Class<V> type) {
    Map<String, V> entries = new TreeMap<>();
    ReadOnlyKeyValueStore<String, Object> local =
        app.streams()
            .store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
    try (KeyValueIterator<String, Object> it = local.all()) {
      while (it.hasNext()) {
        KeyValue<String, Object> entry = it.next();
        entries.put(entry.key, type.cast(entry.value));
      }
    }
    return entries;
  }

  // ------------------------------------------------------------------------------------------
  // Ground truth

  /** The scripted attacks of the plan with their SOURCE and TARGET entities. */
  static List<Observations.Attack> attacks(SimulationPlan plan, Instant end) {
    Map<String, List<GroundTruthLabel>> byAttack = new LinkedHashMap<>();
    for (GroundTruthLabel l : plan.labels()) {
      byAttack.computeIfAbsent(l.scenario(), k -> new ArrayList<>()).add(l);
    }
    List<Observations.Attack> attacks = new ArrayList<>();
    for (var a : plan.attacks()) {
      if (!a.start().isBefore(end)) {
        continue;
      }
      Set<Observations.Entity> sources = new LinkedHashSet<>();
      Set<Observations.Entity> targets = new LinkedHashSet<>();
      for (GroundTruthLabel l : byAttack.getOrDefault(a.name(), List.of())) {
        Observations.Entity e = new Observations.Entity(l.entityType().name(), l.entity());
        (l.role() == LabelRole.SOURCE ? sources : targets).add(e);
      }
      attacks.add(
          new Observations.Attack(
              a.name(),
              a.threatClass().name(),
              a.variant().name(),
              a.start(),
              a.end().isAfter(end) ? end : a.end(),
              sources,
              targets));
    }
    return attacks;
  }

  private static Map<String, Long> perClass(ModelTrainingPipeline.Summary model) {
    Map<String, Long> m = new TreeMap<>();
    model.windowsPerClass().forEach((c, n) -> m.put(c.name(), n));
    return m;
  }

  // ------------------------------------------------------------------------------------------
  // Plumbing

  private void printUrls() {
    say("endpoints:");
    urls.forEach((k, v) -> out.printf("  %-70s %s%n", k, v));
    out.flush();
  }

  private void awaitReady(String what, Duration timeout, BooleanSupplier ready)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " not ready after " + human(timeout));
      }
      Thread.sleep(200);
    }
  }

  /**
   * Creates every topic with its DLQ, and {@code extra}; topics that exist are left alone (each
   * creation is checked on its own: a list-then-create can race with metadata propagation).
   */
  private static void createTopics(
      Admin admin, List<? extends Topic<?, ?>> topics, NewTopic... extra)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    List<NewTopic> plan = new ArrayList<>(List.of(extra));
    for (Topic<?, ?> t : topics) {
      plan.add(t.toNewTopic());
      plan.add(t.dlqTopic().toNewTopic());
    }
    var result = admin.createTopics(plan);
    for (NewTopic t : plan) {
      try {
        result.values().get(t.name()).get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  private void closeAll() {
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", r, e.toString());
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @SafeVarargs
  private static <V> Map<String, V> merge(Map<String, ? extends V>... maps) {
    Map<String, V> m = new HashMap<>();
    for (Map<String, ? extends V> x : maps) {
      m.putAll(x);
    }
    return m;
  }

  private void say(String format, Object... args) {
    out.printf(
        "[%5.1fs] %s%n", millisSince(launched) / 1000.0, String.format(Locale.ROOT, format, args));
    out.flush();
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  static String secs(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 && s >= 60 ? s / 60 + " min" : s + " s";
  }
}
