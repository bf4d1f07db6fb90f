package io.vigil.saga.codec;

import static io.vigil.saga.Outcome.failure;
import static io.vigil.saga.codec.CodecFixtures.ORDER;
import static io.vigil.saga.codec.CodecFixtures.failedWithIncident;
import static io.vigil.saga.codec.CodecFixtures.reply;
import static io.vigil.saga.codec.CodecFixtures.started;
import static io.vigil.saga.codec.CodecFixtures.waitingForRetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.saga.SagaState;
import io.vigil.saga.SagaStatus;
import io.vigil.saga.order.OrderData;
import io.vigil.saga.order.OrderSaga;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaStateCodecTest {

  private final SagaStateCodec<OrderData> codec = OrderSaga.stateCodec();

  @Test
  void shouldRestoreEqualStateWhenEncodedAndDecoded() {
    for (SagaState<OrderData> state : List.of(started(), waitingForRetry(), failedWithIncident())) {
      assertThat(codec.decode(codec.encode(state))).isEqualTo(state);
    }
    assertThat(failedWithIncident().status()).isEqualTo(SagaStatus.FAILED);
  }

  @Test
  void shouldKeepLongAndNonAsciiReasonsWhenEncoded() {
    String longReason = "ä€𝄞".repeat(30_000);
    SagaState<OrderData> cancelled =
        reply(started(), "order-1:reserve-inventory:1", failure(longReason), 1);

    assertThat(codec.decode(codec.encode(cancelled)).reason())
        .contains("reserve-inventory failed: " + longReason);
  }

  @Test
  void shouldEncodeExactlyTheVersion1FixtureWhenStateIsWaitingForRetry() {
    assertMatchesFixture(waitingForRetry(), "codec/order-saga-waiting-for-retry.v1.hex");
  }

  @Test
  void shouldEncodeExactlyTheVersion1FixtureWhenStateIsFailed() {
    assertMatchesFixture(failedWithIncident(), "codec/order-saga-failed.v1.hex");
  }

  private void assertMatchesFixture(SagaState<OrderData> state, String resource) {
    byte[] fixture = HexFormat.of().parseHex(withoutComments(readResource(resource)));

    assertThat(HexFormat.of().formatHex(codec.encode(state)))
        .as("encoding pinned by %s; a format change needs a new version", resource)
        .isEqualTo(HexFormat.of().formatHex(fixture));
    assertThat(codec.decode(fixture)).isEqualTo(state);
  }

  @Test
  void shouldRejectBytesWhenVersionIsUnknown() {
    byte[] bytes = codec.encode(waitingForRetry());
    bytes[0] = 2;

    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(SagaStateCodecException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void shouldRejectBytesWhenTruncatedAnywhere() {
    byte[] bytes = codec.encode(failedWithIncident());

    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> codec.decode(prefix))
          .as("prefix of %d bytes", length)
          .isInstanceOf(SagaStateCodecException.class);
    }
  }

  @Test
  void shouldRejectBytesWhenTrailingGarbageFollows() {
    byte[] bytes = codec.encode(waitingForRetry());
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);

    assertThatThrownBy(() -> codec.decode(longer))
        .isInstanceOf(SagaStateCodecException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void shouldPreserveAmountScaleWhenOrderDataIsEncoded() {
    for (String amount : List.of("59.9", "59.90", "0", "123456789012345678901234.5678")) {
      OrderData order =
          new OrderData(
              ORDER.orderId(), ORDER.customerId(), ORDER.lines(), new BigDecimal(amount), "EUR");
      SagaState<OrderData> state =
          CodecFixtures.ENGINE.start("order-1", order, CodecFixtures.T0).state();

      assertThat(codec.decode(codec.encode(state)).data().amount())
          .as(amount)
          .isEqualTo(new BigDecimal(amount));
    }
  }

  private static String withoutComments(String fixture) {
    return fixture
        .lines()
        .filter(line -> !line.startsWith("#"))
        .map(String::strip)
        .reduce("", String::concat);
  }

  private static String readResource(String name) {
    try (InputStream in = SagaStateCodecTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
