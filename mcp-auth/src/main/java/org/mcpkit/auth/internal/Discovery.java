package org.mcpkit.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds an issuer's {@code jwks_uri} (or another endpoint): RFC 8414 metadata (well-known path inserted before the
 * issuer's path), then OpenID discovery (appended), then RFC 8414 appended; the first document
 * whose {@code issuer} is exactly the configured one wins.
 */
public final class Discovery {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Discovery() {}

  /** The metadata URLs tried for {@code issuer}, in order. */
  public static List<URI> candidates(String issuer) {
    URI u = URI.create(issuer);
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String origin = u.getScheme() + "://" + u.getRawAuthority();
    List<URI> out = new ArrayList<>();
    out.add(URI.create(origin + "/.well-known/oauth-authorization-server" + path));
    out.add(URI.create(origin + path + "/.well-known/openid-configuration"));
    if (!path.isEmpty()) {
      out.add(URI.create(origin + path + "/.well-known/oauth-authorization-server"));
    }
    return out;
  }

  /** The issuer's {@code jwks_uri}. */
  public static URI jwksUri(Fetcher fetcher, String issuer) throws IOException {
    return endpoint(fetcher, issuer, "jwks_uri");
  }

  /** The issuer's endpoint named {@code field} in its metadata ({@code jwks_uri}, {@code introspection_endpoint}). */
  public static URI endpoint(Fetcher fetcher, String issuer, String field) throws IOException {
    IOException last = null;
    for (URI candidate : candidates(issuer)) {
      try {
        JsonNode doc = MAPPER.readTree(fetcher.get(candidate));
        if (!issuer.equals(doc.path("issuer").asText(null))) {
          last = new IOException("metadata at " + candidate + " names another issuer");
          continue;
        }
        String value = doc.path(field).asText(null);
        if (value == null) {
          last = new IOException("metadata at " + candidate + " has no " + field);
          continue;
        }
        URI uri = URI.create(value);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
          throw new IOException(field + " is not http(s)");
        }
        return uri;
      } catch (IOException | IllegalArgumentException e) {
        last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      }
    }
    throw last != null ? last : new IOException("no metadata for " + issuer);
  }
}
