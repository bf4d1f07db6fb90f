package io.vigil.ingest.avro;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Converts natural JSON, as people and non-JVM services write it, to Avro generic data of a schema,
 * validating as it goes. Avro's own JSON decoding wants unions wrapped in a branch name, decimals
 * as byte strings and timestamps as numbers; this converter accepts:
 *
 * <ul>
 *   <li><b>unions</b> as the plain value: {@code null} picks the null branch; otherwise the only
 *       non-null branch, or the first branch the value matches completely. A branch can be chosen
 *       explicitly with Avro's wrapper {@code {"OrderPlaced": {...}}} (simple or full name);
 *   <li><b>decimals</b> as strings ({@code "12.50"}) or numbers, with at most the schema's scale of
 *       fraction digits and its precision;
 *   <li><b>timestamps</b> ({@code timestamp-millis/micros}, {@code local-timestamp-*}) as ISO-8601
 *       strings ({@code 2026-11-23T10:00:00Z}, with an offset or, for local timestamps, without) or
 *       numbers in the schema's unit (epoch milliseconds for {@code timestamp-millis}); {@code
 *       date} as {@code 2026-11-23} or days; {@code time-*} as {@code 10:15:30} or the number;
 *   <li><b>enums</b> by symbol name (case-insensitive when unambiguous);
 *   <li>{@code long}s also as strings of digits (JavaScript loses precision above 2^53); {@code
 *       bytes}/{@code fixed} as base64; {@code uuid} strings are checked.
 * </ul>
 *
 * A record must not carry fields its schema does not define; a missing field takes its default, or
 * {@code null} when its type is a nullable union, and is an error otherwise. The first mismatch
 * raises {@link JsonAvroException} with the JSON path of the value, e.g. {@code
 * $.payload.lines[1].quantity}. The result uses Avro's generic representation without logical-type
 * conversions (decimals as {@link ByteBuffer}, timestamps as {@code long}), as the generic
 * serializer expects. Stateless and thread-safe.
 */
public final class JsonAvroConverter {

  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();
  private static final Base64.Decoder BASE64 = Base64.getDecoder();

  private JsonAvroConverter() {}

  /**
   * A Jackson mapper suited to the converter: floating-point numbers are read as {@link BigDecimal}
   * so that decimals keep their exact digits.
   */
  public static ObjectMapper objectMapper() {
    return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  /**
   * Converts a JSON object to a record of {@code schema}.
   *
   * @throws JsonAvroException with the path of the first value that does not match
   * @throws IllegalArgumentException if {@code schema} is not a record schema
   */
  public static GenericRecord toRecord(JsonNode json, Schema schema) {
    if (schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("Not a record schema: " + schema.getFullName());
    }
    return (GenericRecord) convert(json, schema, JsonPointer.root());
  }

  /**
   * Converts a JSON value to Avro generic data of {@code schema}.
   *
   * @throws JsonAvroException with the path of the first value that does not match
   */
  public static Object toAvro(JsonNode json, Schema schema) {
    return convert(json, schema, JsonPointer.root());
  }

  private static Object convert(JsonNode node, Schema schema, JsonPointer at) {
    if (node == null || node.isMissingNode()) {
      throw new JsonAvroException(at, "a value is required");
    }
    if (schema.getType() == Schema.Type.UNION) {
      return union(node, schema, at);
    }
    if (node.isNull()) {
      if (schema.getType() == Schema.Type.NULL) {
        return null;
      }
      throw new JsonAvroException(at, "must not be null (expected " + describe(schema) + ")");
    }
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      Object value = logical(node, schema, logical, at);
      if (value != null) {
        return value;
      }
    }
    return switch (schema.getType()) {
      case RECORD -> record(node, schema, at);
      case ENUM -> enumSymbol(node, schema, at);
      case ARRAY -> array(node, schema, at);
      case MAP -> map(node, schema, at);
      case STRING -> string(node, at);
      case BYTES -> ByteBuffer.wrap(base64(node, at));
      case FIXED -> fixed(node, schema, at);
      case INT -> intValue(node, at);
      case LONG -> longValue(node, at);
      case FLOAT -> (float) doubleValue(node, at);
      case DOUBLE -> doubleValue(node, at);
      case BOOLEAN -> booleanValue(node, at);
      case NULL -> throw new JsonAvroException(at, "must be null");
      case UNION -> throw new IllegalStateException("unions are handled above");
    };
  }

