package io.vigil.streams.payment;

import io.vigil.saga.CommandId;
import io.vigil.saga.Outcome;
import io.vigil.saga.Participant;
import io.vigil.saga.PaymentCommand;
import io.vigil.saga.order.AuthorizePayment;
import io.vigil.saga.order.VoidPayment;
import io.vigil.saga.participant.ParticipantHandlers;
import io.vigil.streams.StoreNames;
import io.vigil.streams.state.DueKeys;
import io.vigil.streams.state.KeyValueProcessedCommands;
import io.vigil.streams.state.StoredOutcome;
import io.vigil.streams.wire.ParticipantReply;
import io.vigil.streams.wire.SagaWire;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The payment participant's logic: handles payment commands through the {@link SimulatedGateway}
 * and hands its replies to a callback. Run by {@link PaymentProcessor} (commands from {@code
 * saga.payment.commands}, replies to {@code saga.replies}) or in the orchestrator's task.
 *
 * <p>Business rules: an order's amount is authorized at most once whatever the number of attempts
 * (idempotency key {@code sagaId:authorize-payment} in {@code payment-processed-commands}); a
 * declined order stays declined on every retry; an unavailable gateway answers a transient failure
 * with no effect. A void releases the hold, succeeds with nothing to undo, and blocks an
 * authorization that has not happened yet (e.g. still in the latency queue), so a timed-out
 * authorization can never be applied after its compensation.
 *
 * <p>Latency: an authorization is parked in the due-time-ordered {@code payment-pending-calls}
 * store and carried out by a wall-clock punctuator once its latency has passed, so the stream
 * thread never sleeps and the parked calls survive a restart (the store is changelogged). Voids are
 * answered at once: releasing a hold is the gateway's own bookkeeping, and a compensation that
 * waited behind the authorization latency could never beat the reply timeout that triggered it.
 */
public final class PaymentParticipant {

  /** Bound of parked calls carried out per punctuation; the rest go at the next one. */
  static final int MAX_CALLS_PER_PUNCTUATION = 5_000;

  private final PaymentSettings settings;
  private final KeyValueStore<String, PendingCall> pending;
  private final KeyValueStore<String, Authorization> authorizations;
  private final KeyValueProcessedCommands processed;
  private final ParticipantHandlers handlers;
  private final Consumer<Record<String, ParticipantReply>> out;

  /**
   * The participant over the payment stores of the task ({@link StoreNames#PAYMENT_PENDING}, {@link
   * StoreNames#PAYMENT_AUTHORIZATIONS}, {@link StoreNames#PAYMENT_PROCESSED}); its replies go to
   * {@code out}.
   */
  public PaymentParticipant(
      PaymentSettings settings,
      ProcessorContext<?, ?> context,
      Consumer<Record<String, ParticipantReply>> out) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.out = Objects.requireNonNull(out, "out");
    this.pending = context.getStateStore(StoreNames.PAYMENT_PENDING);
    this.authorizations = context.getStateStore(StoreNames.PAYMENT_AUTHORIZATIONS);
    KeyValueStore<String, StoredOutcome> outcomes =
        context.getStateStore(StoreNames.PAYMENT_PROCESSED);
    this.processed = new KeyValueProcessedCommands(outcomes);
    this.handlers = new SimulatedGateway(settings, authorizations).handlers();
  }

  /** Whether authorizations wait in the latency queue (then {@link #callGateway} must run). */
  public boolean hasLatency() {
    return !settings.latency().isZero();
  }

  /** Handles a command for {@code orderId}. */
  public void handle(String orderId, PaymentCommand command, long now) {
    String commandId = command.getCommandId();
    if (command.getPayload() instanceof io.vigil.saga.AuthorizePayment authorize) {
      PendingCall call =
          new PendingCall(
              commandId,
              orderId,
              authorize.getCustomerId(),
              authorize.getAmount(),
              authorize.getCurrency());
      boolean decided = processed.find(CommandId.parse(commandId).idempotencyKey()).isPresent();
      if (decided || settings.latency().isZero()) {
        authorize(call, now);
      } else {
        pending.put(DueKeys.key(now + settings.latency().toMillis(), commandId), call);
      }
    } else if (command.getPayload() instanceof io.vigil.saga.VoidPayment) {
      reply(orderId, commandId, handlers.handle(commandId, voidOf(orderId), processed), now);
    }
  }

  /** Carries out the parked authorizations due by {@code now}. */
  public void callGateway(long now) {
    List<KeyValue<String, PendingCall>> due = new ArrayList<>();
    try (KeyValueIterator<String, PendingCall> it =
        pending.range(DueKeys.first(), DueKeys.dueBy(now))) {
      while (it.hasNext() && due.size() < MAX_CALLS_PER_PUNCTUATION) {
        due.add(it.next());
      }
    }
    for (KeyValue<String, PendingCall> entry : due) {
      pending.delete(entry.key);
      authorize(entry.value, now);
    }
  }

  private void authorize(PendingCall call, long now) {
    String key = CommandId.parse(call.commandId()).idempotencyKey();
    Outcome outcome;
    if (processed.find(key).isEmpty() && SimulatedGateway.unavailable(settings, call.commandId())) {
      outcome = new Outcome.Failure(SimulatedGateway.UNAVAILABLE, true);
    } else {
      AuthorizePayment command =
          new AuthorizePayment(call.orderId(), call.customerId(), call.amount(), call.currency());
      outcome = handlers.handle(call.commandId(), command, processed);
    }
    reply(call.orderId(), call.commandId(), outcome, now);
  }

  /** The engine's VoidPayment; the Avro one carries no amount, the authorization record does. */
  private VoidPayment voidOf(String orderId) {
    Authorization held = authorizations.get(orderId);
    if (held == null) {
      // Nothing held: the handler will find nothing to undo. "XXX" is ISO 4217 for "no currency".
      return new VoidPayment(orderId, "", BigDecimal.ZERO, "XXX");
    }
    return new VoidPayment(orderId, held.customerId(), held.amount(), held.currency());
  }

  private void reply(String orderId, String commandId, Outcome outcome, long now) {
    ParticipantReply reply =
        SagaWire.reply(commandId, orderId, Participant.PAYMENT, outcome, Instant.ofEpochMilli(now));
    out.accept(new Record<>(orderId, reply, now));
  }
}
