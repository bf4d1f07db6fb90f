package io.vigil.analytics.features;

/**
 * The kinds of entity traffic is keyed by. Each window of features belongs to one entity of one
 * type; {@link #keyOf(RequestObservation)} says which entity of this type an observation counts for
 * (null = it does not count for any entity of this type).
 */
public enum EntityType {
  /** The serving service. */
  SERVICE,
  /** The client address. */
  CLIENT_IP,
  /** The authenticated principal (user or token id). */
  PRINCIPAL,
  /** A caller→callee service edge, keyed {@code caller->callee}. */
  EDGE;

  /** Separator of an edge key. */
  public static final String EDGE_SEPARATOR = "->";

  /** Returns the entity key of {@code o} for this type, or null if {@code o} has none. */
  public String keyOf(RequestObservation o) {
    return switch (this) {
      case SERVICE -> o.service();
      case CLIENT_IP -> blankToNull(o.clientIp());
      case PRINCIPAL -> blankToNull(o.principal());
      case EDGE -> o.edge();
    };
  }

  /** Builds the key of the edge {@code caller->callee}. */
  public static String edgeKey(String caller, String callee) {
    return caller + EDGE_SEPARATOR + callee;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
