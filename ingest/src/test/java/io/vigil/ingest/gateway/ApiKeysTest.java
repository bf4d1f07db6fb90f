package io.vigil.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  @Test
  void shouldFindTheTenantAndItsTopicsWhenTheKeyIsConfigured() {
    ApiKeys keys =
        ApiKeys.parse(
            "acme:s3cret:orders.events|telemetry.*, beta:sha256:" + ApiKeys.digest("other") + ":*");

    ApiKeys.Tenant acme = keys.authenticate("s3cret").orElseThrow();
    ApiKeys.Tenant beta = keys.authenticate("other").orElseThrow();

    assertThat(acme.name()).isEqualTo("acme");
    assertThat(acme.mayWrite("orders.events")).isTrue();
    assertThat(acme.mayWrite("telemetry.spans")).isTrue();
    assertThat(acme.mayWrite("orders.status")).isFalse();
    assertThat(beta.mayWrite("anything")).isTrue();
    assertThat(acme.keyId()).hasSize(12).isNotEqualTo(beta.keyId());
    assertThat(keys.authenticate("s3cret ")).isEmpty();
    assertThat(keys.authenticate(null)).isEmpty();
  }

  @Test
  void shouldRefuseMalformedEntriesWithoutRevealingTheKey() {
    assertThatThrownBy(() -> ApiKeys.parse("acme:topsecret"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("entry 1")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> ApiKeys.parse("a:k:t,b:k:t"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> ApiKeys.parse("a:sha256:abc:t"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("64 hex");
    assertThat(ApiKeys.parse("").size()).isZero();
    assertThat(ApiKeys.parse("a:k:t").toString()).doesNotContain("k:");
  }
}
