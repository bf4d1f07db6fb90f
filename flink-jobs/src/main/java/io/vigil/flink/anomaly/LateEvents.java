package io.vigil.flink.anomaly;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Late data of the anomaly job: observations that arrive after their window was closed (event time
 * behind the watermark by more than the allowed lateness). They are never silently dropped: each is
 * counted in the {@code vigilLateRecords} metric and written to the dead-letter topic of its source
 * ({@code <source>.dlq}) with the usual dead-letter headers, keyed by entity. The value is left
 * empty; the headers give the source topic, partition and offset of the original record.
 */
public final class LateEvents {

  /** Side output of the window operator receiving late observations. */
  public static final OutputTag<TrafficObservation> TAG =
      new OutputTag<>("late-observations") {
        private static final long serialVersionUID = 1L;
      };

  /** Counter of late observations. */
  public static final String METRIC = "vigilLateRecords";

  /** Header: kind of error. */
  public static final String ERROR_CLASS = "vigil.dlq.error.class";

  /** Header: human-readable reason. */
  public static final String ERROR_MESSAGE = "vigil.dlq.error.message";

  /** Header: topic of the original record. */
  public static final String SOURCE_TOPIC = "vigil.dlq.source.topic";

  /** Header: partition of the original record. */
  public static final String SOURCE_PARTITION = "vigil.dlq.source.partition";

  /** Header: offset of the original record. */
  public static final String SOURCE_OFFSET = "vigil.dlq.source.offset";

  /** {@link #ERROR_CLASS} of a late record. */
  public static final String LATE_EVENT = "LateEvent";

  private LateEvents() {}

  /** Counts late observations, passing them on. */
  public static final class Count extends ProcessFunction<TrafficObservation, TrafficObservation> {
    private static final long serialVersionUID = 1L;
    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
      late = getRuntimeContext().getMetricGroup().counter(METRIC);
    }

    @Override
    public void processElement(
        TrafficObservation value, Context ctx, Collector<TrafficObservation> out) {
      late.inc();
      out.collect(value);
    }
  }

  /** Writes a late observation to {@code <source topic>.dlq}. */
  public static final class DeadLetter
      implements KafkaRecordSerializationSchema<TrafficObservation> {
    private static final long serialVersionUID = 1L;
    private final String dlqSuffix;

    /**
     * @param dlqSuffix suffix of the dead-letter topic, {@code .dlq}
     */
    public DeadLetter(String dlqSuffix) {
      this.dlqSuffix = Objects.requireNonNull(dlqSuffix, "dlqSuffix");
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sink) {
      // Nothing to set up: the record is built from the element alone.
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        TrafficObservation o, KafkaSinkContext context, Long timestamp) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(ERROR_CLASS, utf8(LATE_EVENT));
      headers.add(
          ERROR_MESSAGE,
          utf8(
              "event time "
                  + o.observation().timestampMillis()
                  + " arrived after its "
                  + o.entityType()
                  + " window was closed"));
      headers.add(SOURCE_TOPIC, utf8(o.sourceTopic()));
      headers.add(SOURCE_PARTITION, utf8(Integer.toString(o.sourcePartition())));
      headers.add(SOURCE_OFFSET, utf8(Long.toString(o.sourceOffset())));
      return new ProducerRecord<>(
          o.sourceTopic() + dlqSuffix, null, timestamp, utf8(o.key()), null, headers);
    }

    private static byte[] utf8(String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
  }
}
