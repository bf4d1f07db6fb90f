package io.vigil.streams.payment;

import io.vigil.saga.PaymentCommand;
import io.vigil.streams.wire.ParticipantReply;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The payment participant as a processor of its own: consumes {@code saga.payment.commands} and
 * answers on {@code saga.replies} through {@link PaymentParticipant}.
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
public final class PaymentProcessor
    implements Processor<String, PaymentCommand, String, ParticipantReply> {

  private final PaymentSettings settings;
  private final Duration punctuateInterval;

  private ProcessorContext<String, ParticipantReply> context;
  private PaymentParticipant participant;

  public PaymentProcessor(PaymentSettings settings, Duration punctuateInterval) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.punctuateInterval = Objects.requireNonNull(punctuateInterval, "punctuateInterval");
  }

  @Override
  public void init(ProcessorContext<String, ParticipantReply> context) {
    this.context = context;
    this.participant = new PaymentParticipant(settings, context, context::forward);
    if (participant.hasLatency()) {
      context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::callGateway);
    }
  }

  @Override
  public void process(Record<String, PaymentCommand> record) {
    participant.handle(record.key(), record.value(), context.currentSystemTimeMs());
  }

  /** Carries out the parked authorizations due by {@code now}. */
  void callGateway(long now) {
    participant.callGateway(now);
  }
}
