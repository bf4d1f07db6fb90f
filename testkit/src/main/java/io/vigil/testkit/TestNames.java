package io.vigil.testkit;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.TestInfo;

/**
 * Unique, readable names for per-test topics, subjects, consumer groups and application ids, in the
 * spirit of Kafka's {@code safeUniqueTestName}: tests share one broker, so no two may share a name.
 */
public final class TestNames {
  private TestNames() {}

  /** {@code <class>-<method>-<8 random hex>}, lower case, only characters legal in topic names. */
  public static String unique(TestInfo info) {
    String cls = info.getTestClass().map(Class::getSimpleName).orElse("test");
    String method = info.getTestMethod().map(m -> m.getName()).orElse("m");
    return unique(cls + "-" + method);
  }

  /** {@code <prefix>-<8 random hex>} sanitised for use as a Kafka topic name. */
  public static String unique(String prefix) {
    String safe = prefix.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
    if (safe.length() > 180) {
      safe = safe.substring(0, 180);
    }
    return safe + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
