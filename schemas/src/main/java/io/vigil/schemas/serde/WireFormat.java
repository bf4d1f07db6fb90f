package io.vigil.schemas.serde;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: byte 0 is the magic byte {@code 0}, bytes 1-4 the schema id as a
 * big-endian int, then the Avro binary encoding of the datum.
 */
public final class WireFormat {

  /** Value of byte 0. */
  public static final byte MAGIC_BYTE = 0;

  /** Bytes before the Avro payload: magic byte and schema id. */
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** Writes the magic byte and the big-endian schema id. */
  public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }

  /**
   * Reads the schema id of a serialized record after checking the header.
   *
   * @param topic used in the error message only
   * @throws SerializationException naming the topic if the payload is shorter than the header or
   *     does not start with the magic byte
   */
  public static int schemaId(byte[] payload, String topic) {
    if (payload.length < HEADER_SIZE) {
      throw new SerializationException(
          "Truncated Avro payload on topic "
              + topic
              + ": "
              + payload.length
              + " bytes, shorter than the "
              + HEADER_SIZE
              + "-byte Confluent wire-format header");
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new SerializationException(
          "Unknown magic byte "
              + payload[0]
              + " on topic "
              + topic
              + ": not the Confluent wire format (expected "
              + MAGIC_BYTE
              + ")");
    }
    return ((payload[1] & 0xff) << 24)
        | ((payload[2] & 0xff) << 16)
        | ((payload[3] & 0xff) << 8)
        | (payload[4] & 0xff);
  }
}
