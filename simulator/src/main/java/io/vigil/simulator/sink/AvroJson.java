package io.vigil.simulator.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vigil.schemas.AvroClassTrust;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Plain JSON for Vigil's Avro records, as written to the simulator's JSON Lines files: one object
 * per record with the schema's field names, readable by any JSON tool (unlike Avro's own JSON
 * encoding, which wraps every union value and writes decimals as byte strings).
 *
 * <ul>
 *   <li>{@code timestamp-millis} and {@code timestamp-micros}: epoch milliseconds / microseconds as
 *       numbers, like the schema;
 *   <li>{@code decimal}: a string with the schema's scale ({@code "23.90"}), exact in every
 *       language;
 *   <li>enums: their symbol; maps: objects; other bytes: base64;
 *   <li>optional fields ({@code ["null", T]}): the value or {@code null};
 *   <li>unions of several records (e.g. {@code OrderEvent.payload}): {@code {"OrderPlaced": {..}}}.
 * </ul>
 *
 * <p>{@link #read} inverts {@link #write} exactly, so files can be replayed into Kafka or fed to
 * training as the generated classes.
 */
public final class AvroJson {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  static {
    AvroClassTrust.install();
  }

  private AvroJson() {}

  /** Writes {@code record} as one JSON object. */
  public static void write(JsonGenerator out, IndexedRecord record) throws IOException {
    out.writeStartObject();
    for (Schema.Field field : record.getSchema().getFields()) {
      out.writeFieldName(field.name());
      writeValue(out, field.schema(), record.get(field.pos()));
    }
    out.writeEndObject();
  }

  /** {@code record} as a JSON string. */
  public static String toJson(IndexedRecord record) {
    try (java.io.StringWriter text = new java.io.StringWriter();
        JsonGenerator out = MAPPER.getFactory().createGenerator(text)) {
      write(out, record);
      out.flush();
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads one record written by {@link #write}.
   *
   * @throws IllegalArgumentException naming the field that does not fit the schema
   */
  public static <T extends SpecificRecord> T read(JsonNode node, Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    return type.cast(readRecord(node, schema, schema.getName()));
  }

  /** Reads one record from a line of JSON. */
  public static <T extends SpecificRecord> T read(String json, Class<T> type) {
    try {
      return read(MAPPER.readTree(json), type);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The records of a JSON Lines file, lazily; close the stream to close the file.
   *
   * @throws UncheckedIOException when the file cannot be opened or read
   * @throws IllegalArgumentException naming the line that is not a {@code type}
   */
  public static <T extends SpecificRecord> Stream<T> lines(Path file, Class<T> type) {
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
    long[] lineNumber = {0};
    return reader
        .lines()
        .onClose(
            () -> {
              try {
                reader.close();
              } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
              }
            })
        .map(
            line -> {
              lineNumber[0]++;
              try {
                return read(line, type);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    file + ":" + lineNumber[0] + ": " + e.getMessage(), e);
              }
            });
  }

  /** Every record of a JSON Lines file. */
  public static <T extends SpecificRecord> List<T> readAll(Path file, Class<T> type) {
    try (Stream<T> records = lines(file, type)) {
      return records.toList();
    }
  }

  private static void writeValue(JsonGenerator out, Schema schema, Object value)
      throws IOException {
    switch (schema.getType()) {
      case NULL -> out.writeNull();
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      case INT -> out.writeNumber(((Number) value).intValue());
      case LONG -> out.writeNumber(longValue(schema.getLogicalType(), value));
      case FLOAT -> out.writeNumber(((Number) value).floatValue());
      case DOUBLE -> out.writeNumber(((Number) value).doubleValue());
      case STRING -> out.writeString(value.toString());
      case ENUM -> out.writeString(value.toString());
      case BYTES, FIXED -> {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal) {
          out.writeString(((BigDecimal) value).toPlainString());
        } else {
          out.writeString(Base64.getEncoder().encodeToString(bytes(value)));
        }
      }
      case RECORD -> write(out, (IndexedRecord) value);
      case ARRAY -> {
        out.writeStartArray();
        for (Object element : (Collection<?>) value) {
          writeValue(out, schema.getElementType(), element);
        }
        out.writeEndArray();
      }
      case MAP -> {
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          out.writeFieldName(entry.getKey().toString());
          writeValue(out, schema.getValueType(), entry.getValue());
        }
        out.writeEndObject();
      }
      case UNION -> writeUnion(out, schema, value);
    }
  }

  private static void writeUnion(JsonGenerator out, Schema union, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
      return;
    }
    Schema optional = optionalBranch(union);
    if (optional != null) {
      writeValue(out, optional, value);
      return;
    }
    Schema branch = union.getTypes().get(SpecificData.get().resolveUnion(union, value));
    out.writeStartObject();
    out.writeFieldName(branch.getName());
    writeValue(out, branch, value);
    out.writeEndObject();
  }

  private static long longValue(LogicalType logicalType, Object value) {
    if (value instanceof Instant instant) {
      if (logicalType instanceof LogicalTypes.TimestampMicros) {
        return Math.addExact(
            Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
      }
      return instant.toEpochMilli();
    }
    return ((Number) value).longValue();
  }

  private static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer buffer) {
      byte[] copy = new byte[buffer.remaining()];
      buffer.duplicate().get(copy);
      return copy;
    }
    if (value instanceof org.apache.avro.generic.GenericFixed fixed) {
      return fixed.bytes();
    }
    return (byte[]) value;
  }

  private static Object readRecord(JsonNode node, Schema schema, String path) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(path + ": expected an object for " + schema.getName());
    }
    IndexedRecord record = (IndexedRecord) SpecificData.get().newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      JsonNode value = node.get(field.name());
      String fieldPath = path + "." + field.name();
      if (value == null) {
        if (!field.hasDefaultValue()) {
          throw new IllegalArgumentException(fieldPath + " is missing");
        }
        record.put(field.pos(), SpecificData.get().getDefaultValue(field));
      } else {
        record.put(field.pos(), readValue(value, field.schema(), fieldPath));
      }
    }
    return record;
  }

  private static Object readValue(JsonNode node, Schema schema, String path) {
    LogicalType logical = schema.getLogicalType();
    return switch (schema.getType()) {
      case NULL -> null;
      case BOOLEAN -> node.booleanValue();
      case INT -> node.intValue();
      case LONG -> {
        long value = node.longValue();
        if (logical instanceof LogicalTypes.TimestampMillis) {
          yield Instant.ofEpochMilli(value);
        }
        if (logical instanceof LogicalTypes.TimestampMicros) {
          yield Instant.ofEpochSecond(
              Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000);
        }
        yield value;
      }
      case FLOAT -> node.isTextual() ? Float.parseFloat(node.asText()) : node.floatValue();
      case DOUBLE -> node.isTextual() ? Double.parseDouble(node.asText()) : node.doubleValue();
      case STRING -> node.asText();
      case ENUM -> SpecificData.get().createEnum(node.asText(), schema);
      case BYTES, FIXED -> {
        if (logical instanceof LogicalTypes.Decimal decimal) {
          yield new BigDecimal(node.asText())
              .setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
        }
        yield ByteBuffer.wrap(Base64.getDecoder().decode(node.asText()));
      }
      case RECORD -> readRecord(node, schema, path);
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
          list.add(readValue(node.get(i), schema.getElementType(), path + "[" + i + "]"));
        }
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
          map.put(
              entry.getKey(),
              readValue(entry.getValue(), schema.getValueType(), path + "." + entry.getKey()));
        }
        yield map;
      }
      case UNION -> readUnion(node, schema, path);
    };
  }

  private static Object readUnion(JsonNode node, Schema union, String path) {
    if (node.isNull()) {
      return null;
    }
    List<Schema> branches = nonNull(union);
    if (branches.size() == 1) {
      return readValue(node, branches.get(0), path);
    }
    if (node.isObject() && node.size() == 1) {
      String name = node.fieldNames().next();
      for (Schema branch : branches) {
        if (branch.getName().equals(name) || branch.getFullName().equals(name)) {
          return readValue(node.get(name), branch, path + "." + name);
        }
      }
    }
    throw new IllegalArgumentException(
        path
            + ": expected {\"<branch>\": value} with a branch of "
            + branches.stream().map(Schema::getName).toList());
  }

  /** The non-null branch of {@code ["null", T]} (either order), else {@code null}. */
  private static Schema optionalBranch(Schema union) {
    List<Schema> types = union.getTypes();
    if (types.size() != 2) {
      return null;
    }
    if (types.get(0).getType() == Schema.Type.NULL) {
      return types.get(1);
    }
    return types.get(1).getType() == Schema.Type.NULL ? types.get(0) : null;
  }

  private static List<Schema> nonNull(Schema union) {
    return union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
  }
}