  // --- records, collections, unions ---------------------------------------------------------

  private static GenericRecord record(JsonNode node, Schema schema, JsonPointer at) {
    if (!node.isObject()) {
      throw mismatch(at, "an object (" + schema.getName() + ")", node);
    }
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      JsonNode value = node.get(field.name());
      JsonPointer fieldAt = at.field(field.name());
      if (value == null) {
        if (field.hasDefaultValue()) {
          record.put(field.pos(), GenericData.get().getDefaultValue(field));
        } else if (isNullable(field.schema())) {
          record.put(field.pos(), null);
        } else {
          throw new JsonAvroException(
              fieldAt, "required field is missing (expected " + describe(field.schema()) + ")");
        }
      } else {
        record.put(field.pos(), convert(value, field.schema(), fieldAt));
      }
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (schema.getField(name) == null) {
        throw new JsonAvroException(
            at.field(name),
            "unknown field; "
                + schema.getName()
                + " has "
                + schema.getFields().stream()
                    .map(Schema.Field::name)
                    .collect(Collectors.joining(", ")));
      }
    }
    return record;
  }

  private static List<Object> array(JsonNode node, Schema schema, JsonPointer at) {
    if (!node.isArray()) {
      throw mismatch(at, "an array", node);
    }
    List<Object> items = new GenericData.Array<>(node.size(), schema);
    for (int i = 0; i < node.size(); i++) {
      items.add(convert(node.get(i), schema.getElementType(), at.index(i)));
    }
    return items;
  }

  private static Map<String, Object> map(JsonNode node, Schema schema, JsonPointer at) {
    if (!node.isObject()) {
      throw mismatch(at, "an object (map)", node);
    }
    Map<String, Object> map = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> e = entries.next();
      map.put(e.getKey(), convert(e.getValue(), schema.getValueType(), at.field(e.getKey())));
    }
    return map;
  }

  private static Object union(JsonNode node, Schema union, JsonPointer at) {
    List<Schema> branches = union.getTypes();
    if (node.isNull()) {
      for (Schema branch : branches) {
        if (branch.getType() == Schema.Type.NULL) {
          return null;
        }
      }
      throw new JsonAvroException(at, "must not be null (expected " + describe(union) + ")");
    }
    List<Schema> candidates = new ArrayList<>(branches.size());
    for (Schema branch : branches) {
      if (branch.getType() != Schema.Type.NULL) {
        candidates.add(branch);
      }
    }
    if (candidates.size() == 1) {
      return convert(node, candidates.get(0), at);
    }
    // Avro's explicit form {"BranchName": value} selects a branch.
    if (node.isObject() && node.size() == 1) {
      String key = node.fieldNames().next();
      for (Schema branch : candidates) {
        if (key.equals(branch.getFullName()) || key.equals(branch.getName())) {
          return convert(node.get(key), branch, at.field(key));
        }
      }
    }
    JsonAvroException deepest = null;
    int deepestOverlap = -1;
    for (Schema branch : candidates) {
      try {
        return convert(node, branch, at);
      } catch (JsonAvroException e) {
        // Report the branch that got furthest; on a tie, the one sharing most field names.
        int overlap = fieldOverlap(node, branch);
        if (deepest == null
            || e.depth() > deepest.depth()
            || (e.depth() == deepest.depth() && overlap > deepestOverlap)) {
          deepest = e;
          deepestOverlap = overlap;
        }
      }
    }
    if (deepest != null && deepest.depth() > at.depth()) {
      // A branch got past the union's own level: its error is the most telling.
      throw deepest;
    }
    throw new JsonAvroException(at, "matches no branch of " + describe(union));
  }

  private static int fieldOverlap(JsonNode node, Schema branch) {
    if (!node.isObject() || branch.getType() != Schema.Type.RECORD) {
      return 0;
    }
    int overlap = 0;
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      if (branch.getField(names.next()) != null) {
        overlap++;
      }
    }
    return overlap;
  }

  // --- logical types ------------------------------------------------------------------------

  /** The converted value, or {@code null} if the logical type is not one handled here. */
  private static Object logical(JsonNode node, Schema schema, LogicalType logical, JsonPointer at) {
    if (logical instanceof LogicalTypes.Decimal decimal) {
      BigDecimal value = decimal(node, decimal, at);
      return schema.getType() == Schema.Type.FIXED
          ? DECIMALS.toFixed(value, schema, decimal)
          : DECIMALS.toBytes(value, schema, decimal);
    }
    if (logical instanceof LogicalTypes.TimestampMillis) {
      return node.isNumber() ? longValue(node, at) : instant(node, at).toEpochMilli();
    }
    if (logical instanceof LogicalTypes.TimestampMicros) {
      return node.isNumber() ? longValue(node, at) : micros(instant(node, at));
    }
    if (logical instanceof LogicalTypes.LocalTimestampMillis) {
      return node.isNumber()
          ? longValue(node, at)
          : localDateTime(node, at).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (logical instanceof LogicalTypes.LocalTimestampMicros) {
      return node.isNumber()
          ? longValue(node, at)
          : micros(localDateTime(node, at).toInstant(ZoneOffset.UTC));
    }
    if (logical instanceof LogicalTypes.Date) {
      if (node.isNumber()) {
        return intValue(node, at);
      }
      try {
        return Math.toIntExact(LocalDate.parse(string(node, at)).toEpochDay());
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new JsonAvroException(at, "expected a date like 2026-11-23 or days since 1970");
      }
    }
    if (logical instanceof LogicalTypes.TimeMillis) {
      return node.isNumber()
          ? intValue(node, at)
          : (int) (localTime(node, at).toNanoOfDay() / 1_000_000L);
    }
    if (logical instanceof LogicalTypes.TimeMicros) {
      return node.isNumber() ? longValue(node, at) : localTime(node, at).toNanoOfDay() / 1_000L;
    }
    if (logical.getName().equals("uuid") && schema.getType() == Schema.Type.STRING) {
      String text = string(node, at);
      try {
        UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        throw new JsonAvroException(at, "expected a UUID, got '" + abbreviate(text) + "'");
      }
      return text;
    }
    return null;
  }

  private static BigDecimal decimal(JsonNode node, LogicalTypes.Decimal decimal, JsonPointer at) {
    BigDecimal value;
    if (node.isTextual()) {
      try {
        value = new BigDecimal(node.textValue().trim());
      } catch (NumberFormatException e) {
        throw new JsonAvroException(
            at, "expected a decimal number, got '" + abbreviate(node.textValue()) + "'");
      }
    } else if (node.isIntegralNumber() || node.isBigDecimal()) {
      value = node.decimalValue();
    } else if (node.isNumber()) {
      // A double from a mapper without BigDecimal floats: its shortest decimal form.
      double d = node.doubleValue();
      if (!Double.isFinite(d)) {
        throw new JsonAvroException(at, "expected a finite decimal number");
      }
      value = new BigDecimal(Double.toString(d));
    } else {
      throw mismatch(at, "a decimal as a string or number", node);
    }
    BigDecimal scaled;
    try {
      scaled = value.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new JsonAvroException(
          at, "has more than " + decimal.getScale() + " decimal places: " + value.toPlainString());
    }
    if (scaled.precision() > decimal.getPrecision()) {
      throw new JsonAvroException(
          at,
          "has more than "
              + decimal.getPrecision()
              + " digits (precision "
              + decimal.getPrecision()
              + ", scale "
              + decimal.getScale()
              + ")");
    }
    return scaled;
  }

  private static Instant instant(JsonNode node, JsonPointer at) {
    String text = string(node, at);
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException again) {
        throw new JsonAvroException(
            at,
            "expected an ISO-8601 timestamp with offset (2026-11-23T10:00:00Z) or epoch"
                + " milliseconds, got '"
                + abbreviate(text)
                + "'");
      }
    }
  }

  private static LocalDateTime localDateTime(JsonNode node, JsonPointer at) {
    String text = string(node, at);
    try {
      return LocalDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new JsonAvroException(
          at,
          "expected a local timestamp like 2026-11-23T10:00:00, got '" + abbreviate(text) + "'");
    }
  }

  private static LocalTime localTime(JsonNode node, JsonPointer at) {
    String text = string(node, at);
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new JsonAvroException(
          at, "expected a time like 10:15:30, got '" + abbreviate(text) + "'");
    }
  }

  private static long micros(Instant instant) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("timestamp out of range: " + instant, e);
    }
  }

  // --- primitives ---------------------------------------------------------------------------

  private static GenericData.EnumSymbol enumSymbol(JsonNode node, Schema schema, JsonPointer at) {
    if (!node.isTextual()) {
      throw mismatch(at, "one of " + schema.getEnumSymbols(), node);
    }
    String text = node.textValue();
    if (schema.hasEnumSymbol(text)) {
      return new GenericData.EnumSymbol(schema, text);
    }
    String match = null;
    for (String symbol : schema.getEnumSymbols()) {
      if (symbol.equalsIgnoreCase(text)) {
        if (match != null) {
          match = null;
          break;
        }
        match = symbol;
      }
    }
    if (match == null) {
      throw new JsonAvroException(
          at, "'" + abbreviate(text) + "' is not one of " + schema.getEnumSymbols() + " (enum)");
    }
    return new GenericData.EnumSymbol(schema, match);
  }

  private static String string(JsonNode node, JsonPointer at) {
    if (!node.isTextual()) {
      throw mismatch(at, "a string", node);
    }
    return node.textValue();
  }

  private static byte[] base64(JsonNode node, JsonPointer at) {
    String text = string(node, at);
    try {
      return BASE64.decode(text);
    } catch (IllegalArgumentException e) {
      throw new JsonAvroException(at, "expected base64-encoded bytes");
    }
  }

  private static GenericData.Fixed fixed(JsonNode node, Schema schema, JsonPointer at) {
    byte[] bytes = base64(node, at);
    if (bytes.length != schema.getFixedSize()) {
      throw new JsonAvroException(
          at, "expected " + schema.getFixedSize() + " bytes, got " + bytes.length);
    }
    return new GenericData.Fixed(schema, bytes);
  }

  private static int intValue(JsonNode node, JsonPointer at) {
    long value = integral(node, at, "an integer");
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new JsonAvroException(at, "out of range for int: " + value);
    }
    return (int) value;
  }

  private static long longValue(JsonNode node, JsonPointer at) {
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.textValue().trim());
      } catch (NumberFormatException e) {
        throw new JsonAvroException(
            at, "expected a long integer, got '" + abbreviate(node.textValue()) + "'");
      }
    }
    return integral(node, at, "a long integer");
  }

  private static long integral(JsonNode node, JsonPointer at, String expected) {
    if (!node.isNumber()) {
      throw mismatch(at, expected, node);
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw new JsonAvroException(at, "out of range: " + node.bigIntegerValue());
      }
      return node.longValue();
    }
    BigDecimal decimal = node.decimalValue();
    try {
      BigInteger whole = decimal.toBigIntegerExact();
      return whole.longValueExact();
    } catch (ArithmeticException e) {
      throw new JsonAvroException(at, "expected " + expected + ", got " + decimal.toPlainString());
    }
  }

  private static double doubleValue(JsonNode node, JsonPointer at) {
    if (!node.isNumber()) {
      throw mismatch(at, "a number", node);
    }
    return node.doubleValue();
  }

  private static boolean booleanValue(JsonNode node, JsonPointer at) {
    if (!node.isBoolean()) {
      throw mismatch(at, "true or false", node);
    }
    return node.booleanValue();
  }

  // --- helpers ------------------------------------------------------------------------------

  private static boolean isNullable(Schema schema) {
    return schema.getType() == Schema.Type.NULL
        || (schema.getType() == Schema.Type.UNION
            && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL));
  }

  private static JsonAvroException mismatch(JsonPointer at, String expected, JsonNode got) {
    return new JsonAvroException(at, "expected " + expected + ", got " + describe(got));
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case BINARY -> "binary";
      case MISSING -> "nothing";
    };
  }

  private static String describe(Schema schema) {
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      return logical.getName();
    }
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> schema.getName();
      case UNION ->
          schema.getTypes().stream()
              .map(JsonAvroConverter::describe)
              .collect(Collectors.joining(" | ", "[", "]"));
      case ARRAY -> "array of " + describe(schema.getElementType());
      case MAP -> "map of " + describe(schema.getValueType());
      default -> schema.getType().getName().toLowerCase(Locale.ROOT);
    };
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 61) + "...";
  }
}
