package io.vigil.flink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobJarTest {

  @TempDir Path dir;

  @Test
  void shouldPreferSystemPropertyWhenItNamesAFile() throws IOException {
    Path explicit = Files.createFile(dir.resolve("custom.jar"));
    Files.createDirectories(dir.resolve("flink-jobs/target"));
    Files.createFile(dir.resolve("flink-jobs/target/vigil-flink-jobs.jar"));
    assertThat(JobJar.locate(explicit.toString(), Map.of(), dir))
        .isEqualTo(explicit.toAbsolutePath());
  }

  @Test
  void shouldFindBuildOutputWhenRunFromCheckout() throws IOException {
    Files.createDirectories(dir.resolve("flink-jobs/target"));
    Path built = Files.createFile(dir.resolve("flink-jobs/target/vigil-flink-jobs.jar"));
    assertThat(JobJar.locate(null, Map.of(JobJar.ENV, ""), dir)).isEqualTo(built.toAbsolutePath());
  }

  @Test
  void shouldListEveryPlaceTriedWhenNoJarExists() {
    assertThatThrownBy(() -> JobJar.locate(null, Map.of(), dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("flink-jobs")
        .hasMessageContaining(JobJar.PROPERTY);
  }
}
