package io.vigil.ingest.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * OTLP attributes by key, looked up by the first of several names so that current and older
 * OpenTelemetry semantic conventions both work ({@code http.request.method}, then {@code
 * http.method}). Values render as strings for Vigil's {@code map<string>} fields.
 */
final class Attributes {

  private final Map<String, AnyValue> values;

  private Attributes(Map<String, AnyValue> values) {
    this.values = values;
  }

  static Attributes of(List<KeyValue> keyValues) {
    Map<String, AnyValue> values = new HashMap<>(keyValues.size() * 2);
    for (KeyValue kv : keyValues) {
      values.put(kv.getKey(), kv.getValue());
    }
    return new Attributes(values);
  }

  /** The first present, non-empty value among the names, as a string. */
  Optional<String> string(String... names) {
    for (String name : names) {
      AnyValue value = values.get(name);
      if (value != null && value.getValueCase() != AnyValue.ValueCase.VALUE_NOT_SET) {
        String text = render(value);
        if (!text.isEmpty()) {
          return Optional.of(text);
        }
      }
    }
    return Optional.empty();
  }

  /** The first value among the names that is an integer (or an integral string or double). */
  OptionalLong integer(String... names) {
    for (String name : names) {
      AnyValue value = values.get(name);
      if (value == null) {
        continue;
      }
      switch (value.getValueCase()) {
        case INT_VALUE:
          return OptionalLong.of(value.getIntValue());
        case DOUBLE_VALUE:
          double d = value.getDoubleValue();
          if (d == Math.rint(d) && Math.abs(d) < 9e15) {
            return OptionalLong.of((long) d);
          }
          break;
        case STRING_VALUE:
          try {
            return OptionalLong.of(Long.parseLong(value.getStringValue().trim()));
          } catch (NumberFormatException e) {
            // Not a number under this name; the next name may hold one.
            break;
          }
        default:
          break;
      }
    }
    return OptionalLong.empty();
  }

  /** The first value among the names that is a number. */
  OptionalDouble number(String... names) {
    for (String name : names) {
      AnyValue value = values.get(name);
      if (value == null) {
        continue;
      }
      switch (value.getValueCase()) {
        case INT_VALUE:
          return OptionalDouble.of(value.getIntValue());
        case DOUBLE_VALUE:
          return OptionalDouble.of(value.getDoubleValue());
        case STRING_VALUE:
          try {
            return OptionalDouble.of(Double.parseDouble(value.getStringValue().trim()));
          } catch (NumberFormatException e) {
            // Not a number under this name; the next name may hold one.
            break;
          }
        default:
          break;
      }
    }
    return OptionalDouble.empty();
  }

  /** Whether any of the names is present. */
  boolean has(String... names) {
    for (String name : names) {
      if (values.containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  /** Every attribute rendered as a string. */
  Map<String, String> asStrings() {
    Map<String, String> out = new HashMap<>(values.size() * 2);
    values.forEach((k, v) -> out.put(k, render(v)));
    return out;
  }

  /** An attribute value as text: scalars plainly, arrays and maps JSON-like, bytes in base64. */
  static String render(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE ->
          value.getArrayValue().getValuesList().stream()
              .map(Attributes::render)
              .collect(Collectors.joining(",", "[", "]"));
      case KVLIST_VALUE ->
          value.getKvlistValue().getValuesList().stream()
              .map(kv -> kv.getKey() + "=" + render(kv.getValue()))
              .collect(Collectors.joining(",", "{", "}"));
      // A string-table index only means something inside profiles; nothing to show here.
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> "";
    };
  }

  /** The first element of an array value (e.g. a header list), or the value itself. */
  Optional<String> first(String name) {
    AnyValue value = values.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value.getValueCase() == AnyValue.ValueCase.ARRAY_VALUE) {
      return value.getArrayValue().getValuesList().stream().findFirst().map(Attributes::render);
    }
    return Optional.of(render(value));
  }
}
