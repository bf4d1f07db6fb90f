package io.vigil.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

  @Test
  void shouldUseFreePortsTemporaryDataAndPostgresWhenDefaulted() {
    // When
    StackOptions options = StackOptions.defaults();

    // Then
    assertThat(options.dataDirIfKept()).isEmpty();
    assertThat(options.kafkaPort()).isZero();
    assertThat(options.kafkaControllerPort()).isZero();
    assertThat(options.registryPort()).isZero();
    assertThat(options.postgresPort()).isZero();
    assertThat(options.withPostgres()).isTrue();
    assertThat(options.registryTopic()).isEqualTo("_schemas");
  }

  @Test
  void shouldKeepFixedValuesWhenBuilt() {
    // When
    StackOptions options =
        StackOptions.builder()
            .dataDir(Path.of("/tmp/vigil"))
            .kafkaPort(9092)
            .kafkaControllerPort(9093)
            .registryPort(8081)
            .postgresPort(5432)
            .withPostgres(false)
            .registryTopic("_vigil_schemas")
            .build();

    // Then
    assertThat(options.dataDirIfKept()).contains(Path.of("/tmp/vigil"));
    assertThat(options.kafkaPort()).isEqualTo(9092);
    assertThat(options.kafkaControllerPort()).isEqualTo(9093);
    assertThat(options.registryPort()).isEqualTo(8081);
    assertThat(options.postgresPort()).isEqualTo(5432);
    assertThat(options.withPostgres()).isFalse();
    assertThat(options.registryTopic()).isEqualTo("_vigil_schemas");
  }

  @Test
  void shouldRejectOptionsWhenPortOrTopicIsInvalid() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StackOptions.builder().kafkaPort(-1).build())
        .withMessageContaining("kafkaPort");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StackOptions.builder().postgresPort(70_000).build())
        .withMessageContaining("postgresPort");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StackOptions.builder().registryTopic(" ").build());
  }
}
