package io.vigil.responders.config;

import java.util.Objects;

/**
 * A documented configuration key: its name, its default (as it would be written in the properties
 * file, parsed by the same code as a user value) and what it means. Keys that contain a placeholder
 * such as {@code <class>} or {@code <service>} are templates.
 *
 * @param name full key, e.g. {@code vigil.firewall.dry-run}
 * @param defaultValue default as written in a properties file; empty when there is none
 * @param doc what the key controls
 */
public record ConfigKey(String name, String defaultValue, String doc) {

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(doc, "doc");
  }
}
