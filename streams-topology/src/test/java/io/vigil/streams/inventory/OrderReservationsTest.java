package io.vigil.streams.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.OrderLine;
import io.vigil.inventory.SkuOperation;
import io.vigil.inventory.SkuRequest;
import io.vigil.saga.InventoryCommand;
import io.vigil.saga.ReleaseInventory;
import io.vigil.saga.ReserveInventory;
import io.vigil.saga.participant.ParticipantHandlers;
import io.vigil.streams.StoreNames;
import io.vigil.streams.json.JsonSerde;
import io.vigil.streams.state.StoredOutcome;
import io.vigil.streams.wire.ParticipantReply;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-order side of the inventory participant with {@link MockProcessorContext}: the
 * interleavings a TopologyTestDriver never produces (it drains every record before the next), such
 * as a compensation or a retry arriving while per-SKU results are still out.
 */
class OrderReservationsTest {

  private static final String ORDER = "order-1";
  private static final String RESERVE_1 = "order-1:reserve-inventory:1";
  private static final String RESERVE_2 = "order-1:reserve-inventory:2";
  private static final String RELEASE_1 = "order-1:reserve-inventory-compensate:1";

  private MockProcessorContext<String, InventoryOutput> context;
  private InventoryCommandProcessor commands;
  private InventoryResultProcessor results;
  private KeyValueStore<String, OrderReservation> reservations;
  private KeyValueStore<String, StoredOutcome> processed;

  @BeforeEach
  void setUp() {
    context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(1_700_000_000_000L);
    reservations =
        store(StoreNames.INVENTORY_ORDER_RESERVATIONS, JsonSerde.of(OrderReservation.class));
    processed = store(StoreNames.INVENTORY_PROCESSED, JsonSerde.of(StoredOutcome.class));
    commands = new InventoryCommandProcessor();
    commands.init(context);
    results = new InventoryResultProcessor();
    results.init(context);
  }

  @Test
  void shouldBlockTheReservationAndReleaseEverySkuWhenTheCompensationArrivesWhileReserving() {
    // Given a reservation in flight
    command(reserve(RESERVE_1, "a", "b"));
    assertThat(skuRequests())
        .extracting(SkuRequest::getOperation)
        .containsOnly(SkuOperation.RESERVE);
    context.resetForwards();

    // When the saga gives up and compensates before any SKU answered
    command(release(RELEASE_1));

    // Then every SKU is released behind its reserve request, and nobody is answered yet
    assertThat(skuRequests())
        .extracting(SkuRequest::getSku, SkuRequest::getOperation)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", SkuOperation.RELEASE),
            org.assertj.core.groups.Tuple.tuple("b", SkuOperation.RELEASE));
    assertThat(replies()).isEmpty();
    assertThat(processed.get("order-1:reserve-inventory"))
        .isEqualTo(new StoredOutcome(false, ParticipantHandlers.COMPENSATED_BEFORE_APPLIED, false));
    context.resetForwards();

    // When the SKUs answer: a was reserved, b was short, then both releases
    result(SkuOperation.RESERVE, "a", true);
    result(SkuOperation.RESERVE, "b", false);
    result(SkuOperation.RELEASE, "a", true);
    assertThat(replies()).isEmpty();
    result(SkuOperation.RELEASE, "b", true);

