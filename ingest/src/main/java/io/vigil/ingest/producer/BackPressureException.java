package io.vigil.ingest.producer;

import org.apache.kafka.common.KafkaException;

/**
 * Thrown by {@link VigilProducer#send} when the producer's buffer ({@code vigil.producer
 * .buffer.memory}) stayed full for {@code vigil.producer.max.block.ms}: Kafka does not take records
 * as fast as they are produced. The record was not sent; slow down, or retry later.
 */
public class BackPressureException extends KafkaException {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final long maxBlockMs;

  /**
   * @param topic topic of the record that could not be buffered
   * @param maxBlockMs how long the send waited for buffer space
   * @param cause Kafka's buffer exhaustion
   */
  public BackPressureException(String topic, long maxBlockMs, Throwable cause) {
    super(
        "Producer buffer full: a record for "
            + topic
            + " waited "
            + maxBlockMs
            + " ms for buffer space and was not sent; Kafka is slower than the producer",
        cause);
    this.topic = topic;
    this.maxBlockMs = maxBlockMs;
  }

  /** Topic of the record that was not sent. */
  public String topic() {
    return topic;
  }

  /** How long the send waited, in milliseconds. */
  public long maxBlockMs() {
    return maxBlockMs;
  }
}
