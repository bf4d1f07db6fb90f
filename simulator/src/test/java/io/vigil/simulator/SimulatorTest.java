package io.vigil.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.common.ThreatClass;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.simulator.sink.MemorySink;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import io.vigil.telemetry.SpanKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatorTest extends SimulatorTestBase {

  @Test
  void shouldGenerateIdenticalRecordsWhenSeedIsTheSame() {
    // Given two simulators with the same settings
    // When both run
    MemorySink first =
        run(quiet(42, NOON, Duration.ofMinutes(1)).scenario(Scenario.demo()).build());
    MemorySink second =
        run(quiet(42, NOON, Duration.ofMinutes(1)).scenario(Scenario.demo()).build());

    // Then every record is identical, ids and timestamps included
    assertThat(first.all()).hasSizeGreaterThan(1_000);
    assertThat(hash(second)).isEqualTo(hash(first));
  }

  @Test
  void shouldGenerateDifferentRecordsWhenSeedDiffers() {
    MemorySink seven = run(quiet(7, NOON, Duration.ofMinutes(1)).build());
    MemorySink eight = run(quiet(8, NOON, Duration.ofMinutes(1)).build());

    assertThat(hash(eight)).isNotEqualTo(hash(seven));
    assertThat(eight.requests().get(0).getEventId())
        .isNotEqualTo(seven.requests().get(0).getEventId());
  }

  @Test
  void shouldGenerateSameRecordsWhenPacedToRealTime() {
    // Given a fake wall clock, so the test does not wait
    FakeTicker ticker = new FakeTicker();
    Duration length = Duration.ofSeconds(20);

    // When the same run is paced to real time at 10x and generated as fast as possible
    Simulator paced =
        quiet(3, NOON, length).pacing(Pacing.REALTIME).speed(10).ticker(ticker).build();
    MemorySink pacedRecords = run(paced);
    MemorySink fastRecords = run(quiet(3, NOON, length).build());

    // Then the records are identical and the run took 20 s / 10 of (fake) wall time
    assertThat(hash(pacedRecords)).isEqualTo(hash(fastRecords));
    assertThat(ticker.now).isBetween(2_000_000_000L, 2_000_000_000L + 100_000_000L);
    assertThat(ticker.sleeps).isGreaterThanOrEqualTo(190);
  }

  @Test
  void shouldEmitRecordsInEventTimeOrderWhenRunning() {
    MemorySink sink = run(quiet(5, NOON, Duration.ofMinutes(2)).scenario(Scenario.demo()).build());

    List<Instant> times = sink.all().stream().map(SimulatorTest::eventTime).toList();
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i)).as("record %d", i).isAfterOrEqualTo(times.get(i - 1));
    }
  }

  @Test
  void shouldRateAtPeakHourExceedRateAtTroughWhenSeasonal() {
    // Given the default daily cycle (peak 19:00, trough 07:00) and no noise
    TrafficProfile profile = QUIET;

    // When five minutes are generated at each
    long atPeak = userRequests(run(quiet(11, PEAK, Duration.ofMinutes(5)).build()));
    long atTrough = userRequests(run(quiet(11, TROUGH, Duration.ofMinutes(5)).build()));

    // Then the peak carries about three times the trough's traffic (1.5 vs 0.5 of the mean,
    // the weekly cycle moving a little in between)
    assertThat(profile.seasonalFactor(PEAK) / profile.seasonalFactor(TROUGH))
        .isCloseTo(3.0, within(0.2));
    assertThat((double) atPeak / atTrough).isBetween(2.2, 4.0);
    Instant saturday = Instant.parse("2026-01-10T12:00:00Z");
    Instant tuesday = Instant.parse("2026-01-06T12:00:00Z");
    assertThat(profile.seasonalFactor(saturday)).isGreaterThan(profile.seasonalFactor(tuesday));
  }

  @Test
  void shouldContainAllowListedUptimeProbesWhenRunning() {
    Simulator simulator = quiet(9, NOON, Duration.ofMinutes(1)).scenario(Scenario.demo()).build();
    MemorySink sink = run(simulator);

    List<RequestLog> internal =
        sink.requests().stream()
            .filter(r -> inRange(r.getClientIp(), Estate.INTERNAL_RANGE))
            .toList();
    // 3 checkers x 10 services, every 10 s
    assertThat(internal).hasSize(3 * 10 * 6);
    assertThat(internal).allSatisfy(r -> assertThat(r.getRoute()).endsWith("/health"));
    assertThat(simulator.estate().allowListedRanges()).containsExactly("10.0.0.0/8");
    assertThat(simulator.plan().labels())
        .noneSatisfy(l -> assertThat(l.entity()).matches("10\\..*"));
  }

  @Test
  void shouldBuildTracesWhoseClientSpansNameTheirCalleeWhenServingRequests() {
    MemorySink sink = run(quiet(13, NOON, Duration.ofMinutes(1)).build());
    Estate estate = Estate.create(0, 1);

    Map<String, List<Span>> traces =
        sink.spans().stream().collect(Collectors.groupingBy(Span::getTraceId));
    Set<String> edges = new HashSet<>();
    for (List<Span> trace : traces.values()) {
      Map<String, Span> byId = new HashMap<>();
      trace.forEach(s -> byId.put(s.getSpanId(), s));
      assertThat(trace).filteredOn(s -> s.getParentSpanId() == null).hasSize(1);
      for (Span span : trace) {
        assertThat(span.getEndTime()).isAfterOrEqualTo(span.getStartTime());
        if (span.getParentSpanId() != null) {
          Span parent = byId.get(span.getParentSpanId());
          assertThat(parent).as("parent of %s", span.getSpanId()).isNotNull();
          if (span.getKind() == SpanKind.SERVER) {
            // a callee's SERVER span is the child of its caller's CLIENT span
            assertThat(parent.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(parent.getPeerService()).isEqualTo(span.getService());
          }
        }
        if (span.getKind() == SpanKind.CLIENT) {
          edges.add(Estate.edge(span.getService(), span.getPeerService()));
        }
      }
    }
    // Every request has its gateway root span
    Set<String> traced = traces.keySet();
    assertThat(sink.requests()).allSatisfy(r -> assertThat(traced).contains(r.getTraceId()));
    assertThat(estate.edges()).containsAll(edges);
    assertThat(edges).contains("gateway->catalog", "checkout->payment", "catalog->inventory");
  }

  @Test
  void shouldReportRequestCountsMatchingServerSpansWhenEmittingMetrics() {
    MemorySink sink = run(quiet(17, NOON, Duration.ofSeconds(95)).build());

    Map<String, Long> served =
        sink.spans().stream()
            .filter(s -> s.getKind() == SpanKind.SERVER)
            .collect(Collectors.groupingBy(Span::getService, Collectors.counting()));
    Map<String, Double> counted =
        sink.metrics().stream()
            .filter(m -> m.getName().equals("http.server.request.count"))
            .collect(
                Collectors.groupingBy(
                    MetricPoint::getService, Collectors.summingDouble(MetricPoint::getValue)));
    assertThat(counted.keySet()).hasSize(11);
    served.forEach(
        (service, count) ->
            assertThat(counted.get(service)).as(service).isEqualTo(count.doubleValue()));
    // 9 full intervals of 10 s plus the last 5 s; p95 only where requests were served
    assertThat(sink.metrics().stream().map(MetricPoint::getOccurredAt).distinct()).hasSize(10);
    assertThat(sink.metrics().stream().map(MetricPoint::getName).distinct())
        .containsExactlyInAnyOrderElementsOf(ServiceLoad.metricNames());
    assertThat(sink.metrics())
        .filteredOn(m -> m.getName().equals("process.cpu.utilization"))
        .allSatisfy(m -> assertThat(m.getValue()).isBetween(0.0, 1.0));
  }

  @Test
  void shouldMultiplyServiceRateAndRaiseCpuWhenLoadSurges() {
    // Given a 3.5x surge on catalog from minute 2 to minute 3
    Scenario surge =
        new Scenario(
            "surge",
            "",
            List.of(),
            List.of(
                new LoadSurge(
                    "catalog-campaign",
                    "catalog",
                    Duration.ofMinutes(2),
                    Duration.ofMinutes(1),
                    3.5)),
            java.util.Optional.empty());

    // When it runs
    Simulator simulator = quiet(19, NOON, Duration.ofMinutes(4)).scenario(surge).build();
    MemorySink sink = run(simulator);

    // Then catalog's gateway requests multiply during the window only, and its CPU rises
    Instant surgeStart = NOON.plus(Duration.ofMinutes(2));
    Instant surgeEnd = NOON.plus(Duration.ofMinutes(3));
    long before = catalogRequests(sink, NOON.plusSeconds(60), surgeStart);
    long during = catalogRequests(sink, surgeStart, surgeEnd);
    long after = catalogRequests(sink, surgeEnd, surgeEnd.plusSeconds(60));
    assertThat((double) during / before).isBetween(2.7, 4.5);
    assertThat((double) after / before).isBetween(0.7, 1.4);
    assertThat(maxCpu(sink, surgeStart.plusSeconds(20), surgeEnd))
        .isGreaterThan(maxCpu(sink, NOON, surgeStart) * 1.8);
    assertThat(simulator.plan().surges())
        .containsExactly(new SurgeWindow("catalog-campaign", "catalog", 3.5, surgeStart, surgeEnd));
    assertThat(simulator.plan().labels()).isEmpty();
  }

  @Test
  void shouldSendOrdersToConsumerInsteadOfSinkWhenConsumerGiven() {
    // Given an order consumer (the demo's outbox writer)
    List<OrderSpec> received = new ArrayList<>();
    Simulator simulator =
        quiet(23, NOON, Duration.ofMinutes(2)).orderRate(2).orders(received::add).build();

    // When it runs
    MemorySink sink = new MemorySink();
    SimulationStats stats = simulator.run(sink);

    // Then orders go to the consumer only, are valid, and priced from the catalogue
    assertThat(sink.orders()).isEmpty();
    assertThat(received).hasSize((int) stats.orders()).hasSizeBetween(180, 300);
    Map<String, BigDecimal> prices = new HashMap<>();
    simulator.estate().skus().forEach(s -> prices.put(s.sku(), s.unitPrice()));
    for (OrderSpec order : received) {
      assertThat(order.lines()).hasSizeBetween(1, 4);
      assertThat(order.lines().stream().map(OrderLineSpec::sku).distinct())
          .hasSize(order.lines().size());
      assertThat(order.lines())
          .allSatisfy(l -> assertThat(l.unitPrice()).isEqualTo(prices.get(l.sku())));
      assertThat(order.total().scale()).isEqualTo(2);
      assertThat(order.total()).isPositive();
      assertThat(order.customerId()).matches("cust-\\d{5}");
      assertThat(order.placedAt()).isBetween(NOON, NOON.plus(Duration.ofMinutes(2)));
    }
  }

  @Test
  void shouldWriteOrderPlacedEventsWhenNoConsumerGiven() {
    MemorySink sink = run(quiet(23, NOON, Duration.ofMinutes(1)).orderRate(1).build());

    assertThat(sink.orders()).hasSizeBetween(40, 85);
    OrderEvent event = sink.orders().get(0);
    assertThat(event.getPayload()).isInstanceOf(OrderPlaced.class);
    OrderPlaced placed = (OrderPlaced) event.getPayload();
    BigDecimal sum =
        placed.getLines().stream()
            .map(l -> l.getUnitPrice().multiply(BigDecimal.valueOf(l.getQuantity())))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(placed.getTotal()).isEqualByComparingTo(sum);
    assertThat(placed.getCurrency()).isEqualTo("EUR");
  }

  @Test
  void shouldStopEarlyWhenAskedDuringRun() {
    // Given a sink that stops the simulator at its first label (25 s into the demo)
    Simulator simulator = quiet(29, NOON, Duration.ofMinutes(10)).scenario(Scenario.demo()).build();
    MemorySink sink = new MemorySink();
    SimulationSink stopper =
        new SimulationSink() {
          @Override
          public void span(Span span) {}

          @Override
          public void request(RequestLog request) {}

          @Override
          public void metric(MetricPoint metric) {}

          @Override
          public void order(OrderEvent order) {}

          @Override
          public void label(GroundTruthLabel label) {
            simulator.stop();
          }
        };

    // When it runs
    SimulationStats stats = simulator.run(SimulationSink.tee(sink, stopper));

    // Then it returns after that tick, incomplete, with consistent counts
    assertThat(stats.completed()).isFalse();
    assertThat(stats.reached()).isBefore(NOON.plusSeconds(30));
    assertThat(stats.requests()).isEqualTo(sink.requests().size());
    assertThat(stats.labels()).isEqualTo(sink.labels());
    assertThatThrownBy(() -> simulator.run(new MemorySink()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("runs once");
  }

  @Test
  void shouldReturnStatsMatchingTheSinkWhenCompleted() {
    MemorySink sink = new MemorySink();
    SimulationStats stats =
        quiet(31, NOON, Duration.ofMinutes(1)).scenario(Scenario.demo()).build().run(sink);

    assertThat(stats.completed()).isTrue();
    assertThat(stats.reached()).isEqualTo(NOON.plusSeconds(60));
    assertThat(stats.spans()).isEqualTo(sink.spans().size());
    assertThat(stats.requests()).isEqualTo(sink.requests().size());
    assertThat(stats.metrics()).isEqualTo(sink.metrics().size());
    assertThat(stats.orders()).isEqualTo(sink.orders().size());
    assertThat(stats.labels()).isEqualTo(sink.labels());
    assertThat(stats.records()).isEqualTo(sink.all().size());
    assertThat(sink.stats()).contains(stats);
    // four of the demo's attacks start within the first minute; the fifth starts at 60 s
    assertThat(stats.attacks()).hasSize(4);
  }

  @Test
  void shouldRejectScenarioWhenTargetDoesNotFitTheEstate() {
    Duration minute = Duration.ofMinutes(1);
    assertThatThrownBy(
            () ->
                quiet(1, NOON, minute)
                    .scenario(
                        scenario(
                            AttackSpec.of(
                                    "known-edge",
                                    ThreatClass.LATERAL_MOVEMENT,
                                    Variant.NORMAL,
                                    Duration.ZERO,
                                    minute)
                                .withTarget("checkout->payment")))
                    .build())
        .hasMessageContaining("known-edge")
        .hasMessageContaining("is not new");
    assertThatThrownBy(
            () ->
                quiet(1, NOON, minute)
                    .scenario(
                        scenario(
                            AttackSpec.of(
                                    "flood",
                                    ThreatClass.DDOS,
                                    Variant.NORMAL,
                                    Duration.ZERO,
                                    minute)
                                .withTarget("GET /nowhere")))
                    .build())
        .hasMessageContaining("'GET /nowhere' is neither a route");
    assertThatThrownBy(
            () ->
                quiet(1, NOON, minute)
                    .scenario(
                        new Scenario(
                            "s",
                            "",
                            List.of(),
                            List.of(new LoadSurge("s1", "inventory", Duration.ZERO, minute, 2)),
                            java.util.Optional.empty()))
                    .build())
        .hasMessageContaining("'inventory' serves no route at the gateway");
  }

  @Test
  void shouldSpreadRandomAttacksWithoutOverlapWhenMixIsGenerated() {
    // Given a mix of 12 attacks per hour over 6 hours
    RandomAttacks mix =
        new RandomAttacks(
            12, 0.3, Duration.ofMinutes(1), Duration.ofMinutes(3), Duration.ofMinutes(10));

    // When it is expanded
    List<AttackSpec> attacks = Simulator.expand(mix, Duration.ofHours(6), new SplittableRandom(5));

    // Then attacks follow each other inside the run, classes are balanced, some are slow
    assertThat(attacks).hasSizeBetween(40, 90);
    assertThat(attacks.get(0).offset()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
    for (int i = 1; i < attacks.size(); i++) {
      assertThat(attacks.get(i).offset()).isGreaterThan(attacks.get(i - 1).endOffset());
    }
    assertThat(attacks.get(attacks.size() - 1).endOffset())
        .isLessThanOrEqualTo(Duration.ofHours(6));
    Map<ThreatClass, Long> perClass =
        attacks.stream()
            .collect(Collectors.groupingBy(AttackSpec::threatClass, Collectors.counting()));
    assertThat(perClass).hasSize(5);
    assertThat(
            perClass.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                - perClass.values().stream().mapToLong(Long::longValue).min().orElseThrow())
        .isLessThanOrEqualTo(1);
    assertThat(attacks.stream().filter(a -> a.variant() == Variant.SLOW_AND_LOW).count())
        .isBetween(5L, 35L);
  }

  private static Scenario scenario(AttackSpec attack) {
    return new Scenario("test", "", List.of(attack), List.of(), java.util.Optional.empty());
  }

  private static long userRequests(MemorySink sink) {
    return sink.requests().stream()
        .filter(r -> !inRange(r.getClientIp(), Estate.INTERNAL_RANGE))
        .count();
  }

  private static long catalogRequests(MemorySink sink, Instant from, Instant to) {
    return sink.requests().stream()
        .filter(r -> r.getService().equals("catalog"))
        .filter(r -> !inRange(r.getClientIp(), Estate.INTERNAL_RANGE))
        .filter(r -> !r.getOccurredAt().isBefore(from) && r.getOccurredAt().isBefore(to))
        .count();
  }

  private static double maxCpu(MemorySink sink, Instant from, Instant to) {
    return sink.metrics().stream()
        .filter(m -> m.getService().equals("catalog"))
        .filter(m -> m.getName().equals("process.cpu.utilization"))
        .filter(m -> m.getOccurredAt().isAfter(from) && !m.getOccurredAt().isAfter(to))
        .mapToDouble(MetricPoint::getValue)
        .max()
        .orElseThrow();
  }

  private static Instant eventTime(Object record) {
    if (record instanceof Span s) {
      return s.getOccurredAt();
    }
    if (record instanceof RequestLog r) {
      return r.getOccurredAt();
    }
    if (record instanceof MetricPoint m) {
      return m.getOccurredAt();
    }
    if (record instanceof OrderEvent o) {
      return o.getOccurredAt();
    }
    return ((GroundTruthLabel) record).start();
  }

  /** A wall clock that advances only when slept on. */
  static final class FakeTicker implements Ticker {
    long now;
    int sleeps;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleep(long nanos) {
      now += nanos;
      sleeps++;
    }
  }
}
