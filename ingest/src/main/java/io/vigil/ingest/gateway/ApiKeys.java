package io.vigil.ingest.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * The gateway's API keys: which tenant a key belongs to and which topics it may write. Keys are
 * kept only as SHA-256 digests, so neither memory dumps nor logs reveal them; a presented key is
 * digested and looked up.
 *
 * <p>Configuration format ({@code vigil.ingest.api.keys}): comma-separated entries {@code
 * tenant:key:topics}, {@code topics} being {@code |}-separated topic names or prefixes ending in
 * {@code *} ({@code *} alone allows every topic). {@code key} may be {@code sha256:<64 hex>}, the
 * digest of the key, so that the clear key need not be stored anywhere.
 */
public final class ApiKeys {

  private static final String SHA256_PREFIX = "sha256:";
  private static final HexFormat HEX = HexFormat.of();

  private final Map<String, Tenant> byDigest;

  private ApiKeys(Map<String, Tenant> byDigest) {
    this.byDigest = Map.copyOf(byDigest);
  }

  /**
   * Parses the configured keys.
   *
   * @throws ConfigException on a malformed entry (the message never contains the key)
   */
  public static ApiKeys parse(String configured) {
    Map<String, Tenant> byDigest = new LinkedHashMap<>();
    if (configured == null || configured.isBlank()) {
      return new ApiKeys(byDigest);
    }
    int index = 0;
    for (String entry : configured.split(",")) {
      index++;
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] parts = trimmed.split(":", -1);
      String digest;
      String tenant = parts[0].trim();
      String topics;
      if (parts.length == 4 && parts[1].trim().equals("sha256")) {
        digest = parts[2].trim().toLowerCase(Locale.ROOT);
        topics = parts[3];
        if (!digest.matches("[0-9a-f]{64}")) {
          throw malformed(index, "the sha256 digest must be 64 hex characters");
        }
      } else if (parts.length == 3) {
        if (parts[1].isBlank()) {
          throw malformed(index, "the key is empty");
        }
        digest = digest(parts[1].trim());
        topics = parts[2];
      } else {
        throw malformed(index, "expected tenant:key:topics or tenant:sha256:<hex>:topics");
      }
      if (tenant.isEmpty() || topics.isBlank()) {
        throw malformed(index, "tenant and topics must not be empty");
      }
      if (byDigest.containsKey(digest)) {
        throw malformed(index, "the same key is configured twice");
      }
      List<String> patterns =
          List.of(topics.split("\\|")).stream()
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .toList();
      byDigest.put(digest, new Tenant(tenant, digest.substring(0, 12), patterns));
    }
    return new ApiKeys(byDigest);
  }

  private static ConfigException malformed(int index, String problem) {
    return new ConfigException(
        "vigil.ingest.api.keys: entry " + index + " is malformed: " + problem);
  }

  /** The tenant owning the presented key, if it is a configured key. */
  public Optional<Tenant> authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byDigest.get(digest(presentedKey)));
  }

  /** Number of configured keys. */
  public int size() {
    return byDigest.size();
  }

  /** SHA-256 of the key's UTF-8 bytes, lower-case hex ({@code sha256:} form of the config). */
  public static String digest(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HEX.formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ApiKeys[" + byDigest.size() + " keys]";
  }

  /**
   * A tenant as identified by one API key.
   *
   * @param name tenant name
   * @param keyId non-secret id of the key (prefix of its digest), for logs, metrics and limits
   * @param topicPatterns topic names or prefixes ending in {@code *}
   */
  public record Tenant(String name, String keyId, List<String> topicPatterns) {

    /** Copies the patterns. */
    public Tenant {
      topicPatterns = List.copyOf(topicPatterns);
    }

    /** Whether the key may write to the topic. */
    public boolean mayWrite(String topic) {
      for (String pattern : topicPatterns) {
        if (pattern.endsWith("*")
            ? topic.startsWith(pattern.substring(0, pattern.length() - 1))
            : topic.equals(pattern)) {
          return true;
        }
      }
      return false;
    }
  }
}
