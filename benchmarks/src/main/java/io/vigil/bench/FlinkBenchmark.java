package io.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.analytics.Anomaly;
import io.vigil.analytics.ModelKind;
import io.vigil.analytics.ModelRef;
import io.vigil.analytics.baseline.FeatureBaseline;
import io.vigil.analytics.features.FeatureSchema;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.LabelledVector;
import io.vigil.analytics.model.ModelBundle;
import io.vigil.analytics.model.Trainer;
import io.vigil.analytics.model.TrainerConfig;
import io.vigil.analytics.scoring.AnomalyScorer;
import io.vigil.config.VigilConfig;
import io.vigil.features.ModelTrainingPipeline;
import io.vigil.features.OfflineWindows;
import io.vigil.features.TelemetryMapping;
import io.vigil.flink.runner.FlinkSubmitter;
import io.vigil.flink.runner.FlinkSubmitter.RunRequest;
import io.vigil.flink.runner.JobJar;
import io.vigil.flink.runner.LocalFlinkCluster;
import io.vigil.orders.OrderEvent;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.SimulationSink;
import io.vigil.simulator.Simulator;
import io.vigil.simulator.sink.KafkaSink;
import io.vigil.simulator.sink.SimulatorTopics;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code vigil bench flink}: records/s of the anomaly job (windows scored by a trained Isolation
 * Forest + Random Forest bundle) against the same windowed job without scoring ({@code --scoring
 * none}), in one run, on the same input; plus the scorer's windows/s on one thread.
 *
 * <p>The input is simulator traffic with the demo attacks, produced once to fresh topics before any
 * job starts. Each job variant is the shaded job jar submitted over REST to a local Flink cluster
 * in this JVM, reads the whole input from the earliest offset with {@code --bounded true} (its
 * sources stop at the offsets that were latest at its start, the last windows close at the end of
 * input) and is timed from RUNNING to FINISHED as Flink reports them. Variants alternate for
 * {@value #ROUNDS} rounds (reference first); the best round of each is reported.
 *
 * <p>The scorer rows run analytics' {@link AnomalyScorer} (what the job's scoring operator calls
 * per window, entity baselines included) single-threaded over the input's feature windows, computed
 * offline with the job's mapping, after a warm-up.
 */
public final class FlinkBenchmark implements Benchmark {

  /** Name on the command line. */
  public static final String NAME = "flink";

  /** Anomaly job records/s ÷ unscored windowed job records/s the benchmark aims at. */
  public static final double TARGET = 0.8;

  /** Label of the reference row. */
  public static final String UNSCORED_ROW = "windowed job, no scoring (--scoring none)";

  /** Label of the measured row. */
  public static final String SCORED_ROW = "anomaly job (IF+RF model)";

  /** Label of the scorer row with the model bundle. */
  public static final String SCORER_ROW = "scorer, IF+RF bundle, 1 thread";

  /** Label of the scorer row without a model. */
  public static final String BASELINE_SCORER_ROW = "scorer, cold-start baseline, 1 thread";

  /** Table columns. */
  public static final List<String> COLUMNS =
      List.of("records in", "windows", "seconds", "records/s", "windows/s");

  /** Rounds of each job variant; the best is reported. */
  static final int ROUNDS = 2;

  /** Input records per second of {@code --duration} (the input is sized, not the time). */
  static final long RECORDS_PER_SECOND = 20_000;

  static final long MIN_RECORDS = 100_000;
  static final long MAX_RECORDS = 3_000_000;

  /** The job's window (its default). */
  static final Duration WINDOW = Duration.ofSeconds(10);

  static final long TRAINING_SEED = 101;
  static final long INPUT_SEED = 202;
  static final Duration TRAINING_RUN = Duration.ofMinutes(3);

  /** Name of the scoring vertex in Flink (TrafficAnomalyJob.SCORING_NAME, a prefix). */
  static final String SCORING_VERTEX = "score windows (hot-swapped model)";

  /** Name of the unscored vertex in Flink (TrafficAnomalyJob.NO_SCORING_NAME, a prefix). */
  static final String NO_SCORING_VERTEX = "count windows, no scoring (--scoring none)";

