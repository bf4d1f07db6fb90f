package io.vigil.analytics.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowAccumulatorTest {

  private static final long START = 1_700_000_000_000L;
  private static final long END = START + 10_000; // 10 s window

  private static RequestObservation request(
      String client, String principal, String route, int status, double latency, long bytesOut) {
    return new RequestObservation(
        START + 1,
        "checkout",
        client,
        principal,
        route,
        status,
        latency,
        100,
        bytesOut,
        null,
        null);
  }

  private static RequestObservation call(String caller, String callee) {
    return new RequestObservation(
        START + 2, callee, null, null, "/rpc", 200, 5, 10, 10, caller, callee);
  }

  @Test
  void shouldComputeEveryFeatureWhenWindowIsHandMade() {
    // Given 10 requests: statuses 200×5, 401, 403, 404, 500, 503; latencies 10..100 ms
    int[] statuses = {200, 200, 200, 200, 200, 401, 403, 404, 500, 503};
    String[] clients = {"a", "a", "b", "b", "c", "c", "c", "c", "c", "c"};
    String[] principals = {"u1", "u1", "u2", null, null, "u3", "u3", "u3", "u3", "u3"};
    String[] routes = {"/a", "/b", "/a", "/c", "/a", "/login", "/login", "/x", "/a", "/a"};
    WindowAccumulator acc = new WindowAccumulator();
    for (int i = 0; i < 10; i++) {
      acc.add(
          request(
              clients[i], principals[i], routes[i], statuses[i], 10.0 * (i + 1), 1000L * (i + 1)));
    }
    acc.add(call("orders", "checkout"));

    // When
    FeatureVector v = acc.result(EntityType.SERVICE, "checkout", START, END, new EdgeHistory());

    // Then (11 requests in 10 s)
    assertThat(v.get(Feature.REQUEST_RATE)).isCloseTo(1.1, within(1e-12));
    assertThat(v.get(Feature.ERROR_4XX_RATIO)).isCloseTo(3.0 / 11, within(1e-12));
    assertThat(v.get(Feature.ERROR_5XX_RATIO)).isCloseTo(2.0 / 11, within(1e-12));
    assertThat(v.get(Feature.AUTH_FAILURE_RATIO)).isCloseTo(2.0 / 11, within(1e-12));
    // latencies 5,10,20,...,100 (11 values): order statistic floor(q*10) -> p50 = 50, p95 = p99 =
    // 90, each within the sketch's 1 % relative error
    assertThat(v.get(Feature.LATENCY_P50_MS)).isCloseTo(50.0, within(0.5));
    assertThat(v.get(Feature.LATENCY_P95_MS)).isCloseTo(90.0, within(0.9));
    assertThat(v.get(Feature.LATENCY_P99_MS)).isCloseTo(90.0, within(0.9));
    assertThat(v.get(Feature.BYTES_OUT_SUM)).isEqualTo(55_010.0);
    assertThat(v.get(Feature.BYTES_OUT_PER_REQUEST)).isCloseTo(55_010.0 / 11, within(1e-9));
    assertThat(v.get(Feature.DISTINCT_ROUTES)).isEqualTo(6.0); // /a /b /c /login /x /rpc
    assertThat(v.get(Feature.DISTINCT_CLIENTS)).isEqualTo(3.0);
    assertThat(v.get(Feature.DISTINCT_PRINCIPALS)).isEqualTo(3.0);
    assertThat(v.get(Feature.NEW_EDGE)).isEqualTo(1.0);
    assertThat(v.values()).hasSize(Feature.count());
    assertThat(v.asMap().keySet()).containsExactlyElementsOf(FeatureSchema.CURRENT.names());
  }

  @Test
  void shouldFlagNewEdgeWhileEdgeIsAbsentOrYoungerThanTheYouth() {
    EdgeHistory history = new EdgeHistory();
    WindowAccumulator first = new WindowAccumulator().add(call("orders", "payments"));
    FeatureVector v1 = first.result(EntityType.EDGE, "orders->payments", START, END, history);
    history.recordAll(first.edges());
    // 10 s later the edge is still young (first seen at START)
    WindowAccumulator second = new WindowAccumulator().add(call("orders", "payments"));
    FeatureVector v2 =
        second.result(EntityType.EDGE, "orders->payments", END, END + 10_000, history);
    history.recordAll(second.edges());
    // a window starting exactly YOUTH after the first sighting: no longer new
    long grown = START + EdgeHistory.YOUTH.toMillis();
    FeatureVector v3 =
        new WindowAccumulator()
            .add(call("orders", "payments"))
            .result(EntityType.EDGE, "orders->payments", grown, grown + 10_000, history);
    FeatureVector v4 =
        new WindowAccumulator()
            .add(call("orders", "payments"))
            .result(EntityType.EDGE, "orders->payments", grown - 10_000, grown, history);
    // an edge never seen is new, whatever the others in the window
    WindowAccumulator fifth =
        new WindowAccumulator().add(call("orders", "payments")).add(call("orders", "vault"));
    FeatureVector v5 = fifth.result(EntityType.SERVICE, "orders", grown, grown + 10_000, history);

    assertThat(v1.get(Feature.NEW_EDGE)).isEqualTo(1.0);
    assertThat(v2.get(Feature.NEW_EDGE)).isEqualTo(1.0);
    assertThat(v3.get(Feature.NEW_EDGE)).isEqualTo(0.0);
    assertThat(v4.get(Feature.NEW_EDGE)).isEqualTo(1.0);
    assertThat(v5.get(Feature.NEW_EDGE)).isEqualTo(1.0);
    assertThat(first.result(EntityType.EDGE, "x", START, END, null).get(Feature.NEW_EDGE)).isZero();
  }

  @Test
  void shouldForgetOldestEdgeWhenHistoryIsFull() {
    EdgeHistory history = new EdgeHistory(2);
    history.recordAll(List.of("a->b", "a->c"));
    history.recordAll(List.of("a->d"));

    assertThat(history.size()).isEqualTo(2);
    assertThat(history.contains("a->b")).isFalse();
    assertThat(history.contains("a->d")).isTrue();
  }

  @Test
  void shouldEqualSequentialResultWhenPartialAccumulatorsAreMerged() {
    Random r = new Random(3);
    List<RequestObservation> all = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      all.add(
          new RequestObservation(
              START + i,
              "svc",
              "10.0.0." + r.nextInt(40),
              r.nextBoolean() ? "user" + r.nextInt(30) : null,
              "/r" + r.nextInt(25),
              r.nextInt(10) == 0 ? 401 + r.nextInt(100) : 200,
              r.nextDouble() < 0.05 ? Double.NaN : Math.exp(r.nextGaussian() * 1.5 + 3),
              r.nextInt(1000),
              r.nextInt(100_000),
              r.nextInt(5) == 0 ? "svc" + r.nextInt(4) : null,
              "svc"));
    }
    WindowAccumulator sequential = new WindowAccumulator();
    all.forEach(sequential::add);
    WindowAccumulator a = new WindowAccumulator();
    WindowAccumulator b = new WindowAccumulator();
    WindowAccumulator c = new WindowAccumulator();
    for (int i = 0; i < all.size(); i++) {
      (i % 3 == 0 ? a : i % 3 == 1 ? b : c).add(all.get(i));
    }
    EdgeHistory history = new EdgeHistory();
    history.recordAll(List.of("svc0->svc", "svc1->svc"));

    FeatureVector expected = sequential.result(EntityType.SERVICE, "svc", START, END, history);
    FeatureVector mergedAbc =
        new WindowAccumulator()
            .merge(a)
            .merge(b)
            .merge(c)
            .result(EntityType.SERVICE, "svc", START, END, history);
    FeatureVector mergedCba =
        c.merge(b).merge(a).result(EntityType.SERVICE, "svc", START, END, history);

    assertThat(mergedAbc).isEqualTo(expected);
    assertThat(mergedCba).isEqualTo(expected);
  }

  @Test
  void shouldReturnZerosWhenWindowIsEmpty() {
    FeatureVector v =
        new WindowAccumulator().result(EntityType.CLIENT_IP, "1.2.3.4", START, END, null);

    assertThat(v.values()).containsOnly(0.0);
  }

  @Test
  void shouldRejectWindowWhenEndIsNotAfterStart() {
    assertThatThrownBy(
            () -> new WindowAccumulator().result(EntityType.SERVICE, "s", END, END, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeyObservationPerEntityTypeWhenIdentitiesArePresentOrMissing() {
    RequestObservation o =
        new RequestObservation(0, "svc", " ", "alice", "/", 200, 1, 0, 0, "a", "svc");

    assertThat(EntityType.SERVICE.keyOf(o)).isEqualTo("svc");
    assertThat(EntityType.CLIENT_IP.keyOf(o)).isNull();
    assertThat(EntityType.PRINCIPAL.keyOf(o)).isEqualTo("alice");
    assertThat(EntityType.EDGE.keyOf(o)).isEqualTo("a->svc");
  }
}
