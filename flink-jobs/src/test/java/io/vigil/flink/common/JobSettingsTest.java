package io.vigil.flink.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

  @Test
  void shouldPointAtLocalStackWhenNoArgumentsAreGiven() {
    JobSettings s = JobSettings.fromArgs("anomaly");
    assertThat(s.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(s.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8081");
    assertThat(s.groupId()).isEqualTo("vigil-anomaly");
    assertThat(s.transactionalIdPrefix()).isEqualTo("vigil-anomaly");
    assertThat(s.topic("requests")).isEqualTo("telemetry.requests");
    assertThat(s.topic("anomalies")).isEqualTo("analytics.anomalies");
    assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.parallelism()).isEqualTo(-1);
  }

  @Test
  void shouldOverrideDefaultsWhenArgumentsAreGiven() {
    JobSettings s =
        JobSettings.fromArgs(
            "forecast",
            "--bootstrap-servers",
            "kafka:9092",
            "--topic.forecasts",
            "t.f",
            "--checkpoint-interval-ms",
            "500",
            "--idleness-ms",
            "2000");
    assertThat(s.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(s.topic("forecasts")).isEqualTo("t.f");
    assertThat(s.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.idleness()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void shouldNameTheKeyWhenValueIsNotANumber() {
    JobSettings s = JobSettings.fromArgs("forecast", "--window-ms", "ten");
    assertThatThrownBy(() -> s.getDuration("window-ms", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--window-ms");
  }

  @Test
  void shouldRejectUnknownLogicalTopicWhenAsked() {
    assertThatThrownBy(() -> JobSettings.fromArgs("x").topic("nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReadBoundedFlagWhenGivenAndRejectOtherValues() {
    assertThat(JobSettings.fromArgs("anomaly").bounded()).isFalse();
    assertThat(JobSettings.fromArgs("anomaly", "--bounded", "true").bounded()).isTrue();
    assertThatThrownBy(() -> JobSettings.fromArgs("anomaly", "--bounded", "yes").bounded())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--bounded");
  }
}