  private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public BenchResult run(VigilConfig cluster, Duration duration) throws Exception {
    String run = "bench-flink-" + UUID.randomUUID().toString().substring(0, 8);
    TopicCatalog catalog = TopicCatalog.from(cluster);
    SimulatorTopics topics = SimulatorTopics.from(catalog).renamed(t -> run + "." + t);
    String models = run + ".models";
    String anomalies = run + ".anomalies";
    Path modelDir = Files.createTempDirectory("vigil-bench-flink-");
    try (Admin admin = Admin.create(cluster.adminProps())) {
      topics.createMissing(admin);
      admin
          .createTopics(
              List.of(
                  new NewTopic(models, 1, (short) 1),
                  new NewTopic(anomalies, 1, (short) 1),
                  new NewTopic(topics.requests().name() + ".dlq", 1, (short) 1),
                  new NewTopic(topics.spans().name() + ".dlq", 1, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);

      // The model: trained on another seed's simulator run, with the trainer's defaults.
      Training training = train();
      ModelRef ref = publishable(training.bundle(), modelDir);
      ModelTrainingPipeline.publish(cluster, rename(catalog.models(), models), ref);

      // The input: produced once, its feature windows computed offline for the scorer rows.
      long target = records(duration);
      Duration virtual = virtualTime(target, normalRecordsPerVirtualSecond());
      WindowingSink windows = new WindowingSink(WINDOW);
      long t0 = System.nanoTime();
      try (KafkaSink kafka = KafkaSink.create(cluster, topics)) {
        simulator(INPUT_SEED, virtual).run(SimulationSink.tee(kafka, windows));
      }
      double produceSeconds = (System.nanoTime() - t0) / 1e9;
      List<String> inputTopics =
          List.of(topics.requests().name(), topics.spans().name(), topics.metrics().name());
      Map<String, Long> perTopic = endOffsets(admin, inputTopics);
      long in = perTopic.values().stream().mapToLong(Long::longValue).sum();
      List<FeatureVector> vectors = windows.vectors();

      // The two job variants, alternating, on a local cluster in this JVM.
      Side unscored = null;
      Side scored = null;
      List<String> rounds = new ArrayList<>();
      try (LocalFlinkCluster flink =
          LocalFlinkCluster.builder()
              .slotsPerTaskManager(2)
              .config("restart-strategy.type", "none")
              .start()) {
        FlinkSubmitter rest = new FlinkSubmitter(flink.restUrl());
        String jarId = rest.uploadJar(JobJar.locate());
        Duration timeout = timeout(duration);
        for (int round = 1; round <= ROUNDS; round++) {
          for (String scoring : List.of("none", "model")) {
            List<String> args =
                jobArgs(cluster, topics, models, anomalies, run + "-" + scoring + "-" + round);
            args.addAll(List.of("--scoring", scoring));
            String jobId = rest.run(jarId, RunRequest.of(FlinkSubmitter.ANOMALY_JOB, args));
            JsonNode details = rest.awaitFinished(jobId, timeout);
            Side side =
                Side.of(details, scoring.equals("none") ? NO_SCORING_VERTEX : SCORING_VERTEX, in);
            rounds.add(
                String.format(
                    Locale.ROOT,
                    "%d %s %.0f/s (%.1f s)",
                    round,
                    scoring,
                    side.recordsPerSecond(),
                    side.seconds()));
            if (scoring.equals("none")) {
              unscored = Side.best(unscored, side);
            } else {
              scored = Side.best(scored, side);
            }
          }
        }
      }

      // The scored rounds must have used the model: a bundle the job cannot read (e.g. a job jar
      // built against another analytics version) is rejected and the job scores cold-start.
      Map<String, Long> outByModel =
          countByModelVersion(cluster, rename(catalog.anomalies(), anomalies));
      if (outByModel.getOrDefault(training.bundle().version(), 0L) == 0) {
        throw new IllegalStateException(
            "the anomaly job emitted no anomaly scored by model "
                + training.bundle().version()
                + " (anomalies per model version: "
                + outByModel
                + "): it rejected the bundle, see its log; rebuild flink-jobs and the CLI from"
                + " the same analytics");
      }

      // The scorer on one thread: with the bundle, and cold start (baselines only).
      Duration measure = scorerTime(duration);
      Duration warmUp = measure.dividedBy(2);
      Scored withModel = score(vectors, training.bundle(), warmUp, measure);
      Scored coldStart = score(vectors, null, warmUp, measure);

      Map<String, List<Double>> rows = new LinkedHashMap<>();
      rows.put(UNSCORED_ROW, unscored.row(in));
      rows.put(SCORED_ROW, scored.row(in));
      rows.put(SCORER_ROW, withModel.row());
      rows.put(BASELINE_SCORER_ROW, coldStart.row());
      double ratio = scored.recordsPerSecond() / unscored.recordsPerSecond();

      Map<String, String> notes = new LinkedHashMap<>();
      notes.put(
          "input",
          String.format(
              Locale.ROOT,
              "%,d records (%s) = %,d virtual seconds of simulator traffic (seed %d, demo"
                  + " attacks, default profile; %d per second of --duration, %,d..%,d), produced"
                  + " in %.1f s before any job starts; %,d entity windows of %d s offline",
              in,
              perTopic,
              virtual.toSeconds(),
              INPUT_SEED,
              RECORDS_PER_SECOND,
              MIN_RECORDS,
              MAX_RECORDS,
              produceSeconds,
              vectors.size(),
              WINDOW.toSeconds()));
      notes.put(
          "model",
          String.format(
              Locale.ROOT,
              "%s: %d isolation trees per entity type + %d-tree random forest"
                  + " (TrainerConfig.defaults), trained in %.1f s on %,d labelled windows of a"
                  + " %d-minute simulator run (seed %d), %,d bytes, published by file URI",
              training.bundle().version(),
              training.config().isolationTrees(),
              training.config().forestTrees(),
              training.seconds(),
              training.windows(),
              TRAINING_RUN.toMinutes(),
              TRAINING_SEED,
              training.bytes()));
      notes.put(
          "jobs",
          "shaded job jar over REST to a local MiniCluster in this JVM; parallelism 1;"
              + " --bounded true, --window-ms 10000, --checkpoint-interval-ms 1000, EXACTLY_ONCE"
              + " sinks, default min-score 50; each variant has its own consumer group and reads"
              + " the input from the earliest offset");
      notes.put(
          "timing",
          "job RUNNING → FINISHED as Flink reports it (includes task start-up, the last windows"
              + " and the final checkpoint that commits the output); records/s = records in ÷"
              + " that; windows = records read by the scoring (or unscored) vertex; best of "
              + ROUNDS
              + " alternating rounds: "
              + String.join(", ", rounds));
      notes.put(
          "scorer",
          String.format(
              Locale.ROOT,
              "AnomalyScorer.assess (explanation vs the entity baseline, IF score, RF class,"
                  + " baseline update) over the input's %,d windows in order, one thread, %.1f s"
                  + " warm-up then %.1f s measured per row",
              vectors.size(),
              warmUp.toMillis() / 1000.0,
              measure.toMillis() / 1000.0));
      boolean c1Only =
          java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
              .anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel="));
      notes.put(
          "jvm",
          (c1Only
                  ? "C1 only (-XX:TieredStopAtLevel): Smile's forests lose more than the"
                      + " windowing, so the ratio reads low; bin/vigil bench runs with C2"
                  : "full JIT (C2), as a TaskManager runs")
              + "; "
              + Runtime.getRuntime().availableProcessors()
              + " cores");
      notes.put(
          "target",
          "≥ "
              + TARGET
              + ": scoring runs once per closed entity window, and a window folds many records"
              + " (the input's "
              + String.format(Locale.ROOT, "%.1f", (double) in / Math.max(1, vectors.size()))
              + " records per window), so model scoring should cost the job little next to"
              + " reading, decoding and windowing the records");
      notes.put(
          "anomalies out",
          "committed on "
              + anomalies
              + " over the "
              + ROUNDS
              + " scored rounds, per model version: "
              + outByModel
              + " (univariate-ewma: metric anomalies, emitted by both variants)");
      notes.put("run id", run);
      return new BenchResult(
          NAME,
          COLUMNS,
          rows,
          ratio,
          TARGET,
          "anomaly job records/s ÷ unscored windowed job records/s",
          notes);
    } finally {
      deleteQuietly(modelDir);
    }
  }

  static long records(Duration duration) {
    long n = Math.max(1, duration.toSeconds()) * RECORDS_PER_SECOND;
    return Math.min(MAX_RECORDS, Math.max(MIN_RECORDS, n));
  }

  /** Virtual time giving about {@code records}, never shorter than the demo scenario (90 s). */
  static Duration virtualTime(long records, double recordsPerVirtualSecond) {
    long seconds = (long) Math.ceil(records / Math.max(1.0, recordsPerVirtualSecond));
    return Duration.ofSeconds(Math.max(90, seconds));
  }

  private static Duration timeout(Duration duration) {
    Duration scaled = duration.multipliedBy(30);
    return scaled.compareTo(Duration.ofMinutes(5)) > 0 ? scaled : Duration.ofMinutes(5);
  }

  private static Duration scorerTime(Duration duration) {
    Duration half = duration.dividedBy(2);
    if (half.compareTo(Duration.ofSeconds(2)) < 0) {
      return Duration.ofSeconds(2);
    }
    return half.compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(20) : half;
  }

  private static Simulator simulator(long seed, Duration length) {
    return Simulator.builder()
        .seed(seed)
        .start(START)
        .duration(length)
        .orderRate(0)
        .scenario(Scenario.demo())
        .build();
  }

  private record Training(
      ModelBundle bundle, TrainerConfig config, long windows, double seconds, long bytes) {}

  /**
   * Telemetry records per virtual second of the input's traffic without attacks (a 2-minute probe
   * run), to size the input's virtual time.
   */
  private static double normalRecordsPerVirtualSecond() {
    WindowingSink counter = new WindowingSink(WINDOW);
    Duration probe = Duration.ofMinutes(2);
    Simulator.builder()
        .seed(INPUT_SEED)
        .start(START)
        .duration(probe)
        .orderRate(0)
        .noAttacks()
        .build()
        .run(counter);
    return counter.telemetryRecords() / (double) probe.toSeconds();
  }

  /** Trains a bundle on a simulator run of {@link #TRAINING_RUN} with the demo attacks. */
  private static Training train() {
    WindowingSink windows = new WindowingSink(WINDOW);
    simulator(TRAINING_SEED, TRAINING_RUN).run(windows);
    List<LabelledVector> examples =
        ModelTrainingPipeline.withoutColdStartEdges(
            ModelTrainingPipeline.label(windows.vectors(), windows.labels()),
            ModelTrainingPipeline.DEFAULT_EDGE_WARM_UP);
    TrainerConfig config = TrainerConfig.defaults(TRAINING_SEED);
    long t0 = System.nanoTime();
    ModelBundle bundle =
        new Trainer(config).train(examples, "bench-" + TRAINING_SEED, Instant.now());
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Training(bundle, config, examples.size(), seconds, bundle.toBytes().length);
  }

  private static ModelRef publishable(ModelBundle bundle, Path dir) throws IOException {
    byte[] bytes = bundle.toBytes();
    Path file = Files.write(dir.resolve("traffic-" + bundle.version() + ".bin"), bytes);
    return ModelRef.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.now())
        .setName(ModelTrainingPipeline.DEFAULT_MODEL_NAME)
        .setVersion(bundle.version())
        .setKind(ModelKind.ANOMALY_DETECTOR)
        .setAlgorithm("isolation-forest+random-forest")
        .setTrainedAt(bundle.metadata().trainedAt())
        .setArtifactUri(file.toUri().toString())
        .setArtifactBytes(null)
        .setArtifactSha256(ModelTrainingPipeline.sha256Hex(bytes))
        .setFeatureNames(FeatureSchema.CURRENT.names())
        .setMetrics(Map.of())
        .build();
  }

  private static List<String> jobArgs(
      VigilConfig cluster, SimulatorTopics topics, String models, String anomalies, String id) {
    return new ArrayList<>(
        List.of(
            "--bootstrap-servers",
            cluster.bootstrapServers(),
            "--schema-registry-url",
            cluster.schemaRegistryUrl(),
            "--topic.requests",
            topics.requests().name(),
            "--topic.spans",
            topics.spans().name(),
            "--topic.metrics",
            topics.metrics().name(),
            "--topic.models",
            models,
            "--topic.anomalies",
            anomalies,
            "--group-id",
            id,
            "--transactional-id-prefix",
            id,
            "--bounded",
            "true",
            "--window-ms",
            Long.toString(WINDOW.toMillis()),
            "--checkpoint-interval-ms",
            "1000",
            "--parallelism",
            "1"));
  }

  private static <V> io.vigil.schemas.catalog.Topic<String, V> rename(
      io.vigil.schemas.catalog.Topic<String, V> topic, String name) {
    return new io.vigil.schemas.catalog.Topic<>(
        name,
        topic.partitions(),
        topic.replicationFactor(),
        topic.configs(),
        topic.keySerde(),
        topic.valueSerde());
  }

  private static Map<String, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
    Map<String, TopicDescription> described =
        admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    described.forEach(
        (name, d) ->
            d.partitions()
                .forEach(
                    p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<String, Long> perTopic = new LinkedHashMap<>();
    topics.forEach(t -> perTopic.put(t.substring(t.indexOf('.') + 1), 0L));
    admin
        .listOffsets(latest)
        .all()
        .get(60, TimeUnit.SECONDS)
        .forEach(
            (tp, info) ->
                perTopic.merge(
                    tp.topic().substring(tp.topic().indexOf('.') + 1), info.offset(), Long::sum));
    return perTopic;
  }

  /** Anomalies committed on {@code topic}, counted per model version. */
  private static Map<String, Long> countByModelVersion(
      VigilConfig cluster, io.vigil.schemas.catalog.Topic<String, Anomaly> topic) {
    Map<String, Long> counts = new TreeMap<>();
    try (KafkaConsumer<String, Anomaly> consumer =
        new KafkaConsumer<>(
            cluster.consumerProps(topic.name() + ".count"),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end");
        }
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(r -> counts.merge(r.value().getModelVersion(), 1L, Long::sum));
      }
    }
    return counts;
  }

  /** One job variant's run. */
  record Side(double seconds, long windows, double recordsPerSecond) {

    static Side of(JsonNode details, String vertexPrefix, long records) {
      JsonNode timestamps = details.path("timestamps");
      long running = timestamps.path("RUNNING").asLong();
      long finished = timestamps.path("FINISHED").asLong();
      if (running <= 0 || finished < running) {
        throw new IllegalStateException("job without RUNNING/FINISHED times: " + timestamps);
      }
      long windows = -1;
      for (JsonNode vertex : details.path("vertices")) {
        if (vertex.path("name").asText().startsWith(vertexPrefix)) {
          windows = vertex.path("metrics").path("read-records").asLong();
        }
      }
      if (windows < 0) {
        throw new IllegalStateException("no vertex named '" + vertexPrefix + "' in the job");
      }
      double seconds = (finished - running) / 1000.0;
      return new Side(seconds, windows, records / seconds);
    }

    static Side best(Side a, Side b) {
      return a == null || b.recordsPerSecond > a.recordsPerSecond ? b : a;
    }

    List<Double> row(long records) {
      return List.of(
          (double) records, (double) windows, seconds, recordsPerSecond, windows / seconds);
    }
  }

  /** One scorer row. */
  record Scored(long windows, double seconds) {
    List<Double> row() {
      return List.of(Double.NaN, (double) windows, seconds, Double.NaN, windows / seconds);
    }
  }

  /**
   * Scores {@code vectors} in order, over and over, with one baseline per entity (reset on each
   * pass), for {@code warmUp} and then for {@code measure}; returns the measured part.
   */
  static Scored score(
      List<FeatureVector> vectors, ModelBundle bundle, Duration warmUp, Duration measure) {
    if (vectors.isEmpty()) {
      throw new IllegalStateException("no feature windows to score");
    }
    AnomalyScorer scorer = new AnomalyScorer();
    loop(scorer, vectors, bundle, warmUp.toNanos());
    long t0 = System.nanoTime();
    long n = loop(scorer, vectors, bundle, measure.toNanos());
    return new Scored(n, (System.nanoTime() - t0) / 1e9);
  }

  private static long loop(
      AnomalyScorer scorer, List<FeatureVector> vectors, ModelBundle bundle, long nanos) {
    long deadline = System.nanoTime() + nanos;
    long n = 0;
    double sink = 0;
    while (System.nanoTime() < deadline) {
      Map<String, FeatureBaseline> baselines = new HashMap<>();
      for (FeatureVector v : vectors) {
        FeatureBaseline baseline =
            baselines.computeIfAbsent(
                v.entityType() + "|" + v.entity(), k -> new FeatureBaseline());
        sink += scorer.assess(v, baseline, bundle).score();
        n++;
        if ((n & 255) == 0 && System.nanoTime() >= deadline) {
          break;
        }
      }
    }
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("a score was NaN");
    }
    return n;
  }

  /** Folds telemetry into the job's feature windows, offline; keeps the labels. */
  static final class WindowingSink implements SimulationSink {
    private final OfflineWindows windows;
    private final List<GroundTruthLabel> labels = new ArrayList<>();
    private long telemetry;

    WindowingSink(Duration window) {
      this.windows = new OfflineWindows(window);
    }

    @Override
    public void span(Span span) {
      TelemetryMapping.fanOut(span, windows::add);
      telemetry++;
    }

    @Override
    public void request(RequestLog request) {
      TelemetryMapping.fanOut(request, windows::add);
      telemetry++;
    }

    @Override
    public void metric(MetricPoint metric) {
      telemetry++;
    }

    @Override
    public void order(OrderEvent order) {
      // not windowed
    }

    @Override
    public void label(GroundTruthLabel label) {
      labels.add(label);
    }

    List<FeatureVector> vectors() {
      return windows.vectors().stream()
          .sorted(Comparator.comparingLong(FeatureVector::windowStartMillis))
          .toList();
    }

    List<GroundTruthLabel> labels() {
      return labels;
    }

    long telemetryRecords() {
      return telemetry;
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
