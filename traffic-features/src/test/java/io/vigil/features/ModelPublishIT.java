package io.vigil.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.ModelKind;
import io.vigil.analytics.ModelRef;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.config.VigilConfig;
import io.vigil.devstack.StackEndpoints;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** A trained model's reference published to a real broker, read back with the catalog serdes. */
@VigilStack
class ModelPublishIT {

  @Test
  void shouldReadBackModelRefWithCatalogSerdeWhenPublished(
      StackEndpoints stack, TestInfo info, @TempDir Path dir) throws Exception {
    // Given the models topic under a per-test name and a (stand-in) bundle file
    VigilConfig config =
        VigilConfig.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()));
    Topic<String, ModelRef> catalog = TopicCatalog.from(config).models();
    Topic<String, ModelRef> topic =
        new Topic<>(
            catalog.name() + "." + TestNames.unique(info),
            1,
            (short) 1,
            catalog.configs(),
            catalog.keySerde(),
            catalog.valueSerde());
    try (Admin admin = Admin.create(config.adminProps())) {
      admin.createTopics(List.of(topic.toNewTopic())).all().get();
    }
    byte[] bundle = {1, 2, 3, 4};
    Path artifact = Files.write(dir.resolve("traffic-v1.bin"), bundle);
    Instant trainedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ModelTrainingPipeline.Summary summary =
        new ModelTrainingPipeline.Summary(
            "traffic",
            "v1",
            artifact,
            ModelTrainingPipeline.sha256Hex(bundle),
            bundle.length,
            10,
            5,
            Map.of(ThreatClass.NONE, 40L, ThreatClass.DDOS, 3L),
            Duration.ofMillis(1_500),
            trainedAt,
            0.9);
    ModelRef sent = ModelTrainingPipeline.modelRef(summary, trainedAt);

    // When
    RecordMetadata md = ModelTrainingPipeline.publish(config, topic, sent);

    // Then one record keyed by the model name, decoded by the catalog serde, equal to what was sent
    assertThat(md.topic()).isEqualTo(topic.name());
    List<ConsumerRecord<String, ModelRef>> received = new ArrayList<>();
    try (KafkaConsumer<String, ModelRef> consumer =
        new KafkaConsumer<>(
            config.consumerProps(TestNames.unique("models-it")),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }
    assertThat(received).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("traffic"));
    ModelRef got = received.get(0).value();
    assertThat(got).isEqualTo(sent);
    assertThat(got.getKind()).isEqualTo(ModelKind.ANOMALY_DETECTOR);
    assertThat(got.getArtifactUri()).isEqualTo(artifact.toUri().toString()).startsWith("file:");
    assertThat(got.getArtifactSha256()).isEqualTo(ModelTrainingPipeline.sha256Hex(bundle));
    assertThat(got.getMetrics()).containsEntry("windows.ddos", 3.0).containsEntry("windows", 43.0);
  }
}
