package io.vigil.responders.ops;

import java.util.Map;
import java.util.Objects;

/**
 * What {@code /health} answers: whether the component does its work, in which state, and details
 * for an operator (last commit, counts, last error). {@code up=false} answers HTTP 503.
 *
 * @param component component name, e.g. {@code firewall-responder}
 * @param up whether the component is working (retrying after a transient failure counts as up)
 * @param state the component's state, e.g. {@code RUNNING}, {@code RETRYING}, {@code FAILED}
 * @param details extra facts, rendered as JSON
 */
public record HealthReport(
    String component, boolean up, String state, Map<String, Object> details) {

  public HealthReport {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(state, "state");
    details = Map.copyOf(details);
  }
}
