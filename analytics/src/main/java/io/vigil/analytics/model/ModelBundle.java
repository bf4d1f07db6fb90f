package io.vigil.analytics.model;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.FeatureSchema;
import io.vigil.analytics.features.FeatureVector;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A versioned set of trained models: one isolation forest per entity type (falling back to one
 * trained on all types), a random-forest threat classifier, the feature schema they were trained on
 * and the training metadata. Immutable and thread-safe; scoring needs no Smile type from callers.
 *
 * <p>Byte format ({@link #toBytes()}): int magic {@code 0x56474C4D} ("VGLM"), short format version
 * {@value #FORMAT_VERSION}, UTF feature-schema fingerprint, UTF model version, then the
 * GZIP-compressed Java serialization of the bundle. {@link #fromBytes(byte[], FeatureSchema)}
 * checks the header before deserializing anything and rejects other magics, format versions and
 * schemas with {@link IncompatibleModelException}; deserialization is restricted to Vigil, Smile
 * and JDK classes, since bundles travel over a topic.
 */
public final class ModelBundle implements Serializable {

  /** Magic number at the start of the byte format. */
  public static final int MAGIC = 0x56474C4D;

  /** Current byte format version. */
  public static final short FORMAT_VERSION = 2;

  private static final ObjectInputFilter FILTER =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=200;io.vigil.analytics.**;smile.**;java.**;!*");

  private final String version;
  private final FeatureSchema schema;
  private final TrainingMetadata metadata;
  private final EnumMap<EntityType, IsolationForestScorer> anomalyByType;
  private final IsolationForestScorer anomalyAll;
  private final ForestClassifier classifier;
  private final ThreatClass onlyClass;

  ModelBundle(
      String version,
      FeatureSchema schema,
      TrainingMetadata metadata,
      Map<EntityType, IsolationForestScorer> anomalyByType,
      IsolationForestScorer anomalyAll,
      ForestClassifier classifier,
      ThreatClass onlyClass) {
    this.version = Objects.requireNonNull(version, "version");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.anomalyByType = new EnumMap<>(EntityType.class);
    this.anomalyByType.putAll(anomalyByType);
    this.anomalyAll = anomalyAll;
    if (anomalyAll == null && this.anomalyByType.size() < EntityType.values().length) {
      throw new IllegalArgumentException("an all-types forest is required when a type has none");
    }
    this.classifier = classifier;
    this.onlyClass = onlyClass;
    if (classifier == null && onlyClass == null) {
      throw new IllegalArgumentException("either a classifier or a single class is required");
    }
  }

  /** Model version (e.g. {@code 2026-11-23T10:00Z-seed42}), carried into every anomaly. */
  public String version() {
    return version;
  }

  /** Feature schema the models were trained on. */
  public FeatureSchema schema() {
    return schema;
  }

  /** Training metadata. */
  public TrainingMetadata metadata() {
    return metadata;
  }

  /**
   * Anomaly score in [0,100] of a window: the isolation forest of the vector's entity type (or the
   * all-types forest), calibrated so that the 99.9th percentile of normal training traffic maps to
   * 50.
   */
  public double anomalyScore(FeatureVector v) {
    return anomalyByType
        .getOrDefault(v.entityType(), anomalyAll)
        .score100(ModelInput.anomalyRow(v));
  }

  /** Threat class of a window with its vote share. */
  public ThreatPrediction classify(FeatureVector v) {
    if (classifier == null) {
      return new ThreatPrediction(onlyClass, 1.0, onlyClass == ThreatClass.NONE ? 0.0 : 1.0);
    }
    return classifier.classify(ModelInput.classifierRow(v));
  }

  /** Serializes to the byte format described on the class. */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream header = new DataOutputStream(bytes);
      header.writeInt(MAGIC);
      header.writeShort(FORMAT_VERSION);
      header.writeUTF(schema.fingerprint());
      header.writeUTF(version);
      header.flush();
      try (ObjectOutputStream out =
          new ObjectOutputStream(new BufferedOutputStream(new GZIPOutputStream(bytes, 1 << 16)))) {
        out.writeObject(this);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize model bundle " + version, e);
    }
  }

  /** Reads a bundle trained on this build's {@link FeatureSchema#CURRENT}. */
  public static ModelBundle fromBytes(byte[] bytes) {
    return fromBytes(bytes, FeatureSchema.CURRENT);
  }

  /**
   * Reads a bundle and checks it was trained on {@code expected}.
   *
   * @throws IncompatibleModelException on a foreign magic, format version, schema or payload
   */
  public static ModelBundle fromBytes(byte[] bytes, FeatureSchema expected) {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    DataInputStream header = new DataInputStream(in);
    String fingerprint;
    String version;
    try {
      int magic = header.readInt();
      if (magic != MAGIC) {
        throw new IncompatibleModelException(
            "not a Vigil model bundle (magic 0x" + Integer.toHexString(magic) + ")");
      }
      short format = header.readShort();
      if (format != FORMAT_VERSION) {
        throw new IncompatibleModelException(
            "unsupported model bundle format " + format + ", this build reads " + FORMAT_VERSION);
      }
      fingerprint = header.readUTF();
      version = header.readUTF();
    } catch (IOException e) {
      throw new IncompatibleModelException("truncated model bundle header", e);
    }
    if (!fingerprint.equals(expected.fingerprint())) {
      throw new IncompatibleModelException(
          "model "
              + version
              + " was trained on feature schema '"
              + fingerprint
              + "' but this build uses '"
              + expected.fingerprint()
              + "'");
    }
    try (ObjectInputStream objects =
        new ObjectInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16)))) {
      objects.setObjectInputFilter(FILTER);
      Object o = objects.readObject();
      if (!(o instanceof ModelBundle bundle)) {
        throw new IncompatibleModelException("payload is not a model bundle: " + o.getClass());
      }
      if (!bundle.schema.equals(expected) || !bundle.version.equals(version)) {
        throw new IncompatibleModelException("model bundle header does not match its payload");
      }
      return bundle;
    } catch (InvalidClassException e) {
      throw new IncompatibleModelException(
          "model " + version + " holds classes this build cannot read: " + e.getMessage(), e);
    } catch (IOException | ClassNotFoundException e) {
      throw new IncompatibleModelException("cannot deserialize model " + version, e);
    }
  }

  @Override
  public String toString() {
    return "ModelBundle[" + version + ", " + schema.version() + "]";
  }
}
