package io.vigil.saga.codec;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the primitives of {@link SagaStateCodec}'s format, rejecting impossible lengths. */
final class BinaryReader {

  private final ByteArrayInputStream bytes;
  private final DataInputStream in;

  BinaryReader(byte[] data) {
    this.bytes = new ByteArrayInputStream(data);
    this.in = new DataInputStream(bytes);
  }

  int remaining() {
    return bytes.available();
  }

  byte readByte() throws IOException {
    return in.readByte();
  }

  int readInt() throws IOException {
    return in.readInt();
  }

  long readLong() throws IOException {
    return in.readLong();
  }

  boolean readBoolean() throws IOException {
    byte b = in.readByte();
    if (b != 0 && b != 1) {
      throw new SagaStateCodecException("invalid boolean byte " + b);
    }
    return b == 1;
  }

  byte[] readBytes() throws IOException {
    int length = readLength();
    byte[] out = new byte[length];
    in.readFully(out);
    return out;
  }

  String readString() throws IOException {
    return new String(readBytes(), StandardCharsets.UTF_8);
  }

  Optional<String> readOptionalString() throws IOException {
    return readBoolean() ? Optional.of(readString()) : Optional.empty();
  }

  Instant readInstant() throws IOException {
    long seconds = in.readLong();
    int nanos = in.readInt();
    return Instant.ofEpochSecond(seconds, nanos);
  }

  List<String> readStrings() throws IOException {
    int count = readLength();
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(readString());
    }
    return out;
  }

  private int readLength() throws IOException {
    int length = in.readInt();
    if (length < 0 || length > remaining()) {
      throw new SagaStateCodecException(
          "length " + length + " exceeds the " + remaining() + " bytes left");
    }
    return length;
  }
}
