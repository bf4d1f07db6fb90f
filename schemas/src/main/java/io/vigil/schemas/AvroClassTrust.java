package io.vigil.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Makes Avro 1.12 trust Vigil's generated classes, so that specific records deserialize without the
 * JVM flag {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.vigil}. Only classes under {@code
 * io.vigil.} that are generated records or enums are added to the predicate already in place, which
 * keeps deciding for everything else. The serdes and the topic catalog call {@link #install()};
 * call it yourself before using generated classes with raw Avro readers.
 */
public final class AvroClassTrust {

  private static final String TRUSTED_PREFIX = "io.vigil.";

  private AvroClassTrust() {}

  /** Installs the trust predicate once per JVM; later calls do nothing. */
  public static synchronized void install() {
    ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
    if (!(current instanceof VigilClasses)) {
      ClassSecurityValidator.setGlobal(new VigilClasses(current));
    }
  }

  /** Whether the class is one Vigil trusts: a generated record or enum under {@code io.vigil.}. */
  public static boolean isVigilGenerated(Class<?> clazz) {
    return clazz.getName().startsWith(TRUSTED_PREFIX)
        && (SpecificRecord.class.isAssignableFrom(clazz) || clazz.isEnum());
  }

  private record VigilClasses(ClassSecurityPredicate fallback) implements ClassSecurityPredicate {
    @Override
    public boolean isTrusted(Class<?> clazz) {
      return isVigilGenerated(clazz) || fallback.isTrusted(clazz);
    }

    @Override
    public void forbiddenClass(String className) {
      fallback.forbiddenClass(className);
    }
  }
}
