package io.vigil.streams.orchestrator;

import io.vigil.orders.OrderCancelled;
import io.vigil.orders.OrderConfirmed;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.orders.OrderStatus;
import io.vigil.saga.Decision;
import io.vigil.saga.IgnoreReason;
import io.vigil.saga.OutboundCommand;
import io.vigil.saga.Outcome;
import io.vigil.saga.SagaEngine;
import io.vigil.saga.SagaEvent;
import io.vigil.saga.SagaInput;
import io.vigil.saga.SagaState;
import io.vigil.saga.SagaTimer;
import io.vigil.saga.codec.SagaStateCodec;
import io.vigil.saga.order.OrderData;
import io.vigil.saga.order.OrderSaga;
import io.vigil.saga.order.OrderSagaCommand;
import io.vigil.saga.participant.ParticipantHandlers;
import io.vigil.streams.Metrics;
import io.vigil.streams.StoreNames;
import io.vigil.streams.inventory.InventoryOutput;
import io.vigil.streams.inventory.InventoryParticipant;
import io.vigil.streams.payment.PaymentParticipant;
import io.vigil.streams.payment.PaymentSettings;
import io.vigil.streams.state.DueKeys;
import io.vigil.streams.state.KeyValueProcessedCommands;
import io.vigil.streams.state.StoredOutcome;
import io.vigil.streams.wire.EventIds;
import io.vigil.streams.wire.InputValidators;
import io.vigil.streams.wire.ParticipantReply;
import io.vigil.streams.wire.SagaWire;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order saga orchestrator: one saga per order, driven by the pure {@link SagaEngine}.
 *
 * <p>Business rules carried out here:
 *
 * <ul>
 *   <li>An OrderPlaced starts the order's saga; an order has at most one saga, so a second
 *       OrderPlaced for the same order id is ignored (counted as {@code duplicate-orders}).
 *   <li>Each participant reply is applied to the saga; duplicate, late and foreign replies are
 *       ignored by the engine (counted as {@code ignored-saga-inputs}).
 *   <li>Timeouts and retry backoffs fire from a wall-clock punctuator over the {@code saga-timers}
 *       index, at or after their due time.
 *   <li>Every transition stores the saga state (the source of truth), sends the decided command,
 *       updates the timer index and the order view and publishes {@code orders.status}; with
 *       exactly-once processing all of that commits atomically with the consumed input.
 *   <li>ConfirmOrder is applied in place by the {@link OrdersParticipant} and its reply fed
 *       straight back to the engine. A saga that ends CANCELLED announces OrderCancelled.
 *   <li>With in-task participants (the default), the per-order inventory side ({@link
 *       InventoryParticipant}) and the payment gateway ({@link PaymentParticipant}) run in this
 *       task too: the saga's commands are handed to them once the transition is stored, and their
 *       replies are applied at once and logged on {@code saga.replies} (where the copy is read back
 *       and ignored as a duplicate). Commands arriving on the command topics are handled the same
 *       way. Only the per-SKU inventory side is remote ({@code inventory.sku-requests}), its
 *       results come back as {@link OrchestratorInput.SkuResultIn}.
 * </ul>
 *
 * Time: the engine gets the task's wall-clock time ({@code currentSystemTimeMs}), the same clock
 * the punctuator runs on, so timers are comparable with "now" whatever the record timestamps.
 */
