package io.vigil.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Client of the Confluent Schema Registry REST API (the subset Vigil uses). Implementations are
 * thread-safe. Failures are reported as {@link SchemaRegistryException} subclasses whose message
 * names the registry URL and the subject.
 *
 * <p>Use {@link SchemaRegistryClients#create} for an HTTP client with caching and retries.
 */
public interface SchemaRegistryClient {

  /**
   * Registers the schema under the subject ({@code POST /subjects/{s}/versions}); registering an
   * already registered schema returns its existing id.
   *
   * @return the global schema id
   * @throws IncompatibleSchemaException if the subject's compatibility level rejects it
   * @throws InvalidSchemaException if the registry cannot parse it
   */
  int register(String subject, Schema schema);

  /**
   * Looks the schema up under the subject without registering it ({@code POST /subjects/{s}}).
   *
   * @throws SubjectNotFoundException if the subject does not exist
   * @throws SchemaNotFoundException if the schema is not registered under the subject
   */
  SchemaMetadata lookup(String subject, Schema schema);

  /**
   * The schema with the given global id ({@code GET /schemas/ids/{id}}).
   *
   * @throws SchemaNotFoundException if no schema has this id
   */
  Schema schemaById(int id);

  /** All subjects ({@code GET /subjects}). */
  List<String> subjects();

  /**
   * Versions of a subject in ascending order ({@code GET /subjects/{s}/versions}).
   *
   * @throws SubjectNotFoundException if the subject does not exist
   */
  List<Integer> versions(String subject);

  /**
   * One version of a subject ({@code GET /subjects/{s}/versions/{v}}).
   *
   * @throws SubjectNotFoundException if the subject does not exist
   * @throws VersionNotFoundException if the version does not exist
   */
  SchemaMetadata version(String subject, int version);

  /**
   * The latest version of a subject ({@code GET /subjects/{s}/versions/latest}).
   *
   * @throws SubjectNotFoundException if the subject does not exist
   */
  SchemaMetadata latestVersion(String subject);

  /**
   * Whether the schema could be registered as the next version after the given one under the
   * subject's compatibility level ({@code POST /compatibility/subjects/{s}/versions/{v}}).
   *
   * @param version a version number or {@code "latest"}
   */
  boolean isCompatible(String subject, Schema schema, String version);

  /** The global compatibility level ({@code GET /config}). */
  CompatibilityLevel globalCompatibility();

  /**
   * The subject-level compatibility level ({@code GET /config/{s}}), empty when the subject has
   * none of its own and follows the global level.
   */
  Optional<CompatibilityLevel> subjectCompatibility(String subject);

  /** Sets the global compatibility level ({@code PUT /config}). */
  void setGlobalCompatibility(CompatibilityLevel level);

  /** Sets the subject-level compatibility level ({@code PUT /config/{s}}). */
  void setSubjectCompatibility(String subject, CompatibilityLevel level);

  /**
   * Deletes a subject ({@code DELETE /subjects/{s}}, with {@code ?permanent=true} for a hard
   * delete, which Confluent only allows after a soft delete).
   *
   * @return the deleted versions
   * @throws SubjectNotFoundException if the subject does not exist
   */
  List<Integer> deleteSubject(String subject, boolean permanent);

  /** Where this client sends requests, without credentials; used in error messages. */
  String endpoint();
}
