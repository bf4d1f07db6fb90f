package io.vigil.flink.forecast;

import io.vigil.analytics.ForecastPoint;
import io.vigil.analytics.LoadForecast;
import io.vigil.flink.common.AvroKafkaDeserializer;
import io.vigil.flink.common.AvroKafkaSerializer;
import io.vigil.flink.common.JobEnvironment;
import io.vigil.flink.common.JobSettings;
import io.vigil.flink.common.KafkaIo;
import io.vigil.telemetry.RequestLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Load forecasting job.
 *
 * <p><b>Business rule:</b> every service's request rate is measured per step (default 1 min, event
 * time of the gateway's access logs on {@code telemetry.requests}); whenever a step completes, the
 * job forecasts the next {@code horizon} steps with 80 % and 95 % prediction intervals from the
 * service's recent history (seasonal when the history covers enough seasons, and saying so when it
 * does not) and publishes one {@code LoadForecast} per service on {@code analytics.forecasts},
 * exactly once. Steps without requests count as zero load.
 *
 * <p>Program arguments: the common ones of {@link JobSettings} plus {@value #STEP_MS}, {@value
 * #HORIZON}, {@value #SEASON_STEPS}, {@value #HISTORY_STEPS}.
 */
public final class LoadForecastJob {

  /** Length of one step of the series, ms (default 60 000). */
  public static final String STEP_MS = "step-ms";

  /** Number of steps forecast (default 15). */
  public static final String HORIZON = "horizon";

  /** Steps per season, e.g. 1440 for a daily season at 1-minute steps (default 60). */
  public static final String SEASON_STEPS = "season-steps";

  /** Steps of history kept per service (default 3 seasons, at least 64). */
  public static final String HISTORY_STEPS = "history-steps";

  /** Operator uids: stable across versions so savepoints keep mapping onto the same state. */
  public static final String UID_SOURCE = "forecast-requests-source";

  /** uid of the per-step request count window. */
  public static final String UID_STEP_COUNT = "forecast-step-count";

  /** uid of the history and forecast operator. */
  public static final String UID_FORECAST = "forecast-per-service";

  /** uid of the Kafka sink. */
  public static final String UID_SINK = "forecast-sink";

  static final long DEFAULT_STEP_MS = 60_000;
  static final int DEFAULT_HORIZON = 15;
  static final int DEFAULT_SEASON_STEPS = 60;
  static final String METRIC = "request_rate";

  private LoadForecastJob() {}

  /** Reads {@code telemetry.requests}, writes {@code analytics.forecasts}; see the class doc. */
  public static void main(String[] args) throws Exception {
    JobSettings settings = JobSettings.fromArgs("forecast", args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobEnvironment.configure(env, settings);
    String registry = settings.schemaRegistryUrl();
    Source<RequestTick, ?, ?> source =
        KafkaIo.source(
            settings,
            "",
            List.of(settings.topic("requests")),
            new AvroKafkaDeserializer<>(
                RequestLog.class,
                registry,
                (log, offset, out) ->
                    out.collect(
                        new RequestTick(log.getService(), log.getOccurredAt().toEpochMilli())),
                TypeInformation.of(RequestTick.class)));
    String topic = settings.topic("forecasts");
    Sink<ServiceForecast> sink =
        KafkaIo.exactlyOnceSink(
            settings,
            "-forecasts",
            new AvroKafkaSerializer<>(
                topic, registry, ServiceForecast::service, LoadForecastJob::toAvro));
    build(env, source, sink, settings);
    env.execute("vigil-load-forecast");
  }

  /**
   * Wires the job between a source of request ticks and a sink of forecasts.
   *
   * @return the forecast stream (already connected to {@code sink})
   */
  public static DataStream<ServiceForecast> build(
      StreamExecutionEnvironment env,
      Source<RequestTick, ?, ?> source,
      Sink<ServiceForecast> sink,
      JobSettings settings) {
    Duration step = settings.getDuration(STEP_MS, DEFAULT_STEP_MS);
    int horizon = (int) settings.getLong(HORIZON, DEFAULT_HORIZON);
    int season = (int) settings.getLong(SEASON_STEPS, DEFAULT_SEASON_STEPS);
    int capacity = (int) settings.getLong(HISTORY_STEPS, Math.max(64, 3L * season));
    WatermarkStrategy<RequestTick> watermarks =
        WatermarkStrategy.<RequestTick>forBoundedOutOfOrderness(settings.outOfOrderness())
            .withTimestampAssigner((tick, previous) -> tick.timestampMillis())
            .withIdleness(settings.idleness());
    DataStream<ServiceForecast> forecasts =
        env.fromSource(source, watermarks, "requests")
            .uid(UID_SOURCE)
            .keyBy(RequestTick::service)
            .window(TumblingEventTimeWindows.of(step))
            .aggregate(new CountTicks(), new EmitStepCount())
            .uid(UID_STEP_COUNT)
            .name("requests per step")
            .keyBy(StepCount::service)
            .process(
                new LoadForecastFunction(new SeasonalLoadForecaster(season, horizon), capacity))
            .uid(UID_FORECAST)
            .name("forecast per service");
    forecasts.sinkTo(sink).uid(UID_SINK).name("analytics.forecasts");
    return forecasts;
  }

  /**
   * The Avro record of a forecast; its event id is derived from service and step, so a replay after
   * a failure produces the same id.
   */
  static LoadForecast toAvro(ServiceForecast f) {
    List<ForecastPoint> points = new ArrayList<>(f.mean().length);
    for (int i = 0; i < f.mean().length; i++) {
      points.add(
          ForecastPoint.newBuilder()
              .setTimestamp(Instant.ofEpochMilli(f.firstPointAt() + i * f.stepMs()))
              .setMean(f.mean()[i])
              .setLower80(f.lower80()[i])
              .setUpper80(f.upper80()[i])
              .setLower95(f.lower95()[i])
              .setUpper95(f.upper95()[i])
              .build());
    }
    String identity = "forecast|" + f.service() + "|" + METRIC + "|" + f.generatedAt();
    return LoadForecast.newBuilder()
        .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString())
        .setOccurredAt(Instant.now())
        .setService(f.service())
        .setMetric(METRIC)
        .setStepMs(f.stepMs())
        .setGeneratedAt(Instant.ofEpochMilli(f.generatedAt()))
        .setPoints(points)
        .setModel(f.model())
        .setSeasonal(f.seasonal())
        .setNote(f.note())
        .build();
  }

  /** Counts a step's requests. */
  static final class CountTicks implements AggregateFunction<RequestTick, Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(RequestTick value, Long acc) {
      return acc + 1;
    }

    @Override
    public Long getResult(Long acc) {
      return acc;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /** Attaches service and step to the count. */
  static final class EmitStepCount
      extends ProcessWindowFunction<Long, StepCount, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(
        String service, Context ctx, Iterable<Long> counts, Collector<StepCount> out) {
      long count = counts.iterator().next();
      TimeWindow w = ctx.window();
      out.collect(new StepCount(service, w.getStart(), w.getEnd() - w.getStart(), count));
    }
  }
}
