package io.vigil.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * One registry base URL, split into the URL without credentials (safe to log) and the {@code
 * user:password} it carried in its userinfo, if any.
 *
 * @param baseUri base URL without userinfo, query or trailing slash
 * @param userInfo {@code user:password} from the URL, or {@code null}
 */
public record RegistryEndpoint(URI baseUri, String userInfo) {

  /** Validates the fields. */
  public RegistryEndpoint {
    Objects.requireNonNull(baseUri, "baseUri");
  }

  /**
   * Parses a base URL such as {@code http://user:pass@registry:8081/}.
   *
   * @throws IllegalArgumentException if it is not an absolute http(s) URL
   */
  public static RegistryEndpoint parse(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Invalid Schema Registry URL: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme();
    if (uri.getHost() == null
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException(
          "Invalid Schema Registry URL (need http(s)://host[:port]): " + redact(url));
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    URI base = URI.create(scheme.toLowerCase() + "://" + uri.getHost() + port + path);
    return new RegistryEndpoint(base, uri.getUserInfo());
  }

  private static String redact(String url) {
    return url.replaceAll("//[^/@]*@", "//***@");
  }

  /** Credentials from the URL, if it had any. */
  public Optional<String> urlUserInfo() {
    return Optional.ofNullable(userInfo);
  }

  /** The base URL without credentials. */
  @Override
  public String toString() {
    return baseUri.toString();
  }
}
