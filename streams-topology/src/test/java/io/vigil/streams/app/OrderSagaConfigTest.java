package io.vigil.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class OrderSagaConfigTest {

  @Test
  void shouldDescribeALocalInstanceWhenNothingIsConfigured() {
    OrderSagaApp.Settings settings = new OrderSagaConfig(Map.of()).settings();

    assertThat(settings.applicationId()).isEqualTo("vigil-order-saga");
    assertThat(settings.httpPort()).isEqualTo(7070);
    assertThat(settings.advertisedHost()).isEqualTo("127.0.0.1");
    assertThat(settings.standbyReplicas()).isZero();
    assertThat(settings.topology().saga().replyTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.topology().payment().declineRate()).isZero();
    assertThat(settings.topology().topicPrefix()).isEmpty();
  }

  @Test
  void shouldTakeTheEnvironmentOverTheDefaultsAndOverridesOverBoth() {
    OrderSagaConfig config =
        OrderSagaConfig.load(
            Optional.empty(),
            Map.of(
                "VIGIL_STREAMS_HTTP_PORT", "7171",
                "VIGIL_PAYMENT_DECLINE_RATE", "0.25",
                "VIGIL_STREAMS_HTTP_HOST", "0.0.0.0"),
            Map.of(OrderSagaConfig.HTTP_PORT_CONFIG, "7272"));

    OrderSagaApp.Settings settings = config.settings();

    assertThat(settings.httpPort()).isEqualTo(7272);
    assertThat(settings.topology().payment().declineRate()).isEqualTo(0.25);
    assertThat(settings.advertisedHost()).isEqualTo("localhost");
  }

  @Test
  void shouldRejectAnOutOfRangeValueNamingItsKey() {
    assertThatThrownBy(
            () -> new OrderSagaConfig(Map.of(OrderSagaConfig.PAYMENT_DECLINE_RATE_CONFIG, "1.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(OrderSagaConfig.PAYMENT_DECLINE_RATE_CONFIG);
  }

  @Test
  void shouldRunExactlyOnceV2WithTheClassicProtocolAndTheAdvertisedServer() {
    OrderSagaConfig config =
        new OrderSagaConfig(Map.of(OrderSagaConfig.STANDBY_REPLICAS_CONFIG, "1"));

    Properties props =
        OrderSagaApp.streamsProperties(config, config.settings(), new HostInfo("10.0.0.7", 7070));

    assertThat(props)
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic")
        .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "10.0.0.7:7070")
        .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
  }
}
