package io.vigil.ingest.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderPlaced;
import io.vigil.schemas.AvroClassTrust;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.Span;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

class JsonAvroConverterTest {

  private static final ObjectMapper JSON = JsonAvroConverter.objectMapper();
  private static final String PLACED =
      """
      {"eventId": "6a1f7c1e-6f4e-4c8a-9a53-0e5b5f0c9d11",
       "occurredAt": "2026-11-23T10:00:00.250+01:00",
       "orderId": "o-1",
       "payload": {"customerId": "c-9",
                   "lines": [{"sku": "A", "quantity": 2, "unitPrice": "9.99"},
                             {"sku": "B", "quantity": 1, "unitPrice": 0.5}],
                   "total": 20.48,
                   "currency": "EUR"}}
      """;

  @Test
  void shouldConvertNaturalJsonWhenUnionsDecimalsAndTimestampsArePlain() throws Exception {
    GenericRecord record = JsonAvroConverter.toRecord(json(PLACED), OrderEvent.getClassSchema());

    // The generic record reads back as the generated class with the exact values
    OrderEvent event = asSpecific(record);
    assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-23T09:00:00.250Z"));
    assertThat(event.getPayload()).isInstanceOf(OrderPlaced.class);
    OrderPlaced placed = (OrderPlaced) event.getPayload();
    assertThat(placed.getTotal()).isEqualByComparingTo("20.48");
    assertThat(placed.getLines().get(1).getUnitPrice()).isEqualByComparingTo("0.50");
    assertThat(placed.getLines().get(0).getQuantity()).isEqualTo(2);
  }

  @Test
  void shouldPickTheNamedBranchWhenTheAvroWrapperIsUsed() throws Exception {
    JsonNode node =
        json(
            """
            {"eventId": "e", "occurredAt": 1700000000000, "orderId": "o-1",
             "payload": {"io.vigil.orders.OrderCancelled": {"reason": "customer"}}}
            """);

    GenericRecord record = JsonAvroConverter.toRecord(node, OrderEvent.getClassSchema());

    GenericRecord payload = (GenericRecord) record.get("payload");
    assertThat(payload.getSchema().getName()).isEqualTo("OrderCancelled");
    assertThat(payload.get("sagaId")).isNull();
    assertThat(record.get("occurredAt")).isEqualTo(1700000000000L);
  }

  @Test
  void shouldReportTheDeepestPathWhenANestedValueIsWrong() throws Exception {
    JsonNode node = json(PLACED.replace("\"quantity\": 1", "\"quantity\": \"one\""));

    assertThatThrownBy(() -> JsonAvroConverter.toRecord(node, OrderEvent.getClassSchema()))
        .isInstanceOfSatisfying(
            JsonAvroException.class,
            e -> {
              assertThat(e.path()).isEqualTo("$.payload.lines[1].quantity");
              assertThat(e.reason()).contains("expected an integer", "a string");
            });
  }

  @Test
  void shouldRejectTheValueWhenADecimalHasTooManyPlaces() throws Exception {
    JsonNode node = json(PLACED.replace("\"9.99\"", "\"9.999\""));

    assertThatThrownBy(() -> JsonAvroConverter.toRecord(node, OrderEvent.getClassSchema()))
        .isInstanceOfSatisfying(
            JsonAvroException.class,
            e -> {
              assertThat(e.path()).isEqualTo("$.payload.lines[0].unitPrice");
              assertThat(e.reason()).contains("more than 2 decimal places");
            });
  }

  @Test
  void shouldNameTheFieldWhenItIsMissingOrUnknown() throws Exception {
    JsonNode missing = json(PLACED.replace("\"orderId\": \"o-1\",", ""));
    JsonNode unknown = json(PLACED.replace("\"orderId\": \"o-1\",", "\"orderID\": \"o-1\","));

    assertThatThrownBy(() -> JsonAvroConverter.toRecord(missing, OrderEvent.getClassSchema()))
        .isInstanceOfSatisfying(
            JsonAvroException.class,
            e -> {
              assertThat(e.path()).isEqualTo("$.orderId");
              assertThat(e.reason()).contains("required field is missing");
            });
    assertThatThrownBy(() -> JsonAvroConverter.toRecord(unknown, OrderEvent.getClassSchema()))
        .isInstanceOfSatisfying(
            JsonAvroException.class, e -> assertThat(e.path()).isEqualTo("$.orderId"));
  }

