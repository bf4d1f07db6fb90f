package io.vigil.saga.codec;

import io.vigil.saga.Incident;
import io.vigil.saga.SagaState;
import io.vigil.saga.SagaStatus;
import io.vigil.saga.SagaTimer;
import io.vigil.saga.TimerKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Stable binary encoding of a {@link SagaState}, for a key-value store and its changelog. Plain
 * {@link java.io.DataOutputStream} primitives (big-endian), no reflection, no Java serialization,
 * no JSON; enum values are written as explicit codes, never ordinals or names.
 *
 * <h2>Format, version {@value #FORMAT_VERSION}</h2>
 *
 * <pre>
 * byte     format version (1)
 * string   sagaType, sagaId
 * byte     status: 1 RUNNING, 2 COMPENSATING, 3 COMPLETED, 4 CANCELLED, 5 FAILED
 * string   currentStep
 * int      attempt
 * ostring  awaitingCommandId
 * bool     timer present, then: byte kind (1 REPLY_TIMEOUT, 2 RETRY_BACKOFF), string commandId,
 *          instant dueAt
 * strings  appliedSteps, pendingCompensations, compensatedSteps
 * ostring  reason
 * bool     incident present, then: string step, string commandId, int attempts, string cause,
 *          strings compensationsNotRun, instant at
 * instant  startedAt, updatedAt
 * long     revision
 * bytes    saga data, written by the {@link SagaDataCodec}
 *
 * string  = int byte length + UTF-8 bytes;  ostring = bool + string if present
 * strings = int count + that many strings;  bytes   = int length + bytes
 * bool    = byte 0 or 1;                    instant = long epoch seconds + int nanos
 * </pre>
 *
 * <p>A reader rejects unknown versions and any trailing byte with a {@link
 * SagaStateCodecException}. A future format gets a new version number and this class keeps reading
 * the old ones. Thread-safe if the data codec is.
 *
 * @param <D> the saga data type
 */
public final class SagaStateCodec<D> {

  /** The version this codec writes. */
  public static final byte FORMAT_VERSION = 1;

  private final SagaDataCodec<D> dataCodec;

  public SagaStateCodec(SagaDataCodec<D> dataCodec) {
    this.dataCodec = Objects.requireNonNull(dataCodec, "dataCodec");
  }

  /** Encodes {@code state} in the current format. */
  public byte[] encode(SagaState<D> state) {
    Objects.requireNonNull(state, "state");
    BinaryWriter w = new BinaryWriter();
    w.writeByte(FORMAT_VERSION)
        .writeString(state.sagaType())
        .writeString(state.sagaId())
        .writeByte(statusCode(state.status()))
        .writeString(state.currentStep())
        .writeInt(state.attempt())
        .writeOptionalString(state.awaitingCommandId());
    writeTimer(w, state.activeTimer());
    w.writeStrings(state.appliedSteps())
        .writeStrings(state.pendingCompensations())
        .writeStrings(state.compensatedSteps())
        .writeOptionalString(state.reason());
    writeIncident(w, state.incident());
    w.writeInstant(state.startedAt())
        .writeInstant(state.updatedAt())
        .writeLong(state.revision())
        .writeBytes(encodeData(state.data()));
    return w.toByteArray();
  }

  /**
   * Decodes bytes written by {@link #encode}.
   *
   * @throws SagaStateCodecException if the bytes are not a valid state of a known version
   */
  public SagaState<D> decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      BinaryReader r = new BinaryReader(bytes);
      byte version = r.readByte();
      if (version != FORMAT_VERSION) {
        throw new SagaStateCodecException("unknown saga state format version " + version);
      }
      SagaState<D> state = readVersion1(r);
      if (r.remaining() != 0) {
        throw new SagaStateCodecException(r.remaining() + " trailing bytes after saga state");
      }
      return state;
    } catch (SagaStateCodecException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new SagaStateCodecException("malformed saga state: " + e, e);
    }
  }

  private SagaState<D> readVersion1(BinaryReader r) throws IOException {
    String sagaType = r.readString();
    String sagaId = r.readString();
    SagaStatus status = status(r.readByte());
    String currentStep = r.readString();
    int attempt = r.readInt();
    Optional<String> awaiting = r.readOptionalString();
    Optional<SagaTimer> timer =
        r.readBoolean()
            ? Optional.of(
                new SagaTimer(sagaId, timerKind(r.readByte()), r.readString(), r.readInstant()))
            : Optional.empty();
    var applied = r.readStrings();
    var pending = r.readStrings();
    var compensated = r.readStrings();
    Optional<String> reason = r.readOptionalString();
    Optional<Incident> incident =
        r.readBoolean()
            ? Optional.of(
                new Incident(
                    r.readString(),
                    r.readString(),
                    r.readInt(),
                    r.readString(),
                    r.readStrings(),
                    r.readInstant()))
            : Optional.empty();
    var startedAt = r.readInstant();
    var updatedAt = r.readInstant();
    long revision = r.readLong();
    D data = decodeData(r.readBytes());
    return new SagaState<>(
        sagaType,
        sagaId,
        data,
        status,
        currentStep,
        attempt,
        awaiting,
        timer,
        applied,
        pending,
        compensated,
        reason,
        incident,
        startedAt,
        updatedAt,
        revision);
  }

  private static void writeTimer(BinaryWriter w, Optional<SagaTimer> timer) {
    w.writeBoolean(timer.isPresent());
    timer.ifPresent(
        t ->
            w.writeByte(timerKindCode(t.kind()))
                .writeString(t.commandId())
                .writeInstant(t.dueAt()));
  }

  private static void writeIncident(BinaryWriter w, Optional<Incident> incident) {
    w.writeBoolean(incident.isPresent());
    incident.ifPresent(
        i ->
            w.writeString(i.step())
                .writeString(i.commandId())
                .writeInt(i.attempts())
                .writeString(i.cause())
                .writeStrings(i.compensationsNotRun())
                .writeInstant(i.at()));
  }

  private byte[] encodeData(D data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      dataCodec.write(data, out);
    } catch (IOException e) {
      throw new SagaStateCodecException("cannot encode saga data: " + e, e);
    }
    return bytes.toByteArray();
  }

  private D decodeData(byte[] bytes) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);
    D data = dataCodec.read(new DataInputStream(in));
    if (in.available() != 0) {
      throw new SagaStateCodecException(in.available() + " trailing bytes after saga data");
    }
    return data;
  }

  private static int statusCode(SagaStatus status) {
    return switch (status) {
      case RUNNING -> 1;
      case COMPENSATING -> 2;
      case COMPLETED -> 3;
      case CANCELLED -> 4;
      case FAILED -> 5;
    };
  }

  private static SagaStatus status(byte code) {
    return switch (code) {
      case 1 -> SagaStatus.RUNNING;
      case 2 -> SagaStatus.COMPENSATING;
      case 3 -> SagaStatus.COMPLETED;
      case 4 -> SagaStatus.CANCELLED;
      case 5 -> SagaStatus.FAILED;
      default -> throw new SagaStateCodecException("unknown status code " + code);
    };
  }

  private static int timerKindCode(TimerKind kind) {
    return switch (kind) {
      case REPLY_TIMEOUT -> 1;
      case RETRY_BACKOFF -> 2;
    };
  }

  private static TimerKind timerKind(byte code) {
    return switch (code) {
      case 1 -> TimerKind.REPLY_TIMEOUT;
      case 2 -> TimerKind.RETRY_BACKOFF;
      default -> throw new SagaStateCodecException("unknown timer kind code " + code);
    };
  }
}
