package io.vigil.saga.codec;

import static io.vigil.saga.Outcome.failure;
import static io.vigil.saga.Outcome.success;
import static io.vigil.saga.Outcome.transientFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.saga.Decision;
import io.vigil.saga.Outcome;
import io.vigil.saga.SagaEngine;
import io.vigil.saga.SagaInput;
import io.vigil.saga.SagaState;
import io.vigil.saga.SagaStatus;
import io.vigil.saga.order.OrderData;
import io.vigil.saga.order.OrderLine;
import io.vigil.saga.order.OrderSaga;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SagaStateCodecTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final OrderData ORDER =
      new OrderData(
          "order-1",
          "customer-7",
          List.of(new OrderLine("sku-1", 2), new OrderLine("sku-ü", 1)),
          new BigDecimal("59.90"),
          "EUR");

  private final SagaStateCodec<OrderData> codec = OrderSaga.stateCodec();
  private final SagaEngine<OrderData> engine = new SagaEngine<>(OrderSaga.definition());

  /** RUNNING, in a retry backoff of authorize-payment: timer, applied steps, no awaited reply. */
  private SagaState<OrderData> waitingForRetry() {
    SagaState<OrderData> s = engine.start("order-1", ORDER, T0).state();
    s = reply(s, "order-1:reserve-inventory:1", success(), 100);
    return reply(s, "order-1:authorize-payment:1", transientFailure("gateway busy"), 300);
  }

  /** FAILED with an incident, a reason, pending and compensated steps. */
  private SagaState<OrderData> failedWithIncident() {
    SagaState<OrderData> s = engine.start("order-1", ORDER, T0).state();
    s = reply(s, "order-1:reserve-inventory:1", success(), 100);
    s = reply(s, "order-1:authorize-payment:1", success(), 200);
    s = reply(s, "order-1:confirm-order:1", failure("order deleted"), 300);
    s = reply(s, "order-1:authorize-payment-compensate:1", success(), 400);
    return reply(s, "order-1:reserve-inventory-compensate:1", failure("ledger closed"), 500);
  }

  private SagaState<OrderData> reply(
      SagaState<OrderData> state, String commandId, Outcome outcome, long atMillis) {
    Decision<OrderData> d =
        engine.handle(state, SagaInput.reply(commandId, outcome, T0.plusMillis(atMillis)));
    assertThat(d.ignored()).isEmpty();
    return d.state();
  }

  @Test
  void shouldRestoreEqualStateWhenEncodedAndDecoded() {
    for (SagaState<OrderData> state :
        List.of(engine.start("order-1", ORDER, T0).state(), waitingForRetry(), failedWithIncident())) {
      assertThat(codec.decode(codec.encode(state))).isEqualTo(state);
    }
    assertThat(failedWithIncident().status()).isEqualTo(SagaStatus.FAILED);
  }

  @Test
  void shouldKeepLongAndNonAsciiReasonsWhenEncoded() {
    String longReason = "ä€𝄞".repeat(30_000);
    SagaState<OrderData> s = engine.start("order-1", ORDER, T0).state();
    SagaState<OrderData> cancelled =
        reply(s, "order-1:reserve-inventory:1", failure(longReason), 1);

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
    byte[] fixture = HexFormat.of().parseHex(readResource(resource).replaceAll("\\s", ""));
    String actualHex = HexFormat.of().formatHex(codec.encode(state));

    assertThat(actualHex)
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
    OrderData tenths = withAmount(new BigDecimal("59.9"));
    OrderData cents = withAmount(new BigDecimal("59.90"));
    Function<OrderData, OrderData> roundTrip =
        data -> codec.decode(codec.encode(engine.start("order-1", data, T0).state())).data();

    assertThat(roundTrip.apply(tenths).amount()).isEqualTo(new BigDecimal("59.9"));
    assertThat(roundTrip.apply(cents).amount()).isEqualTo(new BigDecimal("59.90"));
    assertThat(roundTrip.apply(withAmount(new BigDecimal("123456789012345678901234.5678"))))
        .isEqualTo(withAmount(new BigDecimal("123456789012345678901234.5678")));
  }

  @Property(tries = 300)
  void shouldOnlyThrowCodecExceptionWhenBytesAreRandom(@ForAll byte[] bytes) {
    try {
      SagaState<OrderData> state = codec.decode(bytes);
      assertThat(codec.decode(codec.encode(state))).isEqualTo(state);
    } catch (SagaStateCodecException expected) {
      assertThat(expected).hasMessageNotContaining("null");
    }
  }

  @Property(tries = 300)
  void shouldOnlyThrowCodecExceptionWhenValidBytesAreCorrupted(
      @ForAll int position, @ForAll byte value) {
    byte[] bytes = codec.encode(failedWithIncident());
    bytes[Math.floorMod(position, bytes.length)] = value;
    try {
      SagaState<OrderData> state = codec.decode(bytes);
      assertThat(codec.decode(codec.encode(state))).isEqualTo(state);
    } catch (SagaStateCodecException expected) {
      assertThat(expected).isNotNull();
    }
  }

  private static OrderData withAmount(BigDecimal amount) {
    return new OrderData(ORDER.orderId(), ORDER.customerId(), ORDER.lines(), amount, "EUR");
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
