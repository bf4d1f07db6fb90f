package io.vigil.ingest.producer;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The W3C trace context ({@code traceparent}) of the current thread, for services that do not run
 * an OpenTelemetry SDK. {@link VigilProducer} reads it by default and copies it into the {@value
 * #TRACEPARENT_HEADER} header of every record sent on that thread.
 *
 * <pre>{@code
 * try (TraceContext.Scope scope = TraceContext.attach(request.header("traceparent"))) {
 *   producer.send(topic, key, value); // carries the request's traceparent
 * }
 * }</pre>
 *
 * Services with an OpenTelemetry SDK pass their own supplier to {@link
 * VigilProducer.Builder#traceparentSupplier} instead.
 */
public final class TraceContext {

  /** Record header carrying the W3C {@code traceparent}. */
  public static final String TRACEPARENT_HEADER = "traceparent";

  // version 00: 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>; later versions may append.
  private static final Pattern TRACEPARENT =
      Pattern.compile("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?$");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_SPAN = "0".repeat(16);

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private TraceContext() {}

  /** The traceparent attached to this thread, if any. */
  public static Optional<String> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * Attaches a traceparent to this thread until the returned scope is closed, which restores the
   * previous one.
   *
   * @throws IllegalArgumentException if {@code traceparent} is not a valid W3C traceparent
   */
  public static Scope attach(String traceparent) {
    String valid = requireValid(traceparent);
    String previous = CURRENT.get();
    CURRENT.set(valid);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /**
   * Whether the value is a W3C traceparent: {@code version-traceid-parentid-flags} in lower-case
   * hex, version not {@code ff}, trace and parent ids not all zero.
   */
  public static boolean isValid(String traceparent) {
    if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
      return false;
    }
    String version = traceparent.substring(0, 2);
    if (version.equals("ff") || (version.equals("00") && traceparent.length() != 55)) {
      return false;
    }
    return !traceparent.substring(3, 35).equals(ZERO_TRACE)
        && !traceparent.substring(36, 52).equals(ZERO_SPAN);
  }

  /**
   * Returns the value if it is a valid traceparent.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String requireValid(String traceparent) {
    Objects.requireNonNull(traceparent, "traceparent");
    if (!isValid(traceparent)) {
      throw new IllegalArgumentException("Not a W3C traceparent: '" + traceparent + "'");
    }
    return traceparent;
  }

  /** Restores the previous trace context of the thread when closed. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
