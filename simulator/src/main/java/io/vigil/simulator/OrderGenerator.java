package io.vigil.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Orders placed by registered customers: a Poisson process at a constant rate (orders per second).
 * An order has 1-4 lines (50/30/15/5 %) of distinct SKUs drawn with a popularity skew, so a few
 * SKUs are in many orders and compete for stock; quantities are 1, 2 or 3 (70/22/8 %); prices are
 * the catalogue's, in EUR.
 */
final class OrderGenerator {
  private final Estate estate;
  private final double perSecond;
  private final SplittableRandom rng;
  private final Ids ids;

  OrderGenerator(Estate estate, double perSecond, SplittableRandom rng, Ids ids) {
    this.estate = estate;
    this.perSecond = perSecond;
    this.rng = rng;
    this.ids = ids;
  }

  /** Queues the orders placed in {@code [t0, t1)}. */
  void generate(long t0, long t1, RecordQueue out) {
    double seconds = (t1 - t0) / (double) Time.MICROS_PER_SECOND;
    int count = Random2.poisson(rng, perSecond * seconds);
    for (int i = 0; i < count; i++) {
      // millisecond precision, as on the wire
      long at = (t0 + (long) (rng.nextDouble() * (t1 - t0))) / 1_000 * 1_000;
      OrderSpec order = order(Math.max(at, t0));
      out.add(Math.max(at, t0), order);
    }
  }

  private OrderSpec order(long atMicros) {
    double u = rng.nextDouble();
    int lineCount = u < 0.5 ? 1 : u < 0.8 ? 2 : u < 0.95 ? 3 : 4;
    List<Estate.Sku> skus = estate.skus();
    Set<Integer> chosen = new HashSet<>();
    List<OrderLineSpec> lines = new ArrayList<>(lineCount);
    while (lines.size() < lineCount) {
      int index = Random2.skewed(rng, skus.size(), 2.0);
      if (chosen.add(index)) {
        double q = rng.nextDouble();
        int quantity = q < 0.7 ? 1 : q < 0.92 ? 2 : 3;
        Estate.Sku sku = skus.get(index);
        lines.add(new OrderLineSpec(sku.sku(), quantity, sku.unitPrice()));
      }
    }
    Estate.User customer = estate.users().get(Random2.skewed(rng, estate.users().size(), 1.6));
    return new OrderSpec(
        ids.prefixed("ord-"), customer.customerId(), lines, "EUR", Time.millisOf(atMicros));
  }
}
