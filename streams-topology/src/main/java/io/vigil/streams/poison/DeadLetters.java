package io.vigil.streams.poison;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Headers of a dead-letter record on {@code <topic>.dlq}: the original key, value and headers are
 * kept as they were, and these headers (UTF-8 strings) say what went wrong and where the record
 * came from, so it can be inspected and replayed.
 */
public final class DeadLetters {

  /** Fully qualified class name of the exception that made the record poison. */
  public static final String ERROR_CLASS = "vigil.dlq.error.class";

  /** Its message (the cause chain's messages, truncated). */
  public static final String ERROR_MESSAGE = "vigil.dlq.error.message";

  /** Topic the record was read from. */
  public static final String SOURCE_TOPIC = "vigil.dlq.source.topic";

  /** Partition it was read from. */
  public static final String SOURCE_PARTITION = "vigil.dlq.source.partition";

  /** Offset it was read at. */
  public static final String SOURCE_OFFSET = "vigil.dlq.source.offset";

  /** Upper bound of the message header, in characters. */
  static final int MAX_MESSAGE_LENGTH = 2_000;

  private DeadLetters() {}

  /** The original headers plus the error and source headers (any previous ones replaced). */
  public static Headers headers(Headers original, Exception error, RecordMetadata source) {
    RecordHeaders headers = new RecordHeaders(original.toArray());
    put(headers, ERROR_CLASS, error.getClass().getName());
    put(headers, ERROR_MESSAGE, describe(error));
    put(headers, SOURCE_TOPIC, source.topic());
    put(headers, SOURCE_PARTITION, Integer.toString(source.partition()));
    put(headers, SOURCE_OFFSET, Long.toString(source.offset()));
    return headers;
  }

  /** The value of header {@code name} as a string, or {@code null}. */
  public static String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void put(RecordHeaders headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String describe(Throwable error) {
    StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
    for (Throwable cause = error.getCause();
        cause != null && cause != error && message.length() < MAX_MESSAGE_LENGTH;
        cause = cause.getCause()) {
      message.append("; caused by ").append(cause.getClass().getName());
      if (cause.getMessage() != null) {
        message.append(": ").append(cause.getMessage());
      }
    }
    return message.length() > MAX_MESSAGE_LENGTH
        ? message.substring(0, MAX_MESSAGE_LENGTH)
        : message.toString();
  }
}
