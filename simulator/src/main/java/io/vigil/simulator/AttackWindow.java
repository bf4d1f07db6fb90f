package io.vigil.simulator;

import io.vigil.common.ThreatClass;
import java.time.Instant;

/**
 * One attack of a run, resolved to absolute virtual time and a concrete target.
 *
 * @param name attack name, also the {@code scenario} of its labels
 * @param threatClass class of the attack
 * @param variant normal or slow-and-low
 * @param start first instant, inclusive
 * @param end end, exclusive (clipped to the end of the run)
 * @param target what the attack aims at: route, {@code caller->callee}, principal, or {@code POST
 *     /auth/login} / {@code *} for the route-agnostic classes
 * @param sources number of attacking sources (IPs, or 1 for an edge or a principal)
 */
public record AttackWindow(
    String name,
    ThreatClass threatClass,
    Variant variant,
    Instant start,
    Instant end,
    String target,
    int sources) {}
