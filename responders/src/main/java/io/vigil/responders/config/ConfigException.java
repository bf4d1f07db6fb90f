package io.vigil.responders.config;

import java.util.List;

/**
 * A policy configuration that cannot be used. Every problem names the offending key, and all
 * problems of one file are reported together so an operator fixes them in one pass.
 */
public final class ConfigException extends IllegalArgumentException {

  private final List<String> problems;

  /**
   * @param what what was being configured, e.g. {@code "firewall policy"}
   * @param problems one message per problem, each naming its key
   */
  public ConfigException(String what, List<String> problems) {
    super(message(what, problems));
    this.problems = List.copyOf(problems);
  }

  /** The individual problems, each naming the key it is about. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String what, List<String> problems) {
    StringBuilder sb =
        new StringBuilder("invalid ")
            .append(what)
            .append(" configuration (")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem):" : " problems):");
    for (String p : problems) {
      sb.append(System.lineSeparator()).append("  - ").append(p);
    }
    return sb.toString();
  }
}
