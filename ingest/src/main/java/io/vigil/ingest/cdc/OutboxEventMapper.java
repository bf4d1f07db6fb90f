package io.vigil.ingest.cdc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.Header;
import io.vigil.config.VigilConfig;
import io.vigil.ingest.avro.JsonAvroConverter;
import io.vigil.ingest.avro.JsonAvroException;
import io.vigil.ingest.producer.EventFields;
import io.vigil.ingest.topics.EventTopic;
import io.vigil.ingest.topics.EventTopics;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns one outbox row, as routed by Debezium's EventRouter, into the Avro record the rest of Vigil
 * reads — or, when the row cannot be decoded, into a dead-letter record.
 *
 * <p>The outbox row's {@code payload} is the event in natural JSON (as the gateway accepts it) and
 * its {@code type} names the event: for a topic whose schema is an envelope with a union {@code
 * payload} (like {@code OrderEvent}), the type is the union branch, and the record is
 *
 * <pre>{@code
 * {"eventId": <outbox id>, "occurredAt": <occurred_at>, "<key field>": <aggregateid>,
 *  "payload": {"<type>": <payload>}}
 * }</pre>
 *
 * converted with {@link JsonAvroConverter}; for a flat schema the payload is the record itself,
 * with the id, time and key filled in when absent. The Kafka record is keyed by the aggregate id
 * and carries the event id in header {@value #EVENT_ID_HEADER} and the type in {@value
 * #EVENT_TYPE_HEADER}.
 *
 * <p>Rows that do not decode (unknown aggregate type or event type, payload not matching the
 * schema) go to {@code <topic>.dlq} with the aggregate id as key, the raw payload as value and the
 * error in headers ({@value #ERROR_CLASS_HEADER}, {@value #ERROR_MESSAGE_HEADER}, {@value
 * #ERROR_PATH_HEADER}, {@value #SOURCE_HEADER}, {@value #SOURCE_TOPIC_HEADER}). Infrastructure
 * failures (registry unreachable) are thrown instead: the row is not lost, the relay stops.
 */
final class OutboxEventMapper {

  /** Header with the outbox row's id (the event id), set by the EventRouter. */
  static final String EVENT_ID_HEADER = "id";

  /** Header with the outbox row's type. */
  static final String EVENT_TYPE_HEADER = "eventType";

  /** Header with the outbox row's occurred_at. */
  static final String OCCURRED_AT_HEADER = "occurredAt";

  /** Dead-letter header: exception class. */
  static final String ERROR_CLASS_HEADER = "vigil.error.class";

  /** Dead-letter header: what was wrong. */
  static final String ERROR_MESSAGE_HEADER = "vigil.error.message";

  /** Dead-letter header: JSON path of the failing value, when there is one. */
  static final String ERROR_PATH_HEADER = "vigil.error.path";

  /** Dead-letter header: CDC source name. */
  static final String SOURCE_HEADER = "vigil.source";

  /** Dead-letter header: the topic the row was routed to. */
  static final String SOURCE_TOPIC_HEADER = "vigil.source.topic";

  private final ObjectMapper json = JsonAvroConverter.objectMapper();
  private final TopicCatalog catalog;
  private final VigilConfig config;
  private final String topicPrefix;
  private final String source;
  private final Map<String, EventTopic> bound = new ConcurrentHashMap<>();

  OutboxEventMapper(TopicCatalog catalog, VigilConfig config, String topicPrefix, String source) {
    this.catalog = catalog;
    this.config = config;
    this.topicPrefix = topicPrefix;
    this.source = source;
  }

  /** The record to publish for a routed outbox row: the event, or its dead letter. */
  ProducerRecord<byte[], byte[]> map(ChangeEvent<String, String> event) {
    String topic = event.destination();
    String key = text(event.key()).orElse(null);
    Map<String, String> headers = headers(event);
    String eventId = headers.get(EVENT_ID_HEADER);
    String type = headers.get(EVENT_TYPE_HEADER);
    try {
      EventTopic target = bind(topic);
      JsonNode payload = payload(event.value());
      ObjectNode envelope = envelope(target, payload, type, eventId, key, headers);
      GenericRecord record = JsonAvroConverter.toRecord(envelope, target.schema());
      RecordHeaders out = new RecordHeaders();
      if (eventId != null) {
        out.add(EVENT_ID_HEADER, eventId.getBytes(StandardCharsets.UTF_8));
      }
      if (type != null) {
        out.add(EVENT_TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
      }
      return new ProducerRecord<>(topic, null, null, bytes(key), target.serialize(record), out);
    } catch (JsonAvroException e) {
      return deadLetter(topic, key, event.value(), headers, e, e.reason(), e.path());
    } catch (UndecodableRowException | ConfigException e) {
      return deadLetter(topic, key, event.value(), headers, e, e.getMessage(), null);
    }
  }

  private EventTopic bind(String topic) {
    EventTopic existing = bound.get(topic);
    if (existing != null) {
      return existing;
    }
    if (!topic.startsWith(topicPrefix)) {
      throw new UndecodableRowException("Topic " + topic + " lacks the prefix " + topicPrefix);
    }
    String catalogName = topic.substring(topicPrefix.length());
    if (catalog.find(catalogName).isEmpty()) {
      throw new UndecodableRowException(
          "No catalog topic '" + catalogName + "' for this aggregate type (its schema is unknown)");
    }
    EventTopic topicBinding = EventTopics.bind(topic, catalogName, catalog, config);
    bound.put(topic, topicBinding);
    return topicBinding;
  }

  private ObjectNode envelope(
      EventTopic target,
      JsonNode payload,
      String type,
      String eventId,
      String key,
      Map<String, String> headers) {
    Schema schema = target.schema();
    Schema.Field payloadField = schema.getField("payload");
    ObjectNode envelope;
    if (payloadField != null && payloadField.schema().getType() == Schema.Type.UNION) {
      List<String> branches =
          payloadField.schema().getTypes().stream()
              .filter(s -> s.getType() == Schema.Type.RECORD)
              .map(Schema::getName)
              .toList();
      if (type == null || !branches.contains(type)) {
        throw new UndecodableRowException(
            "Unknown event type '" + type + "' for " + target.name() + "; known: " + branches);
      }
      envelope = json.createObjectNode();
      envelope.putObject("payload").set(type, payload);
    } else {
      if (!payload.isObject()) {
        throw new UndecodableRowException("The payload must be a JSON object");
      }
      envelope = (ObjectNode) payload;
    }
    if (eventId != null && !envelope.has(EventFields.EVENT_ID)) {
      envelope.put(EventFields.EVENT_ID, eventId);
    }
    String occurredAt = headers.get(OCCURRED_AT_HEADER);
    if (occurredAt != null && !envelope.has(EventFields.OCCURRED_AT)) {
      envelope.put(EventFields.OCCURRED_AT, occurredAt);
    }
    target
        .keyField()
        .ifPresent(
            field -> {
              if (key != null && !envelope.has(field)) {
                envelope.put(field, key);
              }
            });
    return envelope;
  }

  /** The payload: the EventRouter passes jsonb as a JSON string (or an object when expanded). */
  private JsonNode payload(String value) {
    if (value == null) {
      throw new UndecodableRowException("The outbox row has no payload");
    }
    try {
      JsonNode node = json.readTree(value);
      if (node != null && node.isTextual()) {
        node = json.readTree(node.textValue());
      }
      if (node == null || node.isMissingNode()) {
        throw new UndecodableRowException("The payload is empty");
      }
      return node;
    } catch (JacksonException e) {
      throw new UndecodableRowException("The payload is not JSON: " + e.getOriginalMessage());
    }
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      String topic,
      String key,
      String value,
      Map<String, String> headers,
      Exception error,
      String message,
      String path) {
    RecordHeaders out = new RecordHeaders();
    headers.forEach((k, v) -> out.add(k, v.getBytes(StandardCharsets.UTF_8)));
    out.add(ERROR_CLASS_HEADER, bytes(error.getClass().getName()));
    out.add(ERROR_MESSAGE_HEADER, bytes(message == null ? "" : message));
    if (path != null) {
      out.add(ERROR_PATH_HEADER, bytes(path));
    }
    out.add(SOURCE_HEADER, bytes(source));
    out.add(SOURCE_TOPIC_HEADER, bytes(topic));
    String raw = text(value).orElse(value);
    return new ProducerRecord<>(topic + Topic.DLQ_SUFFIX, null, null, bytes(key), bytes(raw), out);
  }

  /** Header values as text (the JSON converter quotes strings). */
  private Map<String, String> headers(ChangeEvent<String, String> event) {
    List<Header<String>> headers = event.headers();
    if (headers == null) {
      return Map.of();
    }
    return headers.stream()
        .filter(h -> h.getValue() != null)
        .collect(
            Collectors.toMap(
                Header::getKey, h -> text(h.getValue()).orElse(h.getValue()), (a, b) -> b));
  }

  /** A JSON-encoded string as its text; other JSON as written. */
  private Optional<String> text(String jsonValue) {
    if (jsonValue == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = json.readTree(jsonValue);
      if (node == null || node.isNull() || node.isMissingNode()) {
        return Optional.empty();
      }
      return Optional.of(node.isTextual() ? node.textValue() : node.toString());
    } catch (JacksonException e) {
      // Not JSON (a plain string header): the value is the text.
      return Optional.of(jsonValue);
    }
  }

  private static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  /** An outbox row the relay cannot turn into an event; it goes to the dead-letter topic. */
  static final class UndecodableRowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UndecodableRowException(String message) {
      super(message, null, false, false);
    }
  }
}
