package io.vigil.flink.forecast;

/**
 * One request served by a service, reduced to what the load series needs.
 *
 * @param service serving service
 * @param timestampMillis event time, epoch millis
 */
public record RequestTick(String service, long timestampMillis) {}
