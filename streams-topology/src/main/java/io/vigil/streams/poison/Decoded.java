package io.vigil.streams.poison;

/**
 * The result of decoding one input record: a typed {@link Ok} value, or the original bytes of a
 * {@link Poison} record (its headers carry the error, see {@link DeadLetters}).
 *
 * @param <V> the value type
 */
public sealed interface Decoded<V> permits Decoded.Ok, Decoded.Poison {

  /** A decoded, valid value. */
  record Ok<V>(V value) implements Decoded<V> {}

  /** The original key and value bytes of a record that cannot be processed. */
  record Poison<V>(byte[] key, byte[] value) implements Decoded<V> {}

  /** Whether this is poison. */
  default boolean isPoison() {
    return this instanceof Poison;
  }
}
