package io.vigil.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.analytics.baseline.FeatureBaseline;
import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.Feature;
import io.vigil.analytics.features.FeatureSchema;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.scoring.AnomalyAssessment;
import io.vigil.analytics.scoring.AnomalyScorer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelBundleTest {

  private static final Instant TRAINED_AT = Instant.parse("2026-11-23T10:00:00Z");
  private static final TrainerConfig CONFIG = TrainerConfig.defaults(42).withTrees(50, 50);

  private static ModelBundle bundle;

  @BeforeAll
  static void train() {
    List<LabelledVector> data = new SyntheticWindows(1).generate(200, 60);
    bundle = new Trainer(CONFIG).train(data, "test-v1", TRAINED_AT);
  }

  @Test
  void shouldScoreObviousOutlierAboveNormalsWhenModelTrained() {
    SyntheticWindows fresh = new SyntheticWindows(7);
    double maxNormal = 0;
    double sumNormal = 0;
    for (int i = 0; i < 100; i++) {
      double s = bundle.anomalyScore(fresh.normal(EntityType.CLIENT_IP));
      maxNormal = Math.max(maxNormal, s);
      sumNormal += s;
    }
    FeatureVector outlier =
        fresh
            .normal(EntityType.CLIENT_IP)
            .with(Feature.REQUEST_RATE, 5_000)
            .with(Feature.ERROR_5XX_RATIO, 0.9)
            .with(Feature.LATENCY_P99_MS, 30_000);

    double outlierScore = bundle.anomalyScore(outlier);

    assertThat(outlierScore).isGreaterThan(maxNormal).isGreaterThan(60).isLessThanOrEqualTo(100);
    assertThat(sumNormal / 100).isBetween(0.0, 40.0);
  }

  @Test
  void shouldKeepScoresWithinZeroToHundredWhenInputIsExtreme() {
    double[] extreme = new double[Feature.count()];
    java.util.Arrays.fill(extreme, 1e300);
    FeatureVector huge = new FeatureVector(EntityType.SERVICE, "s", 0, 10_000, extreme);
    FeatureVector zero =
        new FeatureVector(EntityType.SERVICE, "s", 0, 10_000, new double[Feature.count()]);
    double[] weird = new double[Feature.count()];
    weird[0] = Double.NaN;
    weird[1] = Double.NEGATIVE_INFINITY;
    FeatureVector nonFinite = new FeatureVector(EntityType.EDGE, "a->b", 0, 10_000, weird);

    for (FeatureVector v : List.of(huge, zero, nonFinite)) {
      assertThat(bundle.anomalyScore(v)).isBetween(0.0, 100.0);
      assertThat(bundle.classify(v).confidence()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void shouldSeparateThreatClassesWhenHeldOutSetIsClassified() {
    List<LabelledVector> heldOut = new SyntheticWindows(99).generate(40, 40);
    int correct = 0;
    for (LabelledVector e : heldOut) {
      ThreatPrediction p = bundle.classify(e.features());
      if (p.threatClass() == e.label()) {
        correct++;
      }
      assertThat(p.confidence()).isBetween(0.0, 1.0);
    }
    double accuracy = (double) correct / heldOut.size();

    // threshold: 95 % on 360 held-out windows of well-separated synthetic classes
    assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
    assertThat(bundle.metadata().classifierOobAccuracy()).isGreaterThan(0.9);
  }

  @Test
  void shouldUseBundleAndClearColdStartWhenScorerHasModel() {
    FeatureBaseline baseline = new FeatureBaseline();
    SyntheticWindows fresh = new SyntheticWindows(21);
    AnomalyScorer scorer = new AnomalyScorer();
    for (int i = 0; i < 10; i++) {
      scorer.assess(fresh.normal(EntityType.CLIENT_IP), baseline, bundle);
    }

    AnomalyAssessment stuffing =
        scorer.assess(fresh.attack(ThreatClass.CREDENTIAL_STUFFING), baseline, bundle);

    assertThat(stuffing.coldStart()).isFalse();
    assertThat(stuffing.modelVersion()).isEqualTo("test-v1");
    assertThat(stuffing.threatClass()).isEqualTo(ThreatClass.CREDENTIAL_STUFFING);
    assertThat(stuffing.confidence()).isGreaterThan(0.5);
    assertThat(stuffing.score()).isGreaterThan(50);
    assertThat(stuffing.explanation()).extracting(d -> d.feature()).contains("auth_failure_ratio");
  }

  @Test
  void shouldRoundTripBytesWhenSchemaMatches() {
    byte[] bytes = bundle.toBytes();

    ModelBundle copy = ModelBundle.fromBytes(bytes);

    assertThat(copy.version()).isEqualTo("test-v1");
    assertThat(copy.schema()).isEqualTo(FeatureSchema.CURRENT);
    assertThat(copy.metadata()).isEqualTo(bundle.metadata());
    for (LabelledVector e : new SyntheticWindows(5).generate(5, 5)) {
      assertThat(copy.anomalyScore(e.features())).isEqualTo(bundle.anomalyScore(e.features()));
      assertThat(copy.classify(e.features())).isEqualTo(bundle.classify(e.features()));
    }
  }

  @Test
  void shouldRejectBundleWhenFeatureSchemaDiffers() {
    byte[] bytes = bundle.toBytes();
    List<String> names = new ArrayList<>(FeatureSchema.CURRENT.names());
    names.add("bytes_in_sum");
    FeatureSchema newer = new FeatureSchema("vigil-features-v9", names);

    assertThatThrownBy(() -> ModelBundle.fromBytes(bytes, newer))
        .isInstanceOf(IncompatibleModelException.class)
        .hasMessageContaining(FeatureSchema.VERSION)
        .hasMessageContaining("vigil-features-v9");
  }

  @Test
  void shouldRejectBytesWhenMagicOrFormatIsForeign() {
    byte[] bytes = bundle.toBytes();
    byte[] foreignMagic = bytes.clone();
    foreignMagic[0] = 0x00;
    byte[] futureFormat = bytes.clone();
    ByteBuffer.wrap(futureFormat).putShort(4, (short) 99);

    assertThatThrownBy(() -> ModelBundle.fromBytes(foreignMagic))
        .isInstanceOf(IncompatibleModelException.class)
        .hasMessageContaining("not a Vigil model bundle");
    assertThatThrownBy(() -> ModelBundle.fromBytes(futureFormat))
        .isInstanceOf(IncompatibleModelException.class)
        .hasMessageContaining("format 99");
    assertThatThrownBy(() -> ModelBundle.fromBytes(new byte[3]))
        .isInstanceOf(IncompatibleModelException.class);
  }

  @Test
  void shouldTrainIdenticalModelsWhenSeedAndDataAreEqual() {
    List<LabelledVector> data = new SyntheticWindows(3).generate(60, 15);
    TrainerConfig small = TrainerConfig.defaults(11).withTrees(20, 20);

    ModelBundle a = new Trainer(small).train(data, "a", TRAINED_AT);
    ModelBundle b = new Trainer(small).train(data, "a", TRAINED_AT);

    // bytes differ only by Smile's recorded fit times; the models themselves must agree
    assertThat(b.metadata()).isEqualTo(a.metadata());
    for (LabelledVector e : new SyntheticWindows(8).generate(10, 10)) {
      assertThat(b.anomalyScore(e.features())).isEqualTo(a.anomalyScore(e.features()));
      assertThat(b.classify(e.features())).isEqualTo(a.classify(e.features()));
    }
  }

  @Test
  void shouldTrainIdenticalModelsWhenSmilesSharedGaussianWasUsedInBetween() {
    // Given: Smile's process-wide standard Gaussian caches the second value of each Box-Muller
    // pair; one odd draw between two fits leaves a value cached, which the second fit's first
    // isolation-tree slope used to pick up instead of a draw from the seeded generator
    List<LabelledVector> data = new SyntheticWindows(4).generate(80, 10);
    TrainerConfig small = TrainerConfig.defaults(5).withTrees(10, 5);
    ModelBundle a = new Trainer(small).train(data, "a", TRAINED_AT);
    smile.stat.distribution.GaussianDistribution.getInstance().rand();

    // When
    ModelBundle b = new Trainer(small).train(data, "a", TRAINED_AT);

    // Then
    for (LabelledVector e : new SyntheticWindows(9).generate(20, 5)) {
      assertThat(b.anomalyScore(e.features())).isEqualTo(a.anomalyScore(e.features()));
    }
  }

  @Test
  void shouldAlwaysPredictTheOnlyClassWhenDataHasOneClass() {
    List<LabelledVector> normals =
        new SyntheticWindows(4)
            .generate(20, 0).stream().filter(e -> e.label() == ThreatClass.NONE).toList();

    ModelBundle onlyNormal =
        new Trainer(TrainerConfig.defaults(1).withTrees(10, 10)).train(normals, "n", TRAINED_AT);

    assertThat(onlyNormal.metadata().classifierTrained()).isFalse();
    assertThat(onlyNormal.classify(normals.get(0).features()))
        .isEqualTo(new ThreatPrediction(ThreatClass.NONE, 1.0, 0.0));
    assertThat(ModelBundle.fromBytes(onlyNormal.toBytes()).anomalyScore(normals.get(0).features()))
        .isEqualTo(onlyNormal.anomalyScore(normals.get(0).features()));
  }
}
