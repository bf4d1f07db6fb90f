package io.vigil.saga.testing;

import io.vigil.saga.Outcome;
import io.vigil.saga.SagaDefinition;
import io.vigil.saga.SagaEngine;
import io.vigil.saga.codec.SagaStateCodec;
import java.time.Instant;
import java.util.Objects;

/**
 * Broker-free given/expect DSL for saga definitions, in the spirit of Eventuate's {@code
 * SagaUnitTestSupport}:
 *
 * <pre>{@code
 * given(OrderSaga.definition())
 *     .withStateCodec(OrderSaga.stateCodec())
 *     .start("order-1", order, T0)
 *     .expectCommand(ReserveInventory.class)
 *     .whenReply(success())
 *     .expectCommand(AuthorizePayment.class)
 *     .whenReply(failure("declined"))
 *     .expectCommand(ReleaseInventory.class)
 *     .whenReply(success())
 *     .expectState(CANCELLED)
 *     .expectReason("authorize-payment failed: declined");
 * }</pre>
 *
 * Every step of a {@link SagaScenario} also checks, without being asked: decisions are
 * deterministic (replaying the input gives an equal decision), ignored inputs change nothing, no
 * command id is emitted twice, the saga has at most one live timer and it matches the timers
 * scheduled, cancelled and fired so far, and (with a codec) the state survives an encode/decode
 * round trip — the scenario continues from the decoded state, as a store-backed processor would.
 */
public final class SagaUnitTestSupport {

  private SagaUnitTestSupport() {}

  /** Starts a scenario for {@code definition}. */
  public static <D> Given<D> given(SagaDefinition<D> definition) {
    return new Given<>(definition);
  }

  /** A successful reply. */
  public static Outcome success() {
    return Outcome.success();
  }

  /** A non-transient (business) failure reply. */
  public static Outcome failure(String reason) {
    return Outcome.failure(reason);
  }

  /** A transient failure reply. */
  public static Outcome transientFailure(String reason) {
    return Outcome.transientFailure(reason);
  }

  /**
   * The "given" part: which saga, persisted how.
   *
   * @param <D> the saga data type
   */
  public static final class Given<D> {
    private final SagaDefinition<D> definition;
    private SagaStateCodec<D> codec;

    private Given(SagaDefinition<D> definition) {
      this.definition = Objects.requireNonNull(definition, "definition");
    }

    /** Round-trips every state through {@code stateCodec}, as a key-value store would. */
    public Given<D> withStateCodec(SagaStateCodec<D> stateCodec) {
      this.codec = Objects.requireNonNull(stateCodec, "stateCodec");
      return this;
    }

    /** Starts saga {@code sagaId} with {@code data} at {@code now}. */
    public SagaScenario<D> start(String sagaId, D data, Instant now) {
      return SagaScenario.start(new SagaEngine<>(definition), codec, sagaId, data, now);
    }
  }
}