public final class SagaOrchestrator
    implements Processor<String, OrchestratorInput, String, SagaOutput> {

  private static final Logger LOG = LoggerFactory.getLogger(SagaOrchestrator.class);

  /** Bound of timers fired per punctuation; the rest fire at the next one. */
  static final int MAX_TIMERS_PER_PUNCTUATION = 5_000;

  private final SagaEngine<OrderData> engine;
  private final SagaStateCodec<OrderData> codec = OrderSaga.stateCodec();
  private final Duration punctuateInterval;
  private final PaymentSettings inTaskPayment;

  /** Work handed to the in-task participants, run after the transition that produced it. */
  private final Deque<Runnable> inTask = new ArrayDeque<>();

  private InventoryParticipant inventory;
  private PaymentParticipant payment;
  private ProcessorContext<String, SagaOutput> context;
  private KeyValueStore<String, byte[]> sagas;
  private KeyValueStore<String, String> timers;
  private KeyValueStore<String, OrderView> views;
  private KeyValueProcessedCommands ordersProcessed;
  private ParticipantHandlers orders;
  private Sensor started;
  private Sensor duplicateOrders;
  private Sensor ignoredInputs;
  private Sensor unknownSagaReplies;
  private Sensor completed;
  private Sensor cancelled;
  private Sensor failed;

  /** The time of the input being handled; the orders participant's effects use it. */
  private long now;

  /** An orchestrator whose inventory and payment participants are reached over topics. */
  public SagaOrchestrator(OrderSaga.Settings sagaSettings, Duration punctuateInterval) {
    this(sagaSettings, punctuateInterval, null);
  }

  /**
   * An orchestrator; with {@code inTaskPayment} non-null the inventory (per-order side) and payment
   * participants run in its task, the gateway with these settings.
   */
  public SagaOrchestrator(
      OrderSaga.Settings sagaSettings, Duration punctuateInterval, PaymentSettings inTaskPayment) {
    this.engine = new SagaEngine<>(OrderSaga.definition(sagaSettings));
    this.punctuateInterval = Objects.requireNonNull(punctuateInterval, "punctuateInterval");
    this.inTaskPayment = inTaskPayment;
  }

  @Override
  public void init(ProcessorContext<String, SagaOutput> context) {
    this.context = context;
    this.sagas = context.getStateStore(StoreNames.SAGA_STATE);
    this.timers = context.getStateStore(StoreNames.SAGA_TIMERS);
    this.views = context.getStateStore(StoreNames.ORDERS_VIEW);
    KeyValueStore<String, StoredOutcome> processed =
        context.getStateStore(StoreNames.ORDERS_PROCESSED);
    this.ordersProcessed = new KeyValueProcessedCommands(processed);
    this.orders = OrdersParticipant.handlers(this::confirm);
    this.started = Metrics.counter(context, "sagas-started");
    this.duplicateOrders = Metrics.counter(context, "duplicate-orders");
    this.ignoredInputs = Metrics.counter(context, "ignored-saga-inputs");
    this.unknownSagaReplies = Metrics.counter(context, "replies-for-unknown-sagas");
    this.completed = Metrics.counter(context, "sagas-completed");
    this.cancelled = Metrics.counter(context, "sagas-cancelled");
    this.failed = Metrics.counter(context, "sagas-failed");
    context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
    if (inTaskPayment != null) {
      this.inventory = new InventoryParticipant(context, this::fromInventory);
      this.payment = new PaymentParticipant(inTaskPayment, context, this::fromPayment);
      if (payment.hasLatency()) {
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::callGateway);
      }
    }
  }

  @Override
  public void process(Record<String, OrchestratorInput> record) {
    now = context.currentSystemTimeMs();
    String key = record.key();
    OrchestratorInput input = record.value();
    if (input instanceof OrchestratorInput.Event event) {
      onEvent(key, event.event());
    } else if (input instanceof OrchestratorInput.Reply reply) {
      onReply(key, reply.reply());
    } else if (input instanceof OrchestratorInput.InventoryCommandIn command) {
      inventory().handle(key, command.command(), now);
    } else if (input instanceof OrchestratorInput.PaymentCommandIn command) {
      payment().handle(key, command.command(), now);
    } else if (input instanceof OrchestratorInput.SkuResultIn result) {
      inventory().result(result.result(), now);
    }
    runInTask();
  }

  private InventoryParticipant inventory() {
    if (inventory == null) {
      throw new IllegalStateException("inventory input without in-task participants");
    }
    return inventory;
  }

  private PaymentParticipant payment() {
    if (payment == null) {
      throw new IllegalStateException("payment input without in-task participants");
    }
    return payment;
  }

  /** Runs the in-task participants' work, including the work their replies lead to. */
  private void runInTask() {
    for (Runnable work = inTask.poll(); work != null; work = inTask.poll()) {
      work.run();
    }
  }

  /** The in-task inventory participant's output: per-SKU requests go out, replies are applied. */
  private void fromInventory(Record<String, InventoryOutput> record) {
    if (record.value() instanceof InventoryOutput.ToSku toSku) {
      context.forward(new Record<>(record.key(), new SagaOutput.ToSku(toSku.request()), now));
    } else if (record.value() instanceof InventoryOutput.Reply reply) {
      reply(record.key(), reply.reply());
    }
  }

  private void fromPayment(Record<String, ParticipantReply> record) {
    reply(record.key(), record.value());
  }

  /** A reply of an in-task participant: logged on saga.replies and applied after this step. */
  private void reply(String orderId, ParticipantReply reply) {
    context.forward(new Record<>(orderId, new SagaOutput.Reply(reply), now));
    inTask.add(() -> onReply(orderId, reply));
  }

  /** Carries out the in-task gateway's parked authorizations due by {@code timestamp}. */
  void callGateway(long timestamp) {
    now = timestamp;
    payment.callGateway(timestamp);
    runInTask();
  }

  private void onEvent(String orderId, OrderEvent event) {
    if (!(event.getPayload() instanceof OrderPlaced placed)) {
      // OrderConfirmed / OrderCancelled: outcomes of sagas (ours included), nothing to start.
      return;
    }
    if (sagas.get(orderId) != null) {
      duplicateOrders.record();
      LOG.debug("Order {} already has a saga; OrderPlaced {} ignored", orderId, event.getEventId());
      return;
    }
    OrderData data = InputValidators.orderData(orderId, placed);
    views.put(orderId, OrderView.placed(orderId, placed, now));
    started.record();
    apply(orderId, engine.start(OrderSaga.sagaIdOf(data), data, Instant.ofEpochMilli(now)));
  }

  private void onReply(String orderId, ParticipantReply reply) {
    byte[] stored = sagas.get(orderId);
    if (stored == null) {
      unknownSagaReplies.record();
      LOG.warn("Reply {} for order {} without a saga ignored", reply.commandId(), orderId);
      return;
    }
    SagaInput input =
        new SagaInput.Reply(reply.commandId(), SagaWire.outcome(reply), Instant.ofEpochMilli(now));
    Decision<OrderData> decision = engine.handle(codec.decode(stored), input);
    if (decision.isIgnored()) {
      ignoredInputs.record();
      LOG.debug("Saga {}: {}", orderId, decision.ignored().orElseThrow().detail());
      return;
    }
    apply(orderId, decision);
  }

  /** Fires every timer due by {@code timestamp} (wall clock). */
  void fireDueTimers(long timestamp) {
    now = timestamp;
    List<KeyValue<String, String>> due = new ArrayList<>();
    // Collect first: the handling below writes to the index being iterated.
    try (KeyValueIterator<String, String> it =
        timers.range(DueKeys.first(), DueKeys.dueBy(timestamp))) {
      while (it.hasNext() && due.size() < MAX_TIMERS_PER_PUNCTUATION) {
        due.add(it.next());
      }
    }
    Instant at = Instant.ofEpochMilli(timestamp);
    for (KeyValue<String, String> entry : due) {
      String orderId = entry.value;
      byte[] stored = sagas.get(orderId);
      if (stored == null) {
        timers.delete(entry.key);
        continue;
      }
      Decision<OrderData> decision =
          engine.handle(codec.decode(stored), new SagaInput.TimerFired(DueKeys.id(entry.key), at));
      if (decision.isIgnored()) {
        if (decision.ignored().orElseThrow().reason() == IgnoreReason.TIMER_NOT_DUE) {
          continue; // The engine says not yet: the entry must stay.
        }
        timers.delete(entry.key); // A stale timer: its command was answered or superseded.
        continue;
      }
      timers.delete(entry.key);
      apply(orderId, decision);
    }
    runInTask();
  }

  /**
   * Carries out a decision: timer index, commands (ConfirmOrder in place, feeding its reply back),
   * then the saga state, the order view and the published status.
   */
  private void apply(String orderId, Decision<OrderData> first) {
    Decision<OrderData> decision = first;
    List<SagaEvent> events = new ArrayList<>(decision.events());
    while (true) {
      updateTimers(orderId, decision);
      Decision<OrderData> next = null;
      for (OutboundCommand command : decision.commands()) {
        if (OrderSaga.ORDERS.equals(command.participant())) {
          Outcome outcome = orders.handle(command.commandId(), command.payload(), ordersProcessed);
          next =
              engine.handle(
                  decision.state(),
                  new SagaInput.Reply(command.commandId(), outcome, Instant.ofEpochMilli(now)));
        } else {
          send(orderId, command);
        }
      }
      if (next == null || next.isIgnored()) {
        break;
      }
      decision = next;
      events.addAll(decision.events());
    }
    SagaState<OrderData> state = decision.state();
    sagas.put(orderId, codec.encode(state));
    publish(orderId, state, events);
  }

  private void updateTimers(String orderId, Decision<OrderData> decision) {
    for (SagaTimer timer : decision.timersToCancel()) {
      timers.delete(DueKeys.key(timer.dueAt(), timer.id()));
    }
    for (SagaTimer timer : decision.timersToSchedule()) {
      timers.put(DueKeys.key(timer.dueAt(), timer.id()), orderId);
    }
  }

  private void send(String orderId, OutboundCommand command) {
    OrderSagaCommand payload = (OrderSagaCommand) command.payload();
    Instant at = Instant.ofEpochMilli(now);
    if (inventory != null && OrderSaga.INVENTORY.equals(command.participant())) {
      var inventoryCommand =
          SagaWire.inventoryCommand(command.id(), payload, unitPrices(orderId), at);
      long sentAt = now;
      inTask.add(() -> inventory.handle(orderId, inventoryCommand, sentAt));
      return;
    }
    if (payment != null && OrderSaga.PAYMENT.equals(command.participant())) {
      var paymentCommand = SagaWire.paymentCommand(command.id(), payload, at);
      long sentAt = now;
      inTask.add(() -> payment.handle(orderId, paymentCommand, sentAt));
      return;
    }
    SagaOutput output =
        switch (command.participant()) {
          case OrderSaga.INVENTORY ->
              new SagaOutput.Inventory(
                  SagaWire.inventoryCommand(command.id(), payload, unitPrices(orderId), at));
          case OrderSaga.PAYMENT ->
              new SagaOutput.Payment(SagaWire.paymentCommand(command.id(), payload, at));
          default ->
              throw new IllegalStateException(
                  "no route to participant " + command.participant() + " of " + command.id());
        };
    context.forward(new Record<>(orderId, output, now));
  }

  private Map<String, BigDecimal> unitPrices(String orderId) {
    Map<String, BigDecimal> prices = new HashMap<>();
    OrderView view = views.get(orderId);
    if (view != null) {
      view.lines().forEach(line -> prices.put(line.sku(), line.unitPrice()));
    }
    return prices;
  }

  /** The orders participant's effect: the order is confirmed and OrderConfirmed announced. */
  private void confirm(String orderId) {
    OrderView view = views.get(orderId);
    if (view != null) {
      views.put(orderId, view.confirm(now));
    }
    OrderEvent confirmed =
        OrderEvent.newBuilder()
            .setEventId(EventIds.of("order-confirmed", orderId))
            .setOccurredAt(Instant.ofEpochMilli(now))
            .setOrderId(orderId)
            .setPayload(OrderConfirmed.newBuilder().setSagaId(orderId).build())
            .build();
    context.forward(new Record<>(orderId, new SagaOutput.Event(confirmed), now));
  }

  private void publish(String orderId, SagaState<OrderData> state, List<SagaEvent> events) {
    OrderView view = views.get(orderId);
    OrderView updated = view.withStatus(OrderStates.of(state), OrderStates.reason(state), now);
    views.put(orderId, updated);
    OrderStatus status =
        OrderStatus.newBuilder()
            .setEventId(EventIds.of("order-status", orderId, Long.toString(state.revision())))
            .setOccurredAt(Instant.ofEpochMilli(now))
            .setOrderId(orderId)
            .setSagaId(state.sagaId())
            .setStatus(updated.status())
            .setReason(updated.reason())
            .setUpdatedAt(Instant.ofEpochMilli(now))
            .setTotal(view.total() == null ? null : SagaWire.money(view.total()))
            .setCurrency(view.currency())
            .build();
    context.forward(new Record<>(orderId, new SagaOutput.Status(status), now));
    for (SagaEvent event : events) {
      switch (event.type()) {
        case COMPLETED -> completed.record();
        case FAILED -> {
          failed.record();
          LOG.error("Saga {} FAILED and needs a human: {}", orderId, updated.reason());
        }
        case CANCELLED -> {
          cancelled.record();
          announceCancelled(orderId, updated.reason());
        }
        default -> {
          // Intermediate lifecycle events are visible in the published status.
        }
      }
    }
  }

  private void announceCancelled(String orderId, String reason) {
    OrderEvent event =
        OrderEvent.newBuilder()
            .setEventId(EventIds.of("order-cancelled", orderId))
            .setOccurredAt(Instant.ofEpochMilli(now))
            .setOrderId(orderId)
            .setPayload(
                OrderCancelled.newBuilder()
                    .setReason(reason == null ? "saga cancelled" : reason)
                    .setSagaId(orderId)
                    .build())
            .build();
    context.forward(new Record<>(orderId, new SagaOutput.Event(event), now));
  }
}
