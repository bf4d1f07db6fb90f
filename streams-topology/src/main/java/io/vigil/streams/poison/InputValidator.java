package io.vigil.streams.poison;

/**
 * Checks a decoded input record before it reaches the business processors; a record that fails is
 * poison. Implementations throw {@link PoisonRecordException} (or any runtime exception) naming
 * what is wrong.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface InputValidator<V> {

  /** Accepts everything that decoded. */
  static <V> InputValidator<V> acceptAll() {
    return (key, value) -> {};
  }

  /** Throws if the record can never be processed. */
  void validate(String key, V value);
}
