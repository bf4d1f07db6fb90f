package io.vigil.saga.order;

import io.vigil.saga.codec.SagaDataCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of {@link OrderData}, version {@value #VERSION}:
 *
 * <pre>
 * byte    version (1)
 * string  orderId, customerId, currency
 * int     amount scale, then bytes: amount unscaled value (two's complement, big-endian)
 * int     line count, then per line: string sku, int quantity
 * </pre>
 *
 * string = int byte length + UTF-8 bytes; bytes = int length + bytes. The amount keeps its exact
 * value and scale.
 */
public final class OrderDataCodec implements SagaDataCodec<OrderData> {

  /** The version this codec writes. */
  public static final byte VERSION = 1;

  /** Upper bound for lengths and counts read, against corrupt input. */
  private static final int MAX_LENGTH = 1 << 20;

  @Override
  public void write(OrderData order, DataOutput out) throws IOException {
    out.writeByte(VERSION);
    writeString(out, order.orderId());
    writeString(out, order.customerId());
    writeString(out, order.currency());
    out.writeInt(order.amount().scale());
    writeBytes(out, order.amount().unscaledValue().toByteArray());
    out.writeInt(order.lines().size());
    for (OrderLine line : order.lines()) {
      writeString(out, line.sku());
      out.writeInt(line.quantity());
    }
  }

  @Override
  public OrderData read(DataInput in) throws IOException {
    byte version = in.readByte();
    if (version != VERSION) {
      throw new IOException("unknown order data version " + version);
    }
    String orderId = readString(in);
    String customerId = readString(in);
    String currency = readString(in);
    int scale = in.readInt();
    BigDecimal amount = new BigDecimal(new BigInteger(readBytes(in)), scale);
    int count = readLength(in);
    List<OrderLine> lines = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      lines.add(new OrderLine(readString(in), in.readInt()));
    }
    return new OrderData(orderId, customerId, lines, amount, currency);
  }

  private static void writeString(DataOutput out, String s) throws IOException {
    writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInput in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(DataInput in) throws IOException {
    byte[] bytes = new byte[readLength(in)];
    in.readFully(bytes);
    return bytes;
  }

  private static int readLength(DataInput in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_LENGTH) {
      throw new IOException("invalid length " + length);
    }
    return length;
  }
}
