package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.ingest.cdc.CdcSourceConfig;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

  @Test
  void shouldDefaultToSafeProducerSettingsAndTheOtlpPortWhenNothingIsSet() {
    IngestConfig config = IngestConfig.defaults();

    Map<String, Object> props = config.producerProps();
    assertThat(props)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
    assertThat(config.gatewayPort()).isEqualTo(4318);
    assertThat(config.gatewayHost()).isEqualTo("127.0.0.1");
    assertThat(config.authEnabled()).isTrue();
    assertThat(config.gatewayTopics()).contains("orders.events", "telemetry.spans");
    assertThat(IngestConfig.documentation()).contains("vigil.ingest.api.keys", "vigil.cdc.sources");
  }

  @Test
  void shouldReadCdcSourceKeysFromTheEnvironmentWhenTheSourceIsNamed() {
    IngestConfig config =
        IngestConfig.load(
            Optional.empty(),
            Map.of(
                "VIGIL_CDC_SOURCES", "orders,billing",
                "VIGIL_CDC_SOURCE_ORDERS_PASSWORD", "from-env",
                "VIGIL_CDC_SOURCE_ORDERS_JDBC_URL", "jdbc:postgresql://db:6543/shop",
                "VIGIL_INGEST_API_KEYS", "a:k:*"),
            Map.of("vigil.cdc.source.billing.jdbc.url", "jdbc:postgresql://billing/bills"));

    CdcSourceConfig orders = new CdcSourceConfig("orders", config.cdcSourceValues("orders"));
    CdcSourceConfig billing = new CdcSourceConfig("billing", config.cdcSourceValues("billing"));
    assertThat(orders.password()).isEqualTo("from-env");
    assertThat(orders.host()).isEqualTo("db");
    assertThat(orders.port()).isEqualTo(6543);
    assertThat(orders.database()).isEqualTo("shop");
    assertThat(orders.slotName()).isEqualTo("vigil_orders");
    assertThat(orders.table()).isEqualTo("public.outbox");
    assertThat(billing.port()).isEqualTo(5432);
    assertThat(config.apiKeys()).isEqualTo("a:k:*");
  }

  @Test
  void shouldRefuseAnInvalidSourceWhenItsUrlOrTableIsWrong() {
    assertThatThrownBy(() -> new CdcSourceConfig("x", Map.of("jdbc.url", "jdbc:mysql://h/db")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vigil.cdc.source.x.jdbc.url");
    assertThatThrownBy(() -> new CdcSourceConfig("x", Map.of()))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(
            () ->
                new CdcSourceConfig(
                        "x", Map.of("jdbc.url", "jdbc:postgresql://h/db", "table", "x; drop"))
                    .table())
        .isInstanceOf(ConfigException.class);
  }
}
