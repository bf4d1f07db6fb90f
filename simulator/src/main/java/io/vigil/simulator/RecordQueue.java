package io.vigil.simulator;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Generated records waiting for the virtual clock: each is released once virtual time passes its
 * timestamp (spans at their end, requests at their start, metrics at the end of their interval), so
 * the output is in non-decreasing event time, ties in generation order.
 */
final class RecordQueue {
  private record Entry(long timeMicros, long seq, Object record) {}

  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(
          Comparator.comparingLong(Entry::timeMicros).thenComparingLong(Entry::seq));
  private long seq;

  /** Queues {@code record} for release at {@code timeMicros} (epoch microseconds). */
  void add(long timeMicros, Object record) {
    queue.add(new Entry(timeMicros, seq++, record));
  }

  /** Hands every record due strictly before {@code boundMicros} to {@code out}, in order. */
  void drainBefore(long boundMicros, Consumer<Object> out) {
    while (!queue.isEmpty() && queue.peek().timeMicros() < boundMicros) {
      out.accept(queue.poll().record());
    }
  }

  /** Hands every queued record to {@code out}, in order. */
  void drainAll(Consumer<Object> out) {
    drainBefore(Long.MAX_VALUE, out);
  }

  int size() {
    return queue.size();
  }
}
