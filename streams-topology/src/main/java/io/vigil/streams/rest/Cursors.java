package io.vigil.streams.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque list cursors: the URL-safe Base64 of the last saga id of a page. Clients pass them back
 * unchanged; the next page starts strictly after that id.
 */
public final class Cursors {

  private Cursors() {}

  /** The cursor after {@code sagaId}. */
  public static String encode(String sagaId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(sagaId.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The saga id in {@code cursor}.
   *
   * @throws ApiException 400 if it is not a cursor this API issued
   */
  public static String decode(String cursor) {
    try {
      String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      Ids.requireValid(id, "cursor");
      return id;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("malformed cursor '" + cursor + "'");
    }
  }
}
