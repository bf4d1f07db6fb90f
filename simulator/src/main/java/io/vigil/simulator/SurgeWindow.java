package io.vigil.simulator;

import java.time.Instant;

/**
 * One load surge of a run, resolved to absolute virtual time.
 *
 * @param name surge name
 * @param service service whose request rate is multiplied
 * @param factor multiplier of the service's normal rate, {@code > 1} for a surge
 * @param start first instant, inclusive
 * @param end end, exclusive (clipped to the end of the run)
 */
public record SurgeWindow(String name, String service, double factor, Instant start, Instant end) {}
