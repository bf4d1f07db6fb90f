package io.vigil.flink.anomaly;

import io.vigil.analytics.ModelRef;

/**
 * A published model version as the job receives it from {@code analytics.models}: the bundle's
 * bytes inline, or a URI to read them from (any file system Flink can read, e.g. {@code file:} on a
 * shared volume).
 *
 * @param name model name (the record key)
 * @param version model version
 * @param uri where the bytes are stored, or null when inline
 * @param bytes the serialized bundle, or null when stored at {@code uri}
 * @param sha256 hex SHA-256 of the bytes to check a download, or null
 */
public record ModelArtifact(String name, String version, String uri, byte[] bytes, String sha256) {

  /** The artifact of a model reference. */
  public static ModelArtifact of(ModelRef ref) {
    return new ModelArtifact(
        ref.getName(),
        ref.getVersion(),
        ref.getArtifactUri(),
        ref.getArtifactBytes() == null ? null : toArray(ref.getArtifactBytes()),
        ref.getArtifactSha256());
  }

  private static byte[] toArray(java.nio.ByteBuffer buffer) {
    java.nio.ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @Override
  public String toString() {
    return "ModelArtifact["
        + name
        + "@"
        + version
        + (bytes != null ? ", " + bytes.length + " bytes inline" : ", uri=" + uri)
        + "]";
  }
}