    // Then only the compensation is answered, with success, and nothing is left in flight
    assertThat(replies())
        .extracting(ParticipantReply::commandId, ParticipantReply::success)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(RELEASE_1, true));
    assertThat(reservations.get(ORDER)).isNull();
  }

  @Test
  void shouldAnswerTheLatestAttemptWhenAReserveIsRetriedWhileInFlight() {
    command(reserve(RESERVE_1, "a"));
    command(reserve(RESERVE_2, "a"));
    assertThat(skuRequests()).hasSize(1);
    context.resetForwards();

    result(SkuOperation.RESERVE, "a", true);

    assertThat(replies())
        .extracting(ParticipantReply::commandId, ParticipantReply::success)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(RESERVE_2, true));
    assertThat(reservations.get(ORDER).stage()).isEqualTo(OrderReservation.Stage.RESERVED);
  }

  @Test
  void shouldReleaseTheReservedSkusBeforeAnsweringOutOfStock() {
    command(reserve(RESERVE_1, "a", "b"));
    context.resetForwards();

    result(SkuOperation.RESERVE, "a", true);
    result(SkuOperation.RESERVE, "b", false);

    assertThat(replies()).isEmpty();
    assertThat(skuRequests())
        .extracting(SkuRequest::getSku, SkuRequest::getOperation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", SkuOperation.RELEASE));
    context.resetForwards();

    result(SkuOperation.RELEASE, "a", true);

    ParticipantReply reply = replies().get(0);
    assertThat(reply.commandId()).isEqualTo(RESERVE_1);
    assertThat(reply.success()).isFalse();
    assertThat(reply.transientFailure()).isFalse();
    assertThat(reply.failureReason()).startsWith("out of stock: ").contains("b");
    assertThat(reservations.get(ORDER)).isNull();
  }

  @Test
  void shouldRefuseALateReserveAfterACompensationWithNothingToUndo() {
    command(release(RELEASE_1));
    assertThat(replies())
        .extracting(ParticipantReply::commandId, ParticipantReply::success)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(RELEASE_1, true));
    context.resetForwards();

    command(reserve(RESERVE_1, "a"));

    assertThat(skuRequests()).isEmpty();
    assertThat(replies())
        .extracting(ParticipantReply::commandId, ParticipantReply::failureReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                RESERVE_1, ParticipantHandlers.COMPENSATED_BEFORE_APPLIED));
  }

  @Test
  void shouldReleaseEveryReservedSkuWhenCompensatingAHeldReservation() {
    command(reserve(RESERVE_1, "a", "b"));
    result(SkuOperation.RESERVE, "a", true);
    result(SkuOperation.RESERVE, "b", true);
    context.resetForwards();

    command(release(RELEASE_1));
    command(release("order-1:reserve-inventory-compensate:2"));
    assertThat(skuRequests()).hasSize(2);
    result(SkuOperation.RELEASE, "a", true);
    result(SkuOperation.RELEASE, "b", true);

    assertThat(replies())
        .extracting(ParticipantReply::commandId, ParticipantReply::success)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("order-1:reserve-inventory-compensate:2", true));
    assertThat(reservations.get(ORDER)).isNull();
    assertThat(processed.get("order-1:reserve-inventory-compensate").success()).isTrue();
  }

  private <V> KeyValueStore<String, V> store(String name, Serde<V> serde) {
    KeyValueStore<String, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  private void command(InventoryCommand command) {
    commands.process(new Record<>(ORDER, command, 0L));
  }

  private void result(SkuOperation op, String sku, boolean success) {
    results.process(
        new Record<>(
            ORDER, new SkuResult(op, ORDER, sku, success, success ? null : sku + " short"), 0L));
  }

  private List<SkuRequest> skuRequests() {
    return context.forwarded().stream()
        .map(f -> f.record().value())
        .filter(v -> v instanceof InventoryOutput.ToSku)
        .map(v -> ((InventoryOutput.ToSku) v).request())
        .toList();
  }

  private List<ParticipantReply> replies() {
    return context.forwarded().stream()
        .map(f -> f.record().value())
        .filter(v -> v instanceof InventoryOutput.Reply)
        .map(v -> ((InventoryOutput.Reply) v).reply())
        .toList();
  }

  private static InventoryCommand reserve(String commandId, String... skus) {
    List<OrderLine> lines =
        java.util.Arrays.stream(skus)
            .map(
                sku ->
                    OrderLine.newBuilder()
                        .setSku(sku)
                        .setQuantity(1)
                        .setUnitPrice(BigDecimal.ONE.setScale(2))
                        .build())
            .toList();
    return envelope(commandId, ReserveInventory.newBuilder().setLines(lines).build());
  }

  private static InventoryCommand release(String commandId) {
    return envelope(commandId, ReleaseInventory.newBuilder().setReason("test").build());
  }

  private static InventoryCommand envelope(String commandId, Object payload) {
    return InventoryCommand.newBuilder()
        .setEventId(commandId)
        .setOccurredAt(Instant.EPOCH)
        .setCommandId(commandId)
        .setSagaId(ORDER)
        .setOrderId(ORDER)
        .setPayload(payload)
        .build();
  }
}
