package io.vigil.saga.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.saga.SagaState;
import io.vigil.saga.order.OrderData;
import io.vigil.saga.order.OrderSaga;
import java.io.IOException;
import java.time.DateTimeException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Arbitrary and corrupted bytes: the codec decodes a valid state or throws its own exception. */
class SagaStateCodecPropertiesTest {

  private final SagaStateCodec<OrderData> codec = OrderSaga.stateCodec();

  @Property(tries = 300)
  void shouldOnlyThrowCodecExceptionWhenBytesAreRandom(@ForAll byte[] bytes) {
    assertDecodesOrRejects(bytes);
  }

  @Property(tries = 300)
  void shouldOnlyThrowCodecExceptionWhenValidBytesAreCorrupted(
      @ForAll int position, @ForAll byte value) {
    byte[] bytes = codec.encode(CodecFixtures.failedWithIncident());
    bytes[Math.floorMod(position, bytes.length)] = value;

    assertDecodesOrRejects(bytes);
  }

  private void assertDecodesOrRejects(byte[] bytes) {
    try {
      SagaState<OrderData> state = codec.decode(bytes);
      assertThat(codec.decode(codec.encode(state))).isEqualTo(state);
    } catch (SagaStateCodecException rejected) {
      // malformed input, not a codec bug (NPE, ClassCastException, IndexOutOfBounds...)
      if (rejected.getCause() != null) {
        assertThat(rejected.getCause())
            .isInstanceOfAny(
                IOException.class,
                IllegalArgumentException.class,
                DateTimeException.class,
                ArithmeticException.class);
      }
    }
  }
}