  @Test
  void shouldFillDefaultsAndAcceptEnumsByNameWhenFieldsAreOmitted() throws Exception {
    JsonNode node =
        json(
            """
            {"eventId": "e", "occurredAt": "2026-11-23T10:00:00Z", "service": "cart",
             "name": "queue.depth", "type": "gauge", "value": 3,
             "attributes": {"queue name": "q1"}}
            """);

    GenericRecord record = JsonAvroConverter.toRecord(node, MetricPoint.getClassSchema());

    assertThat(record.get("type").toString()).isEqualTo("GAUGE");
    assertThat(record.get("unit")).hasToString("");
    assertThat(record.get("serviceInstance")).isNull();
    assertThat(record.get("value")).isEqualTo(3.0);
    assertThat(((java.util.Map<?, ?>) record.get("attributes")).get("queue name")).isEqualTo("q1");
  }

  @Test
  void shouldRejectAnUnknownEnumSymbolWithTheAllowedOnes() throws Exception {
    JsonNode node =
        json(
            """
            {"eventId": "e", "occurredAt": 1, "service": "cart", "name": "n",
             "type": "METER", "value": 3}
            """);

    assertThatThrownBy(() -> JsonAvroConverter.toRecord(node, MetricPoint.getClassSchema()))
        .isInstanceOfSatisfying(
            JsonAvroException.class,
            e -> {
              assertThat(e.path()).isEqualTo("$.type");
              assertThat(e.reason()).contains("GAUGE", "COUNTER");
            });
  }

  @Test
  void shouldQuoteMapKeysInThePathWhenTheyAreNotIdentifiers() throws Exception {
    JsonNode node =
        json(
            """
            {"eventId": "e", "occurredAt": 1, "service": "cart", "name": "n",
             "value": 3, "attributes": {"http.route": 5}}
            """);

    assertThatThrownBy(() -> JsonAvroConverter.toRecord(node, MetricPoint.getClassSchema()))
        .isInstanceOfSatisfying(
            JsonAvroException.class,
            e -> assertThat(e.path()).isEqualTo("$.attributes['http.route']"));
  }

  @Test
  void shouldConvertMicrosTimestampsWhenGivenAsIsoStrings() throws Exception {
    JsonNode node =
        json(
            """
            {"eventId": "e", "occurredAt": 1, "traceId": "t", "spanId": "s", "service": "a",
             "name": "GET /", "kind": "SERVER", "startTime": "2026-11-23T10:00:00.000123Z",
             "endTime": 1795428000000456, "status": "OK"}
            """);

    GenericRecord record = JsonAvroConverter.toRecord(node, Span.getClassSchema());

    long expected = Instant.parse("2026-11-23T10:00:00Z").getEpochSecond() * 1_000_000L + 123L;
    assertThat(record.get("startTime")).isEqualTo(expected);
    assertThat(record.get("endTime")).isEqualTo(1795428000000456L);
  }

  @Test
  void shouldAcceptLongsAsStringsAndRejectFractionsForInts() throws Exception {
    Schema schema =
        SchemaBuilder.record("R").fields().requiredLong("big").requiredInt("small").endRecord();

    GenericRecord ok =
        JsonAvroConverter.toRecord(json("{\"big\": \"9007199254740993\", \"small\": 4.0}"), schema);

    assertThat(ok.get("big")).isEqualTo(9007199254740993L);
    assertThat(ok.get("small")).isEqualTo(4);
    assertThatThrownBy(
            () -> JsonAvroConverter.toRecord(json("{\"big\": 1, \"small\": 4.5}"), schema))
        .isInstanceOfSatisfying(
            JsonAvroException.class, e -> assertThat(e.path()).isEqualTo("$.small"));
    assertThatThrownBy(
            () -> JsonAvroConverter.toRecord(json("{\"big\": 1, \"small\": 3000000000}"), schema))
        .isInstanceOfSatisfying(
            JsonAvroException.class, e -> assertThat(e.reason()).contains("out of range"));
  }

  @Test
  void shouldEncodeDecimalsLikeAvroWhenTheSchemaUsesFixed() throws Exception {
    Schema fixed = Schema.createFixed("Money", null, "t", 8);
    LogicalTypes.decimal(12, 3).addToSchema(fixed);

    Object value = JsonAvroConverter.toAvro(json("\"-12.5\""), fixed);

    BigDecimal back =
        new Conversions.DecimalConversion()
            .fromFixed((GenericData.Fixed) value, fixed, fixed.getLogicalType());
    assertThat(back).isEqualByComparingTo("-12.500");
  }

  @Test
  void shouldEncodeBytesFromBase64() throws Exception {
    Object value = JsonAvroConverter.toAvro(json("\"AQID\""), Schema.create(Schema.Type.BYTES));

    assertThat(((ByteBuffer) value).array()).containsExactly(1, 2, 3);
  }

  /** Writes the generic record as Avro binary and reads it as the generated class. */
  private static OrderEvent asSpecific(GenericRecord record) throws Exception {
    AvroClassTrust.install();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return new SpecificDatumReader<>(OrderEvent.class)
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
