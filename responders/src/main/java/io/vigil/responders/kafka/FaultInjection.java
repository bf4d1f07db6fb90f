package io.vigil.responders.kafka;

/**
 * A hook that lets resilience tests and chaos drills stop a loop the way a crash would: after the
 * transaction's records and offsets were sent, before the commit. The loop then closes its clients
 * at once, neither committing nor aborting, and stops; the next instance with the same {@code
 * transactional.id} fences it and the broker aborts the open transaction.
 */
@FunctionalInterface
public interface FaultInjection {

  /** No faults: production behaviour. */
  FaultInjection NONE = (transaction, records) -> false;

  /**
   * Whether to halt before committing.
   *
   * @param transaction number of the transaction in this loop's life, from 1
   * @param records input records in the transaction
   */
  boolean haltBeforeCommit(long transaction, int records);
}
