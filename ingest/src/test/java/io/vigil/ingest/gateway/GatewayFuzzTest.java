package io.vigil.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.testing.Http;
import io.vigil.ingest.testing.InMemorySink;
import io.vigil.ingest.testing.Services;
import java.util.Map;

/**
 * Fuzzes the gateway's decoders through {@link IngestService} (the whole request path but the
 * socket): JSON events, OTLP protobuf and OTLP JSON, plain and gzip. Whatever the bytes, the answer
 * is a 2xx or a 4xx with a body: never an exception, a hang or a 5xx.
 *
 * <p>In CI the tests run in Jazzer's regression mode: the empty input and the seeds under {@code
 * src/test/resources/io/vigil/ingest/gateway/GatewayFuzzTestInputs/<method>/}. To fuzz, run with
 * {@code JAZZER_FUZZ=1} (each method for {@code maxDuration}); findings land next to the seeds.
 */
class GatewayFuzzTest {

  private static final InMemorySink SINK = new InMemorySink();
  private static final IngestService SERVICE =
      Services.service(
          SINK,
          Map.of(
              IngestConfig.GATEWAY_AUTH_ENABLED_CONFIG, "false",
              IngestConfig.GATEWAY_RATE_LIMIT_CONFIG, "1000000000",
              IngestConfig.GATEWAY_RATE_BURST_CONFIG, "1000000000",
              IngestConfig.GATEWAY_MAX_BODY_BYTES_CONFIG, "65536"));

  @FuzzTest(maxDuration = "60s")
  void fuzzJsonEvents(byte[] body) {
    assertClientOutcome(
        SERVICE.events(
            "orders.events", Services.request(body, "Content-Type", "application/json")));
    assertClientOutcome(
        SERVICE.events(
            "telemetry.metrics", Services.request(body, "Content-Type", "application/json")));
  }

  @FuzzTest(maxDuration = "60s")
  void fuzzGzipJsonEvents(byte[] body) {
    assertClientOutcome(
        SERVICE.events(
            "orders.events",
            Services.request(
                body, "Content-Type", "application/json", "Content-Encoding", "gzip")));
  }

  @FuzzTest(maxDuration = "60s")
  void fuzzOtlpProtobuf(byte[] body) {
    for (OtlpSignal signal : OtlpSignal.values()) {
      assertClientOutcome(
          SERVICE.otlp(signal, Services.request(body, "Content-Type", "application/x-protobuf")));
    }
  }

  @FuzzTest(maxDuration = "60s")
  void fuzzOtlpJson(byte[] body) {
    for (OtlpSignal signal : OtlpSignal.values()) {
      assertClientOutcome(
          SERVICE.otlp(signal, Services.request(body, "Content-Type", "application/json")));
    }
  }

  private static void assertClientOutcome(GatewayResponse response) {
    assertThat(response.status()).as(response.bodyText()).isBetween(200, 499);
    if (response.status() >= 400 && response.contentType().equals(GatewayResponse.JSON)) {
      assertThat(Http.json(response.bodyText()).get("reason").asText()).isNotBlank();
    }
  }
}
