package io.vigil.flink.runner;

/**
 * One job as the cluster lists it.
 *
 * @param id job id
 * @param name job name
 * @param state Flink job status, e.g. {@code RUNNING}, {@code FINISHED}, {@code CANCELED}
 * @param startTime start time, epoch millis
 */
public record JobSummary(String id, String name, String state, long startTime) {}
