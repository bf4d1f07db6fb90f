package io.vigil.devstack.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's rules, independent of HTTP and of Kafka: ids, versions, soft/hard deletes,
 * compatibility levels and checks, with Confluent Schema Registry's semantics.
 *
 * <p>Concurrency: any number of readers; mutations are serialised (one writer at a time), each is
 * planned against the current state, appended to the {@link SchemaLog}, and only then applied to
 * memory — so a caller is answered only once the change is durable, and replaying the log at the
 * next start rebuilds the same state.
 *
 * <p>Schema identity: two schemas are the same if their Avro canonical JSON ({@link
 * Schema#toString()} of the parsed schema, as Confluent's {@code canonicalString()}) is equal. That
 * ignores whitespace and attribute order but keeps defaults, docs and aliases; Avro's Parsing
 * Canonical Form would also drop defaults, so a schema that only adds a default would wrongly get
 * the id of the schema without it.
 */
final class SchemaRegistry implements AutoCloseable {

  static final String AVRO = "AVRO";

  private final SchemaLog log;
  private final RegistryState state = new RegistryState();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Object writeMutex = new Object();

  /**
   * Replays {@code log} into memory.
   *
   * @throws IllegalStateException if the log holds a record this registry cannot read
   */
  SchemaRegistry(SchemaLog log) {
    this.log = log;
    log.replay(
        record -> {
          try {
            state.apply(record);
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                "Unreadable record in " + log.describe() + ": key=" + record.key(), e);
          }
        });
  }

  /** True while mutations can be persisted. */
  boolean writable() {
    return log.writable();
  }

  /**
   * Registers {@code schemaText} under {@code subject} and returns its global id. Re-registering a
   * schema the subject already has returns the existing id; a schema known under another subject
   * keeps its id.
   */
  int register(String subject, String schemaText, String schemaType) {
    Schema schema = parse(schemaText, schemaType);
    String canonical = schema.toString();
    return write(
        s -> {
          List<SchemaVersion> active = s.versions(subject, false);
          for (SchemaVersion v : active) {
            if (v.schema().equals(canonical)) {
              return new Mutation<>(List.of(), v.id());
            }
          }
          CompatibilityLevel level = s.effectiveLevel(subject);
          List<String> problems = CompatibilityChecker.check(level, schema, against(level, active));
          if (!problems.isEmpty()) {
            throw RegistryException.incompatible(
                "Schema being registered is incompatible with an earlier schema for subject \""
                    + subject
                    + "\", details: ["
                    + String.join(", ", problems)
                    + "]");
          }
          int id = s.idOf(canonical).orElse(s.maxId() + 1);
          SchemaVersion created =
              new SchemaVersion(subject, s.maxVersion(subject) + 1, id, canonical, false);
          return new Mutation<>(List.of(StoreRecord.schema(created)), id);
        });
  }

  /** Finds the version of {@code subject} holding {@code schemaText}. */
  SchemaVersion lookup(
      String subject, String schemaText, String schemaType, boolean includeDeleted) {
    String canonical = parse(schemaText, schemaType).toString();
    return read(
        s -> {
          List<SchemaVersion> versions = activeOrNotFound(s, subject, includeDeleted);
          SchemaVersion match = null;
          for (SchemaVersion v : versions) {
            if (v.schema().equals(canonical)) {
              match = v;
            }
          }
          if (match == null) {
            throw RegistryException.schemaNotFound();
          }
          return match;
        });
  }

  /** The schema with global id {@code id}, also if only soft-deleted versions still use it. */
  String schemaById(int id) {
    return read(s -> s.schemaById(id))
        .orElseThrow(() -> RegistryException.schemaNotFound(Integer.toString(id)));
  }

  List<String> subjects(boolean includeDeleted) {
    return read(s -> s.subjects(includeDeleted));
  }

  List<Integer> versions(String subject, boolean includeDeleted) {
    return read(
        s ->
            activeOrNotFound(s, subject, includeDeleted).stream()
                .map(SchemaVersion::version)
                .toList());
  }

  /** One version of a subject; {@code versionText} is a number, {@code latest} or {@code -1}. */
  SchemaVersion version(String subject, String versionText, boolean includeDeleted) {
    int wanted = parseVersion(versionText);
    return read(
        s -> {
          List<SchemaVersion> versions = activeOrNotFound(s, subject, includeDeleted);
          if (wanted == LATEST) {
            return versions.get(versions.size() - 1);
          }
          return versions.stream()
              .filter(v -> v.version() == wanted)
              .findFirst()
              .orElseThrow(() -> RegistryException.versionNotFound(wanted));
        });
  }

  /**
   * Checks {@code schemaText} against the subject under the subject's effective level and returns
   * the problems (empty = compatible).
   *
   * @param versionText a version number or {@code latest}/{@code -1} to check against that version
   *     only, or {@code null} to check against the versions the level selects (the latest or, when
   *     transitive, all)
   */
  List<String> checkCompatibility(
      String subject, String versionText, String schemaText, String schemaType) {
    Integer wanted = versionText == null ? null : parseVersion(versionText);
    Schema schema = parse(schemaText, schemaType);
    return read(
        s -> {
          CompatibilityLevel level = s.effectiveLevel(subject);
          List<SchemaVersion> active = s.versions(subject, false);
          List<SchemaVersion> earlier;
          if (wanted == null) {
            earlier = against(level, active);
          } else if (wanted == LATEST) {
            // Nothing registered yet: any schema is compatible (Confluent 7.x behaviour).
            earlier = active.isEmpty() ? List.of() : List.of(active.get(active.size() - 1));
          } else {
            if (active.isEmpty()) {
              throw RegistryException.subjectNotFound(subject);
            }
            earlier =
                List.of(
                    active.stream()
                        .filter(v -> v.version() == wanted)
                        .findFirst()
                        .orElseThrow(() -> RegistryException.versionNotFound(wanted)));
          }
          return CompatibilityChecker.check(level, schema, earlier);
        });
  }

  CompatibilityLevel globalLevel() {
    return read(RegistryState::globalLevel);
  }

  CompatibilityLevel setGlobalLevel(String levelText) {
    CompatibilityLevel level = parseLevel(levelText);
    return write(s -> new Mutation<>(List.of(StoreRecord.config(null, level)), level));
  }

  /** The subject's own level, or the global one if {@code defaultToGlobal}; else 40408. */
  CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
    return read(
        s -> {
          Optional<CompatibilityLevel> own = s.subjectLevel(subject);
          if (own.isPresent()) {
            return own.get();
          }
          if (defaultToGlobal) {
            return s.globalLevel();
          }
          throw RegistryException.subjectLevelNotConfigured(subject);
        });
  }

  CompatibilityLevel setSubjectLevel(String subject, String levelText) {
    CompatibilityLevel level = parseLevel(levelText);
    return write(s -> new Mutation<>(List.of(StoreRecord.config(subject, level)), level));
  }

  /** Removes the subject's own level and returns it; the subject then follows the global one. */
  CompatibilityLevel deleteSubjectLevel(String subject) {
    return write(
        s -> {
          CompatibilityLevel previous =
              s.subjectLevel(subject)
                  .orElseThrow(() -> RegistryException.subjectLevelNotConfigured(subject));
          return new Mutation<>(List.of(StoreRecord.configTombstone(subject)), previous);
        });
  }

  /**
   * Soft-deletes the subject's live versions, or with {@code permanent} removes an already
   * soft-deleted subject (its versions and its own compatibility level) for good. Returns the
   * versions deleted. Ids are never reused, also after a permanent delete.
   */
  List<Integer> deleteSubject(String subject, boolean permanent) {
    return write(
        s -> {
          List<SchemaVersion> all = s.allVersions(subject);
          if (all.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
          }
          List<StoreRecord> records = new ArrayList<>();
          List<Integer> deleted = new ArrayList<>();
          if (!permanent) {
            for (SchemaVersion v : all) {
              if (!v.deleted()) {
                records.add(StoreRecord.schema(v.softDeleted()));
                deleted.add(v.version());
              }
            }
            if (records.isEmpty()) {
              throw RegistryException.subjectSoftDeleted(subject);
            }
            return new Mutation<>(records, deleted);
          }
          if (all.stream().anyMatch(v -> !v.deleted())) {
            throw RegistryException.subjectNotSoftDeleted(subject);
          }
          for (SchemaVersion v : all) {
            records.add(StoreRecord.schemaTombstone(subject, v.version()));
            deleted.add(v.version());
          }
          if (s.subjectLevel(subject).isPresent()) {
            records.add(StoreRecord.configTombstone(subject));
          }
          records.add(StoreRecord.idWatermark(s.maxId()));
          return new Mutation<>(records, deleted);
        });
  }

  @Override
  public void close() {
    log.close();
  }

  // ---------------------------------------------------------------------------------------------

  static final int LATEST = -1;

  /** Parses {@code latest}, {@code -1} or 1..2^31-1; anything else is 42202. */
  static int parseVersion(String text) {
    if ("latest".equalsIgnoreCase(text)) {
      return LATEST;
    }
    try {
      int v = Integer.parseInt(text);
      if (v == LATEST || v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // falls through to the Confluent error below
    }
    throw RegistryException.invalidVersion(text);
  }

  /** Parses an Avro schema; anything unparseable (or not Avro) is 42201. */
  static Schema parse(String schemaText, String schemaType) {
    if (schemaType != null
        && !schemaType.isEmpty()
        && !AVRO.equals(schemaType.toUpperCase(Locale.ROOT))) {
      throw RegistryException.invalidSchema(
          "schema type '" + schemaType + "' is not supported; this registry supports AVRO only");
    }
    if (schemaText == null || schemaText.isBlank()) {
      throw RegistryException.invalidSchema("empty schema");
    }
    try {
      return new Schema.Parser().parse(schemaText);
    } catch (SchemaParseException | NullPointerException e) {
      throw RegistryException.invalidSchema(String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      // Avro signals some malformed inputs (bad defaults, bad JSON) with other runtime types.
      throw RegistryException.invalidSchema(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Parses a stored (known-valid) schema. */
  static Schema parse(String storedSchema) {
    return new Schema.Parser().parse(storedSchema);
  }

  private static CompatibilityLevel parseLevel(String text) {
    return CompatibilityLevel.parse(text).orElseThrow(RegistryException::invalidCompatibilityLevel);
  }

  private static List<SchemaVersion> against(CompatibilityLevel level, List<SchemaVersion> active) {
    if (active.isEmpty() || level.transitive()) {
      return active;
    }
    return List.of(active.get(active.size() - 1));
  }

  private static List<SchemaVersion> activeOrNotFound(
      RegistryState s, String subject, boolean includeDeleted) {
    List<SchemaVersion> versions = s.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return versions;
  }

  private <T> T read(Function<RegistryState, T> query) {
    lock.readLock().lock();
    try {
      return query.apply(state);
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Function<RegistryState, Mutation<T>> plan) {
    synchronized (writeMutex) {
      // Only this (mutex-holding) thread changes the state, so planning may read it unlocked.
      Mutation<T> mutation = plan.apply(state);
      if (!mutation.records().isEmpty()) {
        log.append(mutation.records());
        lock.writeLock().lock();
        try {
          mutation.records().forEach(state::apply);
        } finally {
          lock.writeLock().unlock();
        }
      }
      return mutation.result();
    }
  }

  private record Mutation<T>(List<StoreRecord> records, T result) {}
}
