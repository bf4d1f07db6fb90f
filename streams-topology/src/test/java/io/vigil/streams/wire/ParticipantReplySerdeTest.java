package io.vigil.streams.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.saga.Participant;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class ParticipantReplySerdeTest {

  @Test
  void shouldRoundTripAReplyThroughTheSagaReplySchema() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    ParticipantReplySerde serde = new ParticipantReplySerde(registry, Map.of());
    ParticipantReply reply =
        new ParticipantReply(
            "e-1",
            Instant.ofEpochMilli(1_700_000_000_123L),
            "order-1:authorize-payment:2",
            "order-1",
            "order-1",
            Participant.PAYMENT,
            false,
            "payment declined by the gateway",
            true);

    byte[] bytes = serde.serializer().serialize("saga.replies", reply);

    assertThat(serde.deserializer().deserialize("saga.replies", bytes)).isEqualTo(reply);
    Schema registered = registry.latestVersion("saga.replies-value").avroSchema();
    assertThat(registered.getFullName()).isEqualTo("io.vigil.saga.SagaReply");
    assertThat(registered.getField("outcome").schema().getFullName())
        .isEqualTo("io.vigil.saga.ReplyOutcome");
  }
}
