package io.vigil.saga.codec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Writes the primitives of {@link SagaStateCodec}'s format. */
final class BinaryWriter {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
  private final DataOutputStream out = new DataOutputStream(bytes);

  BinaryWriter writeByte(int b) {
    return io(() -> out.writeByte(b));
  }

  BinaryWriter writeInt(int i) {
    return io(() -> out.writeInt(i));
  }

  BinaryWriter writeLong(long l) {
    return io(() -> out.writeLong(l));
  }

  BinaryWriter writeBoolean(boolean b) {
    return writeByte(b ? 1 : 0);
  }

  BinaryWriter writeBytes(byte[] data) {
    writeInt(data.length);
    return io(() -> out.write(data));
  }

  /** Length-prefixed UTF-8 (not {@code writeUTF}: no 64 KiB limit, no modified UTF-8). */
  BinaryWriter writeString(String s) {
    return writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  BinaryWriter writeOptionalString(Optional<String> s) {
    writeBoolean(s.isPresent());
    s.ifPresent(this::writeString);
    return this;
  }

  BinaryWriter writeInstant(Instant instant) {
    writeLong(instant.getEpochSecond());
    return writeInt(instant.getNano());
  }

  BinaryWriter writeStrings(List<String> strings) {
    writeInt(strings.size());
    strings.forEach(this::writeString);
    return this;
  }

  byte[] toByteArray() {
    io(out::flush);
    return bytes.toByteArray();
  }

  private BinaryWriter io(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      // A ByteArrayOutputStream does not throw; this would be a JDK bug.
      throw new UncheckedIOException(e);
    }
    return this;
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}
