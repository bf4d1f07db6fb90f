package io.vigil.ingest.avro;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Location of a JSON value as a linked list of segments, rendered ({@code $.a.b[2]}) only when an
 * error needs it, so that converting valid input allocates one small node per value. Immutable.
 */
public final class JsonPointer {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final JsonPointer ROOT = new JsonPointer(null, null, -1);

  private final JsonPointer parent;
  private final String field;
  private final int index;
  private final int depth;

  private JsonPointer(JsonPointer parent, String field, int index) {
    this.parent = parent;
    this.field = field;
    this.index = index;
    this.depth = parent == null ? 0 : parent.depth + 1;
  }

  /** The whole document, {@code $}. */
  public static JsonPointer root() {
    return ROOT;
  }

  /** The member {@code name} of this object. */
  public JsonPointer field(String name) {
    return new JsonPointer(this, name, -1);
  }

  /** The element {@code i} of this array. */
  public JsonPointer index(int i) {
    return new JsonPointer(this, null, i);
  }

  /** Number of segments below the root. */
  public int depth() {
    return depth;
  }

  /** JSONPath-like text, e.g. {@code $.payload.lines[1]['sku code']}. */
  public String render() {
    Deque<JsonPointer> segments = new ArrayDeque<>();
    for (JsonPointer p = this; p.parent != null; p = p.parent) {
      segments.push(p);
    }
    StringBuilder out = new StringBuilder("$");
    for (JsonPointer p : segments) {
      if (p.field == null) {
        out.append('[').append(p.index).append(']');
      } else if (IDENTIFIER.matcher(p.field).matches()) {
        out.append('.').append(p.field);
      } else {
        out.append("['").append(p.field.replace("\\", "\\\\").replace("'", "\\'")).append("']");
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
