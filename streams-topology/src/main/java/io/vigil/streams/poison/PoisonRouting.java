package io.vigil.streams.poison;

import io.vigil.schemas.catalog.Topic;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Wires one external input topic as raw bytes → {@link DecodeProcessor} → split: poison to {@code
 * <topic>.dlq} with the original bytes and headers, valid records on as typed values. Every node is
 * named after {@code name}: {@code <name>-source}, {@code <name>-decode}, {@code <name>-poison},
 * {@code <name>-dlq-bytes}, {@code <name>-dlq-sink}, {@code <name>-ok}, {@code <name>-value}.
 */
public final class PoisonRouting {

  private PoisonRouting() {}

  /**
   * The valid records of {@code topic}, keyed and typed; poison goes to its dead-letter queue.
   *
   * @param name node name prefix, e.g. {@code "orders-events"}
   */
  public static <V> KStream<String, V> decode(
      StreamsBuilder builder, Topic<String, V> topic, InputValidator<V> validator, String name) {
    KStream<byte[], byte[]> raw =
        builder.stream(
            topic.name(),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source"));
    KStream<String, Decoded<V>> decoded =
        raw.process(() -> new DecodeProcessor<>(topic, validator), Named.as(name + "-decode"));
    Map<String, KStream<String, Decoded<V>>> branches =
        decoded
            .split(Named.as(name + "-"))
            .branch(
                (key, value) -> value.isPoison(),
                Branched.withConsumer(poison -> toDeadLetterQueue(poison, topic, name), "poison"))
            .defaultBranch(Branched.as("ok"));
    return branches
        .get(name + "-ok")
        .mapValues(value -> ((Decoded.Ok<V>) value).value(), Named.as(name + "-value"));
  }

  private static <V> void toDeadLetterQueue(
      KStream<String, Decoded<V>> poison, Topic<String, V> topic, String name) {
    poison
        .map(
            (key, value) -> {
              Decoded.Poison<V> p = (Decoded.Poison<V>) value;
              return KeyValue.pair(p.key(), p.value());
            },
            Named.as(name + "-dlq-bytes"))
        .to(
            topic.dlq(),
            Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-dlq-sink"));
  }
}
