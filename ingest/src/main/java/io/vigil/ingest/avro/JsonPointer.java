package io.vigil.ingest.avro;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Location of a JSON value as a linked list of segments, rendered ({@code $.a.b[2]}) only when an
 * error needs it, so that converting valid input allocates one small node per value.
 */
final class JsonPointer {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final JsonPointer ROOT = new JsonPointer(null, null, -1);

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

  static JsonPointer root() {
    return ROOT;
  }

  JsonPointer field(String name) {
    return new JsonPointer(this, name, -1);
  }

  JsonPointer index(int i) {
    return new JsonPointer(this, null, i);
  }

  int depth() {
    return depth;
  }

  String render() {
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
