package io.vigil.flink.anomaly;

import io.vigil.analytics.ModelRef;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.flink.common.AvroKafkaDeserializer;
import io.vigil.flink.common.AvroKafkaSerializer;
import io.vigil.flink.common.JobEnvironment;
import io.vigil.flink.common.JobSettings;
import io.vigil.flink.common.KafkaIo;
import io.vigil.schemas.catalog.Topic;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Traffic anomaly job.
 *
 * <p><b>Business rule:</b> gateway access logs ({@code telemetry.requests}) and service-to-service
 * calls ({@code telemetry.spans}) are cut into tumbling event-time windows (default 10 s) per
 * entity — service, client ip, principal and caller→callee edge ({@link TrafficMapping}); each
 * closed window's features are scored by the current model bundle (Isolation Forest score 0-100,
 * Random Forest threat class with confidence, explanation against the entity's own baseline), or,
 * before any model was published, by the entity's statistical baseline ({@code coldStart=true}).
 * New model versions published on {@code analytics.models} are swapped in without a restart.
 * Service metrics ({@code telemetry.metrics}) are scored by a univariate detector per series. Every
 * window or point scoring at least {@value #MIN_SCORE} (default 50) becomes one {@code Anomaly} on
 * {@code analytics.anomalies}, exactly once. Events later than the watermark allows are counted and
 * sent to their source's dead-letter topic, never silently lost.
 *
 * <p>Program arguments: the common ones of {@link JobSettings} plus {@value #WINDOW_MS}, {@value
 * #ALLOWED_LATENESS_MS}, {@value #MIN_SCORE}, {@value #ENTITY_TTL_MS}, {@value #MODEL_NAME}.
 */
public final class TrafficAnomalyJob {

  /** Window length, ms (default 10 000). */
  public static final String WINDOW_MS = "window-ms";

  /** How long a closed window still accepts late events, ms (default 0). */
  public static final String ALLOWED_LATENESS_MS = "allowed-lateness-ms";

  /** Smallest score (0-100) published as an anomaly (default 50; 0 publishes every window). */
  public static final String MIN_SCORE = "min-score";

  /** Event time after an entity's last window when its baseline is dropped (default 1 h). */
  public static final String ENTITY_TTL_MS = "entity-ttl-ms";

  /** Only model references with this name are used (default: any). */
  public static final String MODEL_NAME = "model-name";

  /**
   * {@code model} (default): windows are scored as described above; {@code none}: the same windowed
   * pipeline with the scoring operator replaced by {@link NoScoringFunction}, which counts the
   * windows and emits nothing — the reference of {@code vigil bench flink}, not for production.
   */
  public static final String SCORING = "scoring";

  /** uid of the access-log source. */
  public static final String UID_REQUESTS = "anomaly-requests-source";

  /** uid of the span source. */
  public static final String UID_SPANS = "anomaly-spans-source";

  /** uid of the metric source. */
  public static final String UID_METRICS = "anomaly-metrics-source";

  /** uid of the model source. */
  public static final String UID_MODELS = "anomaly-models-source";

  /** uid of the feature window operator. */
  public static final String UID_WINDOWS = "anomaly-window-features";

  /** uid of the scoring operator (baselines, broadcast model). */
  public static final String UID_SCORING = "anomaly-scoring";

  /** uid of the operator replacing the scoring one under {@code --scoring none}. */
  public static final String UID_NO_SCORING = "anomaly-no-scoring";

  /** Operator name of the scoring operator (also the prefix of its vertex name in Flink's UI). */
  public static final String SCORING_NAME = "score windows (hot-swapped model)";

  /** Operator name of {@link NoScoringFunction} under {@code --scoring none}. */
  public static final String NO_SCORING_NAME = "count windows, no scoring (--scoring none)";

  /** uid of the metric detector. */
  public static final String UID_METRIC_DETECTOR = "anomaly-metric-detector";

  /** uid of the late-record counter. */
  public static final String UID_LATE_COUNTER = "anomaly-late-counter";

  /** uid of the anomaly sink. */
  public static final String UID_SINK = "anomaly-sink";

  /** uid of the dead-letter sink of late records. */
  public static final String UID_LATE_SINK = "anomaly-late-sink";

  static final long DEFAULT_WINDOW_MS = 10_000;
  static final long DEFAULT_ENTITY_TTL_MS = 3_600_000;
  static final double DEFAULT_MIN_SCORE = 50.0;

  private TrafficAnomalyJob() {}

  /** The job's inputs; {@code spans} and {@code metrics} may be null. */
  public record Sources(
      Source<TrafficObservation, ?, ?> requests,
      Source<TrafficObservation, ?, ?> spans,
      Source<MetricSample, ?, ?> metrics,
      Source<ModelArtifact, ?, ?> models) {}

  /** The job's outputs. */
  public record Sinks(Sink<AnomalyEvent> anomalies, Sink<TrafficObservation> late) {}

  /** Reads the telemetry and model topics, writes {@code analytics.anomalies}; see class doc. */
  public static void main(String[] args) throws Exception {
    JobSettings settings = JobSettings.fromArgs("anomaly", args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobEnvironment.configure(env, settings);
    build(env, kafkaSources(settings), kafkaSinks(settings), settings);
    env.execute("vigil-traffic-anomaly");
  }

  /** Kafka sources of the job. */
  static Sources kafkaSources(JobSettings settings) {
    String registry = settings.schemaRegistryUrl();
    TypeInformation<TrafficObservation> observations = TypeInformation.of(TrafficObservation.class);
    String modelName = settings.get(MODEL_NAME, null);
    return new Sources(
        KafkaIo.source(
            settings,
            "",
            List.of(settings.topic("requests")),
            new AvroKafkaDeserializer<>(
                RequestLog.class,
                registry,
                (log, from, out) -> TrafficMapping.fanOut(log, from, out::collect),
                observations)),
        KafkaIo.source(
            settings,
            "",
            List.of(settings.topic("spans")),
            new AvroKafkaDeserializer<>(
                Span.class,
                registry,
                (span, from, out) -> TrafficMapping.fanOut(span, from, out::collect),
                observations)),
        KafkaIo.source(
            settings,
            "",
            List.of(settings.topic("metrics")),
            new AvroKafkaDeserializer<>(
                MetricPoint.class,
                registry,
                (p, from, out) ->
                    out.collect(
                        new MetricSample(
                            p.getService(),
                            p.getName(),
                            p.getOccurredAt().toEpochMilli(),
                            p.getValue())),
                TypeInformation.of(MetricSample.class))),
        KafkaIo.source(
            settings,
            "-models",
            List.of(settings.topic("models")),
            new AvroKafkaDeserializer<ModelRef, ModelArtifact>(
                ModelRef.class,
                registry,
                (ref, from, out) -> {
                  if (modelName == null || modelName.equals(ref.getName())) {
                    out.collect(ModelArtifact.of(ref));
                  }
                },
                TypeInformation.of(ModelArtifact.class)),
            // The compacted model topic is read whole on every fresh start: the newest model wins.
            OffsetsInitializer.earliest()));
  }

  /** Exactly-once Kafka sinks of the job. */
  static Sinks kafkaSinks(JobSettings settings) {
    String topic = settings.topic("anomalies");
    return new Sinks(
        KafkaIo.exactlyOnceSink(
            settings,
            "-anomalies",
            new AvroKafkaSerializer<>(
                topic, settings.schemaRegistryUrl(), AnomalyEvent::entity, AnomalyEvent::toAvro)),
        KafkaIo.exactlyOnceSink(settings, "-late", new LateEvents.DeadLetter(Topic.DLQ_SUFFIX)));
  }

  /**
   * Wires the job between its sources and sinks.
   *
   * @return the anomaly stream (already connected to the anomaly sink)
   */
  public static DataStream<AnomalyEvent> build(
      StreamExecutionEnvironment env, Sources sources, Sinks sinks, JobSettings settings) {
    Duration window = settings.getDuration(WINDOW_MS, DEFAULT_WINDOW_MS);
    long lateness = settings.getLong(ALLOWED_LATENESS_MS, 0);
    double minScore = settings.getDouble(MIN_SCORE, DEFAULT_MIN_SCORE);
    Duration ttl = settings.getDuration(ENTITY_TTL_MS, DEFAULT_ENTITY_TTL_MS);
    boolean scoring = scoring(settings);

    WatermarkStrategy<TrafficObservation> trafficWatermarks =
        WatermarkStrategy.<TrafficObservation>forBoundedOutOfOrderness(settings.outOfOrderness())
            .withTimestampAssigner((o, previous) -> o.observation().timestampMillis())
            .withIdleness(settings.idleness());
    DataStream<TrafficObservation> traffic =
        env.fromSource(sources.requests(), trafficWatermarks, "telemetry.requests")
            .uid(UID_REQUESTS);
    if (sources.spans() != null) {
      traffic =
          traffic.union(
              env.fromSource(sources.spans(), trafficWatermarks, "telemetry.spans").uid(UID_SPANS));
    }

    SingleOutputStreamOperator<FeatureVector> windows =
        traffic
            .keyBy(TrafficObservation::key)
            .window(TumblingEventTimeWindows.of(window))
            .allowedLateness(Duration.ofMillis(lateness))
            .sideOutputLateData(LateEvents.TAG)
            .aggregate(new WindowFeatures.Aggregate(), new WindowFeatures.Emit())
            .uid(UID_WINDOWS)
            .name("features per entity window");

    windows
        .getSideOutput(LateEvents.TAG)
        .process(new LateEvents.Count())
        .uid(UID_LATE_COUNTER)
        .name("count late records")
        .sinkTo(sinks.late())
        .uid(UID_LATE_SINK)
        .name("late records -> <source>.dlq");

    BroadcastStream<ModelArtifact> models =
        env.fromSource(sources.models(), sideInputWatermarks(), "analytics.models")
            .uid(UID_MODELS)
            .setParallelism(1)
            .broadcast(AnomalyScoringFunction.MODELS);

    var keyedWindows =
        windows
            .keyBy(v -> TrafficObservation.entityKey(v.entityType(), v.entity()))
            .connect(models);
    DataStream<AnomalyEvent> anomalies =
        scoring
            ? keyedWindows
                .process(new AnomalyScoringFunction(minScore, ttl))
                .uid(UID_SCORING)
                .name(SCORING_NAME)
            : keyedWindows
                .process(new NoScoringFunction())
                .uid(UID_NO_SCORING)
                .name(NO_SCORING_NAME);

    if (sources.metrics() != null) {
      WatermarkStrategy<MetricSample> metricWatermarks =
          WatermarkStrategy.<MetricSample>forBoundedOutOfOrderness(settings.outOfOrderness())
              .withTimestampAssigner((p, previous) -> p.timestampMillis())
              .withIdleness(settings.idleness());
      anomalies =
          anomalies.union(
              env.fromSource(sources.metrics(), metricWatermarks, "telemetry.metrics")
                  .uid(UID_METRICS)
                  .keyBy(MetricSample::seriesKey)
                  .process(new MetricAnomalyFunction(minScore, ttl))
                  .uid(UID_METRIC_DETECTOR)
                  .name("score metric series"));
    }
    anomalies.sinkTo(sinks.anomalies()).uid(UID_SINK).name("analytics.anomalies");
    return anomalies;
  }

  /** {@value #SCORING}: {@code model} (default) → true, {@code none} → false. */
  static boolean scoring(JobSettings settings) {
    String v = settings.get(SCORING, "model");
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "model" -> true;
      case "none" -> false;
      default ->
          throw new IllegalArgumentException(
              "--" + SCORING + " must be model or none, got '" + v + "'");
    };
  }

  /**
   * Watermarks of a side input (the model topic): always "end of time", so the broadcast side never
   * holds back the event-time clock of the scoring operator.
   */
  static <T> WatermarkStrategy<T> sideInputWatermarks() {
    return WatermarkStrategy.forGenerator(
        ctx ->
            new WatermarkGenerator<T>() {
              @Override
              public void onEvent(T event, long timestamp, WatermarkOutput out) {
                // Event time of models is irrelevant to scoring.
              }

              @Override
              public void onPeriodicEmit(WatermarkOutput out) {
                out.emitWatermark(new Watermark(Long.MAX_VALUE));
              }
            });
  }
}
