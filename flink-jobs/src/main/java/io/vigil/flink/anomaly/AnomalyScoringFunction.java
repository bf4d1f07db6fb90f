package io.vigil.flink.anomaly;

import io.vigil.analytics.baseline.FeatureBaseline;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.ModelBundle;
import io.vigil.analytics.scoring.AnomalyAssessment;
import io.vigil.analytics.scoring.AnomalyScorer;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.fs.Path;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every closed entity window with the current model bundle, which arrives on the broadcast
 * side and is swapped in without a restart.
 *
 * <p><b>Business rule:</b> a window is scored by the newest accepted model bundle (Isolation Forest
 * score 0-100, Random Forest threat class and confidence, explanation against the entity's own
 * baseline, the bundle's version). Before any model has arrived (cold start), the score comes from
 * the entity's statistical baseline and the anomaly says {@code coldStart=true}. A published model
 * that cannot be read or was trained on another feature schema is rejected (counted and logged) and
 * the previous one stays in use. Windows scoring at least {@code minScore} are emitted. The
 * baseline of an entity that has been silent for {@code entityTtl} of event time is dropped, so
 * state does not grow with every client ip ever seen.
 *
 * <p>State: per entity the baseline and its clean-up timer; broadcast, the current model reference
 * (inline bytes or URI), from which each task rebuilds its bundle after a restore.
 */
public final class AnomalyScoringFunction
    extends KeyedBroadcastProcessFunction<String, FeatureVector, ModelArtifact, AnomalyEvent> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AnomalyScoringFunction.class);

  /** Broadcast state holding the current model under {@link #CURRENT}. */
  public static final MapStateDescriptor<String, ModelArtifact> MODELS =
      new MapStateDescriptor<>("models", Types.STRING, TypeInformation.of(ModelArtifact.class));

  /** Key of the model in use in {@link #MODELS}. */
  public static final String CURRENT = "current";

  /** Name of the per-entity baseline state. */
  public static final String BASELINE_STATE = "baseline";

  /** Name of the per-entity clean-up timer state. */
  public static final String TIMER_STATE = "cleanup-at";

  /** Counter of model versions swapped in. */
  public static final String SWAPS_METRIC = "vigilModelSwaps";

  /** Counter of rejected model versions. */
  public static final String REJECTED_METRIC = "vigilModelsRejected";

  private final double minScore;
  private final long entityTtlMs;

  private transient AnomalyScorer scorer;
  private transient ValueState<FeatureBaseline> baseline;
  private transient ValueState<Long> cleanupAt;
  private transient ModelBundle bundle;
  private transient String bundleKey;
  private transient Counter swaps;
  private transient Counter rejected;

  /**
   * @param minScore windows scoring below this are not emitted (0 emits every window)
   * @param entityTtl event time after an entity's last window when its baseline is dropped
   */
  public AnomalyScoringFunction(double minScore, Duration entityTtl) {
    this.minScore = minScore;
    this.entityTtlMs = entityTtl.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    scorer = new AnomalyScorer();
    baseline =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    BASELINE_STATE, TypeInformation.of(FeatureBaseline.class)));
    cleanupAt = getRuntimeContext().getState(new ValueStateDescriptor<>(TIMER_STATE, Types.LONG));
    swaps = getRuntimeContext().getMetricGroup().counter(SWAPS_METRIC);
    rejected = getRuntimeContext().getMetricGroup().counter(REJECTED_METRIC);
  }

  @Override
  public void processElement(FeatureVector window, ReadOnlyContext ctx, Collector<AnomalyEvent> out)
      throws Exception {
    ModelArtifact current = ctx.getBroadcastState(MODELS).get(CURRENT);
    if (current != null && !identity(current).equals(bundleKey)) {
      // After a restore the broadcast state is back but this task's bundle is not: rebuild it.
      // If that fails (e.g. the URI is gone), score from the baselines rather than crash-loop.
      bundleKey = identity(current);
      try {
        bundle = ModelBundle.fromBytes(bytesOf(current));
      } catch (IOException | RuntimeException e) {
        bundle = null;
        rejected.inc();
        LOG.error(
            "Cannot restore {}; scoring from baselines (cold start) until a new model", current, e);
      }
    }
    FeatureBaseline entityBaseline = baseline.value();
    if (entityBaseline == null) {
      entityBaseline = new FeatureBaseline();
    }
    AnomalyAssessment assessment = scorer.assess(window, entityBaseline, bundle);
    baseline.update(entityBaseline);

    Long previous = cleanupAt.value();
    long next = window.windowEndMillis() + entityTtlMs;
    if (previous == null || previous != next) {
      if (previous != null) {
        ctx.timerService().deleteEventTimeTimer(previous);
      }
      ctx.timerService().registerEventTimeTimer(next);
      cleanupAt.update(next);
    }
    if (assessment.score() >= minScore) {
      out.collect(AnomalyEvent.of(assessment));
    }
  }

  @Override
  public void processBroadcastElement(
      ModelArtifact artifact, Context ctx, Collector<AnomalyEvent> out) throws Exception {
    ModelBundle candidate;
    try {
      candidate = ModelBundle.fromBytes(bytesOf(artifact));
    } catch (IOException | RuntimeException e) {
      rejected.inc();
      LOG.warn("Rejected {}; still scoring with {}", artifact, bundleKey, e);
      return;
    }
    // Keep a URI-stored bundle as a reference only: checkpoints then stay small.
    ModelArtifact stored =
        artifact.uri() != null && artifact.bytes() == null
            ? artifact
            : new ModelArtifact(
                artifact.name(), artifact.version(), null, artifact.bytes(), artifact.sha256());
    ctx.getBroadcastState(MODELS).put(CURRENT, stored);
    bundle = candidate;
    bundleKey = identity(stored);
    swaps.inc();
    LOG.info("Scoring with model {} (bundle {})", artifact, candidate.version());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AnomalyEvent> out)
      throws Exception {
    Long due = cleanupAt.value();
    if (due != null && due == timestamp) {
      baseline.clear();
      cleanupAt.clear();
    }
  }

  private static String identity(ModelArtifact a) {
    return a.name() + "@" + a.version();
  }

  /** The bundle bytes: inline, or read from the URI and checked against the SHA-256 if given. */
  static byte[] bytesOf(ModelArtifact a) throws IOException {
    byte[] bytes;
    if (a.bytes() != null) {
      bytes = a.bytes();
    } else if (a.uri() != null) {
      Path path = new Path(a.uri());
      try (InputStream in = path.getFileSystem().open(path)) {
        bytes = in.readAllBytes();
      }
    } else {
      throw new IOException("model " + a.name() + "@" + a.version() + " has neither bytes nor URI");
    }
    if (a.sha256() != null && !a.sha256().isBlank()) {
      String actual = sha256(bytes);
      if (!actual.equalsIgnoreCase(a.sha256())) {
        throw new IOException(
            "model " + a.name() + "@" + a.version() + ": SHA-256 " + actual + " != " + a.sha256());
      }
    }
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
