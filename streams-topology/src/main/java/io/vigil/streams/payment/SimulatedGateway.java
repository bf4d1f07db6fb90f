package io.vigil.streams.payment;

import io.vigil.saga.Outcome;
import io.vigil.saga.order.AuthorizePayment;
import io.vigil.saga.order.OrderSaga;
import io.vigil.saga.order.VoidPayment;
import io.vigil.saga.participant.ParticipantHandlers;
import io.vigil.streams.payment.Authorization.Status;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A payment gateway simulated over a state store: authorizing holds the order's amount, voiding
 * releases the hold. Declines and unavailability are decided deterministically from the seed (see
 * {@link PaymentSettings}), so tests know in advance which orders are declined ({@link
 * #declines(PaymentSettings, String)}).
 */
public final class SimulatedGateway {

  /** The failure reason of a declined authorization. */
  public static final String DECLINED = "payment declined by the gateway";

  /** The failure reason of an unavailable gateway. */
  public static final String UNAVAILABLE = "payment gateway unavailable";

  private final PaymentSettings settings;
  private final KeyValueStore<String, Authorization> authorizations;

  public SimulatedGateway(
      PaymentSettings settings, KeyValueStore<String, Authorization> authorizations) {
    this.settings = settings;
    this.authorizations = authorizations;
  }

  /** The participant's handler table: AuthorizePayment → authorize, VoidPayment → void. */
  public ParticipantHandlers handlers() {
    return ParticipantHandlers.builder(OrderSaga.PAYMENT)
        .on(AuthorizePayment.class, this::authorize)
        .on(VoidPayment.class, this::voidAuthorization)
        .build();
  }

  /** Whether the gateway declines the order's authorization under {@code settings}. */
  public static boolean declines(PaymentSettings settings, String orderId) {
    return fraction(settings.seed(), "decline|" + orderId) < settings.declineRate();
  }

  /** Whether the gateway is unreachable for command attempt {@code commandId}. */
  public static boolean unavailable(PaymentSettings settings, String commandId) {
    return fraction(settings.seed(), "unavailable|" + commandId) < settings.unavailableRate();
  }

  private Outcome authorize(AuthorizePayment command) {
    if (declines(settings, command.orderId())) {
      return new Outcome.Failure(DECLINED, false);
    }
    Authorization previous = authorizations.get(command.orderId());
    int times = previous == null ? 1 : previous.timesAuthorized() + 1;
    authorizations.put(
        command.orderId(),
        new Authorization(
            command.orderId(),
            command.customerId(),
            command.amount(),
            command.currency(),
            Status.AUTHORIZED,
            times,
            previous == null ? 0 : previous.timesVoided()));
    return new Outcome.Success();
  }

  private Outcome voidAuthorization(VoidPayment command) {
    Authorization current = authorizations.get(command.orderId());
    if (current != null && current.status() == Status.AUTHORIZED) {
      authorizations.put(
          command.orderId(),
          new Authorization(
              current.orderId(),
              current.customerId(),
              current.amount(),
              current.currency(),
              Status.VOIDED,
              current.timesAuthorized(),
              current.timesVoided() + 1));
    }
    return new Outcome.Success();
  }

  /** A deterministic value in [0, 1) from a seed and a text (FNV-1a, then a 64-bit mixer). */
  static double fraction(long seed, String text) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53;
  }
}
