package io.vigil.ingest.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads request bodies within the size limit, before and after decompression, so that neither a
 * large upload nor a small gzip bomb can exhaust memory. {@code Content-Encoding} may be absent,
 * {@code identity} or {@code gzip}.
 */
final class BodyReader {

  private final int maxBytes;

  BodyReader(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The decoded body.
   *
   * @throws GatewayException 413 above the limit, 415 for an unknown encoding, 400 for a corrupt
   *     gzip stream or a body that could not be read
   */
  byte[] read(GatewayRequest request) {
    String length = request.header("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw new GatewayException(400, "bad_request", "Content-Length is not a number");
      }
    }
    String encoding = request.header("Content-Encoding");
    String normalized = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
    byte[] raw = readLimited(request.body(), "request body");
    return switch (normalized) {
      case "", "identity" -> raw;
      case "gzip", "x-gzip" -> gunzip(raw);
      default ->
          throw new GatewayException(
              415,
              "unsupported_encoding",
              "Content-Encoding '" + abbreviate(encoding) + "' is not supported; use gzip or none");
    };
  }

  private byte[] gunzip(byte[] compressed) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return readLimited(in, "decompressed body");
    } catch (ZipException | EOFException e) {
      throw new GatewayException(
          400, "bad_encoding", "The body is not valid gzip: " + e.getMessage());
    } catch (IOException e) {
      throw new GatewayException(400, "bad_encoding", "The gzip body cannot be read");
    }
  }

  private byte[] readLimited(InputStream in, String what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
    byte[] buffer = new byte[16 * 1024];
    int total = 0;
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
    } catch (ZipException | EOFException e) {
      throw new GatewayException(
          400, "bad_encoding", "The body is not valid gzip: " + e.getMessage());
    } catch (IOException e) {
      throw new GatewayException(400, "bad_request", "The " + what + " could not be read");
    }
    return out.toByteArray();
  }

  private GatewayException tooLarge() {
    return new GatewayException(
        413,
        "payload_too_large",
        "The body is larger than " + maxBytes + " bytes (before or after decompression)");
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
