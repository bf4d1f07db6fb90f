package io.vigil.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

  @Test
  void shouldSplitCredentialsFromUrlWhenUrlHasUserInfo() {
    // When
    RegistryClientConfig config = RegistryClientConfig.forUrl("http://u:p@reg:8081/, https://b/");

    // Then
    assertThat(config.endpoints())
        .extracting(RegistryEndpoint::toString)
        .containsExactly("http://reg:8081", "https://b");
    assertThat(config.credentialsFor(config.endpoints().get(0))).contains("u:p");
    assertThat(config.credentialsFor(config.endpoints().get(1))).isEmpty();
  }

  @Test
  void shouldPreferUserInfoWhenCredentialsSourceIsUserInfo() {
    // When
    RegistryClientConfig config =
        new RegistryClientConfig(
            Map.of(
                "schema.registry.url", "http://u:p@reg:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "schema.registry.basic.auth.user.info", "alice:pw"));

    // Then
    assertThat(config.credentialsFor(config.endpoints().get(0))).contains("alice:pw");
  }

  @Test
  void shouldRejectUserInfoSourceWhenNoUserInfoIsSet() {
    assertThatThrownBy(
            () ->
                new RegistryClientConfig(
                    Map.of(
                        "schema.registry.url",
                        "http://reg",
                        "basic.auth.credentials.source",
                        "USER_INFO")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("basic.auth.user.info");
  }

  @Test
  void shouldNameKeyWhenUrlIsMissingOrInvalid() {
    assertThatThrownBy(() -> new RegistryClientConfig(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> RegistryClientConfig.forUrl("localhost:8081"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void shouldBuildRetryPolicyWhenRetrySettingsAreGiven() {
    RegistryClientConfig config =
        new RegistryClientConfig(
            Map.of(
                "schema.registry.url", "http://reg",
                "max.retries", "1",
                "retries.wait.ms", "10",
                "retries.max.wait.ms", "20",
                "schema.registry.retries.max.elapsed.ms", "30"));

    assertThat(config.retryPolicy())
        .isEqualTo(
            new RetryPolicy(
                1, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(30)));
  }
}
