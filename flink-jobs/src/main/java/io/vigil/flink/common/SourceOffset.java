package io.vigil.flink.common;

/**
 * Where a Kafka record was read: enough to find it again (e.g. from a dead-letter entry) while the
 * topic's retention keeps it.
 *
 * @param topic topic name
 * @param partition partition
 * @param offset offset in the partition
 */
public record SourceOffset(String topic, int partition, long offset) {}
