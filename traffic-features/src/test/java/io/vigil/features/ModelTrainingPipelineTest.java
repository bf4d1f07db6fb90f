package io.vigil.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.analytics.ModelRef;
import io.vigil.analytics.features.FeatureSchema;
import io.vigil.analytics.model.LabelledVector;
import io.vigil.analytics.model.ModelBundle;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.analytics.model.TrainerConfig;
import io.vigil.simulator.Pacing;
import io.vigil.simulator.RandomAttacks;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.Simulator;
import io.vigil.simulator.TrafficProfile;
import io.vigil.simulator.sink.FileSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains on a short simulated run of the demo script (every attack class once) written with {@link
 * FileSink}, and checks the model on a run of another seed.
 */
class ModelTrainingPipelineTest {

  private static final Set<ThreatClass> ATTACKS =
      EnumSet.complementOf(EnumSet.of(ThreatClass.NONE));

  private static final TrainerConfig SMALL = TrainerConfig.defaults(3).withTrees(5, 10);

  @TempDir static Path dir;
  static Path trainRun;
  static Path heldOutRun;

  @BeforeAll
  static void simulate() {
    // a generated mix: about two attacks of each class in 10 minutes
    RandomAttacks mix =
        new RandomAttacks(
            80, 0.2, Duration.ofSeconds(30), Duration.ofSeconds(45), Duration.ofSeconds(60));
    trainRun = simulate(7, Duration.ofMinutes(8), Scenario.random(mix), dir.resolve("train"));
    // the demo script (every class once) with another seed
    heldOutRun = simulate(11, Duration.ofSeconds(150), Scenario.demo(), dir.resolve("held-out"));
  }

  private static Path simulate(long seed, Duration duration, Scenario scenario, Path out) {
    try (FileSink files = FileSink.open(out)) {
      Simulator.builder()
          .seed(seed)
          .start(Instant.parse("2026-01-05T12:00:00Z"))
          .duration(duration)
          .traffic(TrafficProfile.defaults().withBaseRate(10))
          .orderRate(0.2)
          .scenario(scenario)
          .pacing(Pacing.AS_FAST_AS_POSSIBLE)
          .build()
          .run(files);
    }
    return out;
  }

  private static ModelTrainingPipeline.Request request(Path out, String version) {
    return request(out, version, TrainerConfig.defaults(42).withTrees(20, 40));
  }

  private static ModelTrainingPipeline.Request request(
      Path out, String version, TrainerConfig trainer) {
    return new ModelTrainingPipeline.Request(
        trainRun, out, "traffic", version, Duration.ofSeconds(10), Duration.ofMinutes(1), trainer);
  }

  @Test
  void shouldLabelWindowsOfEveryAttackClassWhenRunHoldsTheDemoScript() {
    // When
    ModelTrainingPipeline.LabelledWindows data =
        ModelTrainingPipeline.labelledWindows(trainRun, Duration.ofSeconds(10));

    // Then
    assertThat(data.requests()).isPositive();
    assertThat(data.spans()).isPositive();
    assertThat(data.examples())
        .extracting(LabelledVector::label)
        .containsAll(ATTACKS)
        .contains(ThreatClass.NONE);
    assertThat(data.examples())
        .allSatisfy(e -> assertThat(e.features().windowStartMillis() % 10_000).isZero());
  }

  @Test
  void shouldWriteVersionedBundleThatRoundTripsWhenTrained(@TempDir Path out) throws Exception {
    // When
    ModelTrainingPipeline.Summary summary = ModelTrainingPipeline.train(request(out, null));

    // Then the bundle file is named after model and version and reads back
    assertThat(summary.version()).matches("\\d{8}-\\d{6}-[0-9a-f]{8}");
    assertThat(summary.artifact())
        .isEqualTo(out.resolve("traffic-" + summary.version() + ".bin"))
        .exists();
    byte[] bytes = Files.readAllBytes(summary.artifact());
    assertThat(bytes).hasSize((int) summary.bundleBytes());
    assertThat(ModelTrainingPipeline.sha256Hex(bytes)).isEqualTo(summary.sha256());
    ModelBundle bundle = ModelBundle.fromBytes(bytes, FeatureSchema.CURRENT);
    assertThat(bundle.version()).isEqualTo(summary.version());
    assertThat(summary.windowsPerClass().keySet()).containsAll(ATTACKS).contains(ThreatClass.NONE);
    assertThat(summary.toString()).contains("traffic@" + summary.version());

    // and the classifier recognises held-out attack windows of another seed
    List<LabelledVector> heldOut =
        ModelTrainingPipeline.labelledWindows(heldOutRun, Duration.ofSeconds(10)).examples();
    Map<ThreatClass, List<LabelledVector>> attacks =
        heldOut.stream()
            .filter(e -> e.label() != ThreatClass.NONE)
            .collect(Collectors.groupingBy(LabelledVector::label));
    assertThat(attacks.keySet()).containsAll(ATTACKS);
    for (Map.Entry<ThreatClass, List<LabelledVector>> e : attacks.entrySet()) {
      long correct =
          e.getValue().stream()
              .filter(v -> bundle.classify(v.features()).threatClass() == e.getKey())
              .count();
      assertThat(correct).as("held-out %s windows classified as such", e.getKey()).isPositive();
    }
    List<LabelledVector> ddos = attacks.get(ThreatClass.DDOS);
    long ddosCorrect =
        ddos.stream()
            .filter(v -> bundle.classify(v.features()).threatClass() == ThreatClass.DDOS)
            .count();
    assertThat((double) ddosCorrect / ddos.size()).as("ddos recall").isGreaterThan(0.8);

    // and the model reference points at the artifact
    ModelRef ref = ModelTrainingPipeline.modelRef(summary, Instant.now());
    assertThat(ref.getArtifactUri()).isEqualTo(summary.artifact().toUri().toString());
    assertThat(ref.getArtifactUri()).startsWith("file:");
    assertThat(ref.getArtifactBytes()).isNull();
    assertThat(ref.getArtifactSha256()).isEqualTo(summary.sha256());
    assertThat(ref.getMetrics()).containsKeys("windows.ddos", "windows.none", "bundle_bytes");
    assertThat(ref.getFeatureNames()).isEqualTo(FeatureSchema.CURRENT.names());
  }

  @Test
  void shouldUseGivenVersionWhenOneIsSet(@TempDir Path out) {
    ModelTrainingPipeline.Summary summary = ModelTrainingPipeline.train(request(out, "v1", SMALL));
    assertThat(summary.version()).isEqualTo("v1");
    assertThat(summary.artifact()).isEqualTo(out.resolve("traffic-v1.bin")).exists();
  }

  @Test
  void shouldRejectInputWhenItHoldsNoTelemetry(@TempDir Path empty) {
    ModelTrainingPipeline.Request request =
        new ModelTrainingPipeline.Request(
            empty,
            empty,
            "traffic",
            "v1",
            Duration.ofSeconds(10),
            Duration.ZERO,
            TrainerConfig.defaults(1));
    assertThatThrownBy(() -> ModelTrainingPipeline.train(request))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelTrainingPipeline.labelledWindows(empty, Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no telemetry");
  }
}
