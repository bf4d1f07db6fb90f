package io.vigil.responders.kafka;

import io.vigil.schemas.registry.RegistryAuthenticationException;
import io.vigil.schemas.registry.RegistryUnavailableException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedForMessageFormatException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** How the loops classify failures: fatal, transient, or about the record at hand. */
public final class Failures {

  private Failures() {}

  /**
   * Whether a producer or consumer failure ends the loop: another instance fenced this one, the
   * client is not allowed to do its work, or the transactional producer is in a state from which it
   * cannot abort. Every other Kafka failure aborts the transaction and retries it.
   */
  public static boolean isFatal(Throwable e) {
    return e instanceof ProducerFencedException
        || e instanceof FencedInstanceIdException
        || e instanceof OutOfOrderSequenceException
        || e instanceof AuthenticationException
        || e instanceof AuthorizationException
        || e instanceof UnsupportedVersionException
        || e instanceof UnsupportedForMessageFormatException
        || e instanceof IllegalStateException;
  }

  /**
   * Whether the schema registry could not be reached (or refused the credentials) somewhere in the
   * cause chain: the record is fine, the registry is not, so the work must be retried rather than
   * dead-lettered.
   */
  public static boolean isRegistryUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RegistryUnavailableException
          || t instanceof RegistryAuthenticationException) {
        return true;
      }
    }
    return false;
  }
}
