package io.vigil.saga.codec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Binary encoding of one saga type's data, embedded (length-prefixed) in the state encoding by
 * {@link SagaStateCodec}. Implementations own their format and should start it with their own
 * version byte so they can evolve independently of the state envelope.
 *
 * @param <D> the saga data type
 */
public interface SagaDataCodec<D> {

  /** Writes {@code data}. */
  void write(D data, DataOutput out) throws IOException;

  /**
   * Reads data written by {@link #write}. Throws an {@link IOException} or an {@link
   * IllegalArgumentException} on malformed input; {@link SagaStateCodec} turns either into a {@link
   * SagaStateCodecException}.
   */
  D read(DataInput in) throws IOException;
}
