/**
 * Stable binary encoding of saga state ({@link io.vigil.saga.codec.SagaStateCodec}) for stores and
 * changelogs; each saga type supplies a {@link io.vigil.saga.codec.SagaDataCodec} for its data.
 */
package io.vigil.saga.codec;
