package io.vigil.flink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class LocalFlinkClusterTest {

  @Test
  void shouldBindEverythingToLoopbackAndAcceptJarsWhenConfigured() {
    // When
    Configuration conf =
        LocalFlinkCluster.builder().restPort(8081).configuration(Path.of("/tmp/x"));

    // Then
    var map = conf.toMap();
    assertThat(map)
        .containsEntry("rest.bind-address", "127.0.0.1")
        .containsEntry("rest.address", "127.0.0.1")
        .containsEntry("rest.port", "8081")
        .containsEntry("jobmanager.bind-host", "127.0.0.1")
        .containsEntry("jobmanager.rpc.address", "127.0.0.1")
        .containsEntry("taskmanager.bind-host", "127.0.0.1")
        .containsEntry("taskmanager.host", "127.0.0.1")
        .containsEntry("web.submit.enable", "true")
        .containsEntry("classloader.resolve-order", "child-first");
  }

  @Test
  void shouldLetCallerOverrideDefaultsWhenConfigIsGiven() {
    var map =
        LocalFlinkCluster.builder()
            .config("restart-strategy.type", "none")
            .config("taskmanager.memory.managed.size", "128m")
            .configuration(Path.of("/tmp/x"))
            .toMap();
    assertThat(map)
        .containsEntry("restart-strategy.type", "none")
        .containsEntry("taskmanager.memory.managed.size", "128m");
  }

  @Test
  void shouldRejectPortWhenOutOfRange() {
    assertThatThrownBy(() -> LocalFlinkCluster.builder().restPort(70_000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
