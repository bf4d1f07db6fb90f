package io.vigil.features;

import io.vigil.analytics.ModelKind;
import io.vigil.analytics.ModelRef;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureSchema;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.LabelledVector;
import io.vigil.analytics.model.ModelBundle;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.analytics.model.Trainer;
import io.vigil.analytics.model.TrainerConfig;
import io.vigil.config.VigilConfig;
import io.vigil.schemas.catalog.Topic;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.LabelRole;
import io.vigil.simulator.sink.AvroJson;
import io.vigil.simulator.sink.FileSink;
import io.vigil.simulator.sink.LabelJson;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * {@code vigil train} over simulator files: recorded telemetry → the anomaly job's feature windows
 * ({@link TelemetryMapping}, {@link OfflineWindows}) → ground-truth labels → analytics' {@link
 * Trainer} → a versioned {@link ModelBundle} file, optionally announced on {@code analytics.models}
 * as a {@link ModelRef} whose artifact is the file's {@code file:} URI plus its SHA-256 (bundles
 * are megabytes: too big to carry inline).
 *
 * <p>Labelling rule: {@link GroundTruth} — a window of (entity type, entity) takes the threat class
 * of the observable ({@link LabelRole#SOURCE}) label of the same entity that it overlaps (the
 * longest overlap when several do), else {@link ThreatClass#NONE}; windows overlapping only
 * unobservable labels (attack targets) are not trained on.
 *
 * <p>Version: {@code yyyyMMdd-HHmmss} (UTC, training time) + {@code -} + the first 8 hex digits of
 * a SHA-256 over the labelled windows, seed and window length (the same data gives the same
 * suffix), unless one is given.
 */
public final class ModelTrainingPipeline {

  /** Default model name (the key on {@code analytics.models}). */
  public static final String DEFAULT_MODEL_NAME = "traffic";

  /** Default window, as the job's. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

  /**
   * Default edge warm-up: {@link io.vigil.analytics.features.EdgeHistory#YOUTH}, as long as every
   * edge of a recording counts as new.
   */
  public static final Duration DEFAULT_EDGE_WARM_UP = io.vigil.analytics.features.EdgeHistory.YOUTH;

  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private ModelTrainingPipeline() {}

  /**
   * What to train.
   *
   * @param input simulator output directory ({@link FileSink} files)
   * @param outDir where the bundle is written (created if needed)
   * @param modelName model name
   * @param version version, or null to derive one
   * @param window window length (the job's)
   * @param edgeWarmUp from the first window of the recording: normal windows flagged new-edge in
   *     this time are left out of training (every edge is new while the history is empty)
   * @param trainer training parameters (seed included)
   */
  public record Request(
      Path input,
      Path outDir,
      String modelName,
      String version,
      Duration window,
      Duration edgeWarmUp,
      TrainerConfig trainer) {
    public Request {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(outDir, "outDir");
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(edgeWarmUp, "edgeWarmUp");
      Objects.requireNonNull(trainer, "trainer");
      modelName = modelName == null || modelName.isBlank() ? DEFAULT_MODEL_NAME : modelName;
      if (version != null && !version.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            "version must be letters, digits, '.', '_' or '-': " + version);
      }
    }

    /**
     * Defaults: model {@value #DEFAULT_MODEL_NAME}, derived version, 10 s windows, 10 min edge
     * warm-up.
     */
    public static Request of(Path input, Path outDir, long seed) {
      return new Request(
          input,
          outDir,
          DEFAULT_MODEL_NAME,
          null,
          DEFAULT_WINDOW,
          DEFAULT_EDGE_WARM_UP,
          TrainerConfig.defaults(seed));
    }
  }

  /**
   * The outcome of a training run.
   *
   * @param modelName model name
   * @param version model version
   * @param artifact the bundle file
   * @param sha256 hex SHA-256 of the bundle file
   * @param bundleBytes size of the bundle file
   * @param requests access logs read
   * @param spans spans read
   * @param windowsPerClass labelled windows per class (before the trainer's per-class cap)
   * @param trainingTime wall time of {@link Trainer#train}
   * @param trainedAt when training finished
   * @param oobAccuracy the random forest's out-of-bag accuracy, NaN without a forest
   */
  public record Summary(
      String modelName,
      String version,
      Path artifact,
      String sha256,
      long bundleBytes,
      long requests,
      long spans,
      Map<ThreatClass, Long> windowsPerClass,
      Duration trainingTime,
      Instant trainedAt,
      double oobAccuracy) {

    /** The artifact's URI ({@code file:...}). */
    public URI artifactUri() {
      return artifact.toAbsolutePath().toUri();
    }

    /** Labelled windows in all. */
    public long windows() {
      return windowsPerClass.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "model %s@%s: %d windows %s from %d requests + %d spans, trained in %.1f s"
              + " (oob accuracy %.3f), %d bytes at %s (sha256 %s)",
          modelName,
          version,
          windows(),
          windowsPerClass,
          requests,
          spans,
          trainingTime.toMillis() / 1000.0,
          oobAccuracy,
          bundleBytes,
          artifactUri(),
          sha256);
    }
  }

  /** The labelled windows of a simulator run, plus how many records were read. */
  public record LabelledWindows(List<LabelledVector> examples, long requests, long spans) {}

  /** Trains on the run in {@code request.input()} and writes the bundle. */
  public static Summary train(Request request) {
    LabelledWindows data = labelledWindows(request.input(), request.window());
    List<LabelledVector> examples = withoutColdStartEdges(data.examples(), request.edgeWarmUp());
    if (examples.size() < 2) {
      throw new IllegalArgumentException(
          "too little traffic in " + request.input() + ": " + examples.size() + " windows");
    }
    Map<ThreatClass, Long> perClass = new EnumMap<>(ThreatClass.class);
    for (LabelledVector e : examples) {
      perClass.merge(e.label(), 1L, Long::sum);
    }
    Instant started = Instant.now();
    String version =
        request.version() != null
            ? request.version()
            : VERSION_TIME.format(started) + "-" + fingerprint(examples, request).substring(0, 8);
    long t0 = System.nanoTime();
    ModelBundle bundle = new Trainer(request.trainer()).train(examples, version, started);
    Duration trainingTime = Duration.ofNanos(System.nanoTime() - t0);
    byte[] bytes = bundle.toBytes();
    Path artifact = request.outDir().resolve(request.modelName() + "-" + version + ".bin");
    write(artifact, bytes);
    return new Summary(
        request.modelName(),
        version,
        artifact,
        sha256Hex(bytes),
        bytes.length,
        data.requests(),
        data.spans(),
        perClass,
        trainingTime,
        bundle.metadata().trainedAt(),
        bundle.metadata().classifierOobAccuracy());
  }

  /**
   * The feature windows of a simulator run with their ground-truth classes, in window order.
   *
   * @param input directory with {@value FileSink#REQUESTS_FILE}, {@value FileSink#SPANS_FILE}
   *     (either may be missing) and {@value FileSink#LABELS_FILE} (missing: all normal)
   */
  public static LabelledWindows labelledWindows(Path input, Duration window) {
    if (!Files.isDirectory(input)) {
      throw new IllegalArgumentException("not a directory of simulator files: " + input);
    }
    OfflineWindows windows = new OfflineWindows(window);
    long requests = 0;
    long spans = 0;
    Path requestsFile = input.resolve(FileSink.REQUESTS_FILE);
    if (Files.exists(requestsFile)) {
      try (Stream<RequestLog> logs = AvroJson.lines(requestsFile, RequestLog.class)) {
        for (RequestLog log : (Iterable<RequestLog>) logs::iterator) {
          TelemetryMapping.fanOut(log, windows::add);
          requests++;
        }
      }
    }
    Path spansFile = input.resolve(FileSink.SPANS_FILE);
    if (Files.exists(spansFile)) {
      try (Stream<Span> all = AvroJson.lines(spansFile, Span.class)) {
        for (Span span : (Iterable<Span>) all::iterator) {
          TelemetryMapping.fanOut(span, windows::add);
          spans++;
        }
      }
    }
    if (requests + spans == 0) {
      throw new IllegalArgumentException(
          "no telemetry in "
              + input
              + ": expected "
              + FileSink.REQUESTS_FILE
              + " and/or "
              + FileSink.SPANS_FILE);
    }
    Path labelsFile = input.resolve(FileSink.LABELS_FILE);
    List<GroundTruthLabel> labels =
        Files.exists(labelsFile) ? LabelJson.readAll(labelsFile) : List.of();
    return new LabelledWindows(label(windows.vectors(), labels), requests, spans);
  }

  /**
   * Drops the normal windows flagged new-edge that start within {@code warmUp} of the first window:
   * a recording starts with an empty edge history, so every edge is new for its first {@link
   * io.vigil.analytics.features.EdgeHistory#YOUTH} and the flag says nothing about the traffic
   * there (the lateral-movement windows it should mark would otherwise look normal).
   */
  public static List<LabelledVector> withoutColdStartEdges(
      List<LabelledVector> examples, Duration warmUp) {
    long first = examples.stream().mapToLong(e -> e.features().windowStartMillis()).min().orElse(0);
    long until = first + warmUp.toMillis();
    return examples.stream()
        .filter(
            e ->
                e.label() != ThreatClass.NONE
                    || e.features().windowStartMillis() >= until
                    || e.features().get(Feature.NEW_EDGE) == 0.0)
        .toList();
  }

  /**
   * Labels windows by the ground truth of their entity ({@link GroundTruth}): attack windows take
   * the class of their observable label, normal windows {@link ThreatClass#NONE}; windows that
   * overlap only unobservable labels (attack targets, the calling service of a lateral movement)
   * are left out, being neither normal traffic nor what the models should flag.
   */
  public static List<LabelledVector> label(
      List<FeatureVector> vectors, List<GroundTruthLabel> labels) {
    GroundTruth truth = new GroundTruth(labels);
    List<LabelledVector> out = new ArrayList<>(vectors.size());
    for (FeatureVector v : vectors) {
      GroundTruth.Truth t = truth.of(v);
      if (!t.ignored()) {
        out.add(new LabelledVector(v, t.threatClass()));
      }
    }
    return out;
  }

  /**
   * The model reference announcing {@code summary}: name, version, the artifact's {@code file:} URI
   * and SHA-256, feature names, and metrics ({@code windows.<class>}, {@code windows}, {@code
   * oob_accuracy}, {@code training_seconds}, {@code bundle_bytes}).
   */
  public static ModelRef modelRef(Summary summary, Instant publishedAt) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    summary.windowsPerClass().forEach((c, n) -> metrics.put("windows." + c.label(), (double) n));
    metrics.put("windows", (double) summary.windows());
    if (!Double.isNaN(summary.oobAccuracy())) {
      metrics.put("oob_accuracy", summary.oobAccuracy());
    }
    metrics.put("training_seconds", summary.trainingTime().toMillis() / 1000.0);
    metrics.put("bundle_bytes", (double) summary.bundleBytes());
    return ModelRef.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(publishedAt)
        .setName(summary.modelName())
        .setVersion(summary.version())
        .setKind(ModelKind.ANOMALY_DETECTOR)
        .setAlgorithm("isolation-forest+random-forest")
        .setTrainedAt(summary.trainedAt())
        .setArtifactUri(summary.artifactUri().toString())
        .setArtifactBytes(null)
        .setArtifactSha256(summary.sha256())
        .setFeatureNames(FeatureSchema.CURRENT.names())
        .setMetrics(metrics)
        .build();
  }

  /**
   * Publishes {@code ref} to {@code topic} keyed by its name with the topic's serdes, waiting for
   * the acknowledgement.
   */
  public static RecordMetadata publish(
      VigilConfig config, Topic<String, ModelRef> topic, ModelRef ref) {
    try (Producer<String, ModelRef> producer =
        new KafkaProducer<>(
            config.producerProps(),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      return producer
          .send(new ProducerRecord<>(topic.name(), ref.getName(), ref))
          .get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + ref.getName(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot publish model " + ref.getName() + "@" + ref.getVersion() + " to " + topic.name(),
          e);
    }
  }

  /** Hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static String fingerprint(List<LabelledVector> examples, Request request) {
    MessageDigest digest = sha256();
    digest.update(
        (request.trainer() + "|" + request.window().toMillis()).getBytes(StandardCharsets.UTF_8));
    for (LabelledVector e : examples) {
      FeatureVector v = e.features();
      StringBuilder s =
          new StringBuilder()
              .append(v.entityType())
              .append('|')
              .append(v.entity())
              .append('|')
              .append(v.windowStartMillis())
              .append('|')
              .append(e.label());
      for (double d : v.values()) {
        s.append('|').append(Double.doubleToLongBits(d));
      }
      digest.update(s.toString().getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static void write(Path artifact, byte[] bytes) {
    try {
      Path dir = artifact.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      // not createTempFile: its 0600 mode would hide the bundle from a job running as another user
      Path tmp = dir.resolve(artifact.getFileName() + "." + UUID.randomUUID() + ".tmp");
      Files.write(tmp, bytes);
      Files.move(
          tmp, artifact, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model bundle " + artifact, e);
    }
  }
}
