package io.vigil.streams.rest;

/** What an id (order, saga, SKU) in a path or cursor may look like. */
public final class Ids {

  /** Longest id accepted. */
  public static final int MAX_LENGTH = 200;

  private Ids() {}

  /**
   * Returns {@code id} if it is 1 to {@value #MAX_LENGTH} printable characters without spaces.
   *
   * @throws ApiException 400 otherwise
   */
  public static String requireValid(String id, String what) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      throw ApiException.badRequest(what + " must be 1 to " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c)) {
        throw ApiException.badRequest(what + " must not contain spaces or control characters");
      }
    }
    return id;
  }
}
