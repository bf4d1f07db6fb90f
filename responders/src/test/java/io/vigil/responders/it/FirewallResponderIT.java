package io.vigil.responders.it;

import static io.vigil.responders.it.StackKafka.anomaly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.analytics.Anomaly;
import io.vigil.common.ThreatClass;
import io.vigil.devstack.StackEndpoints;
import io.vigil.ops.FirewallAudit;
import io.vigil.ops.FirewallAuditOutcome;
import io.vigil.ops.FirewallCommand;
import io.vigil.responders.DecisionsAdmin;
import io.vigil.responders.FirewallResponder;
import io.vigil.responders.RunningComponent;
import io.vigil.responders.firewall.FirewallAction;
import io.vigil.responders.firewall.FirewallConfig;
import io.vigil.responders.firewall.FirewallDecision;
import io.vigil.responders.firewall.FirewallPolicy;
import io.vigil.responders.firewall.FirewallResult;
import io.vigil.responders.firewall.FirewallState;
import io.vigil.responders.firewall.ManualDecision;
import io.vigil.responders.firewall.Scope;
import io.vigil.responders.kafka.DeadLetters;
import io.vigil.responders.kafka.FaultInjection;
import io.vigil.responders.kafka.FirewallHandler.FirewallTopics;
import io.vigil.responders.kafka.FirewallRecords;
import io.vigil.responders.kafka.TransactionalLoop;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The firewall responder on the embedded stack: anomalies in, commands out, exactly once. */
@VigilStack
class FirewallResponderIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Long TTLs and a high cap, so nothing expires or is capped while a test runs. */
  private static final FirewallConfig POLICY =
      FirewallConfig.fromProperties(
          properties(
              "vigil.firewall.max-new-decisions-per-minute=1000",
              "vigil.firewall.escalation.durations=1h,4h,24h",
              "vigil.firewall.max-anomaly-age=1h"));

  private final List<RunningComponent> started = new ArrayList<>();
  private StackKafka kafka;
  private FirewallResponder.Options options;
  private FirewallTopics topics;
  private String name;

  @BeforeEach
  void setUp(StackEndpoints stack, TestInfo info) {
    kafka = new StackKafka(stack);
    name = TestNames.unique(info);
    FirewallResponder.TopicNames names =
        new FirewallResponder.TopicNames(
            name + ".anomalies",
            name + ".requests",
            name + ".commands",
            name + ".decisions",
            name + ".audit");
    options =
        FirewallResponder.Options.defaults()
            .withTopics(names)
            .withIds(name + "-group", name + "-tx")
            .withHttpPort(0)
            .withTickInterval(Duration.ofMillis(200));
    topics = names.resolve(kafka.catalog());
  }

  @AfterEach
  void tearDown() {
    started.forEach(RunningComponent::close);
    kafka.close();
  }

  @Test
  void shouldPublishCommandsDecisionsAuditAndDeadLettersWhenAnomaliesArrive() throws Exception {
    // Given a running responder
    RunningComponent responder = start(options);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    // When two attacks, one weak anomaly, one out-of-range and one undecodable record arrive
    produce(anomaly("a1", "203.0.113.1", ThreatClass.DDOS, 95, 0.9, now));
    produce(anomaly("a2", "203.0.113.2", ThreatClass.CREDENTIAL_STUFFING, 90, 0.9, now));
    produce(anomaly("a3", "203.0.113.3", ThreatClass.DDOS, 10, 0.9, now));
    produce(anomaly("a4", "203.0.113.4", ThreatClass.DDOS, 150, 0.9, now));
    kafka.produceRaw(
        topics.anomalies().name(),
        "203.0.113.5".getBytes(StandardCharsets.UTF_8),
        "not avro".getBytes(StandardCharsets.UTF_8));

    // Then one BLOCK per attacker, on the command and the decisions topic
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(kafka.values(topics.commands())).hasSize(2));
    assertThat(kafka.values(topics.commands()))
        .extracting(FirewallCommand::getTarget, FirewallCommand::getAction)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("203.0.113.1", io.vigil.ops.FirewallAction.BLOCK),
            org.assertj.core.groups.Tuple.tuple("203.0.113.2", io.vigil.ops.FirewallAction.BLOCK));
    assertThat(kafka.readAll(topics.decisions()))
        .extracting(StackKafka.Read::key)
        .containsExactlyInAnyOrder("ip:203.0.113.1", "ip:203.0.113.2");
    // And the weak anomaly is audited, not acted on
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(kafka.values(topics.audit()))
                    .extracting(FirewallAudit::getOutcome)
                    .containsExactlyInAnyOrder(
                        FirewallAuditOutcome.DECIDED,
                        FirewallAuditOutcome.DECIDED,
                        FirewallAuditOutcome.BELOW_THRESHOLD));
    // And both bad records are dead-lettered with their bytes and the error, the loop goes on
    List<ConsumerRecord<byte[], byte[]>> dlq = kafka.readRaw(topics.anomalies().dlq());
    assertThat(dlq).hasSize(2);
    assertThat(dlq)
        .allSatisfy(
            r -> {
              assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC))
                  .isEqualTo(topics.anomalies().name());
              assertThat(DeadLetters.header(r.headers(), DeadLetters.ERROR_CLASS))
                  .isEqualTo("io.vigil.responders.kafka.InvalidRecordException");
              assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_OFFSET)).isNotNull();
            });
    assertThat(
            new String(dlq.get(0).value(), StandardCharsets.UTF_8).contains("not avro")
                || new String(dlq.get(1).value(), StandardCharsets.UTF_8).contains("not avro"))
        .isTrue();
    assertThat(
            dlq.stream()
                .map(r -> DeadLetters.header(r.headers(), DeadLetters.ERROR_MESSAGE))
                .collect(Collectors.joining("\n")))
        .contains("score must be within 0..100");
    assertThat(responder.health().up()).isTrue();

    // And /health and /metrics answer
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health = get(http, responder, "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"activeDecisions\":2");
    HttpResponse<String> metrics = get(http, responder, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("vigil_firewall_decisions_total{action=\"BLOCK\"")
        .contains("vigil_loop_records_total");
  }

  @Test
  void shouldEmitEveryCommandIdExactlyOnceWhenTheResponderCrashesBeforeACommitAndRestarts()
      throws Exception {
    // Given 40 anomalies on 10 addresses, repeats 200 s apart (merges), some scraping (escalation)
    List<Anomaly> anomalies = new ArrayList<>();
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(15));
    for (int j = 0; j < 40; j++) {
      boolean scraping = j % 7 == 3;
      anomalies.add(
          anomaly(
              name + "-a" + j,
              "198.51.100." + (j % 10 + 1),
              scraping ? ThreatClass.SCRAPING : ThreatClass.DDOS,
              scraping ? 70 : 95,
              0.9,
              t0.plusSeconds(20L * j)));
    }
    List<String> expected = expectedCommandIds(anomalies);
    AtomicBoolean crashArmed = new AtomicBoolean(false);
    FaultInjection crash = (transaction, records) -> records > 0 && crashArmed.get();
    RunningComponent first = start(options.withFaults(crash));
    List<String> expectedFirstTen = expectedCommandIds(anomalies.subList(0, 10));
    anomalies.subList(0, 10).forEach(this::produce);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(commandIds()).containsExactlyInAnyOrderElementsOf(expectedFirstTen));

    // When the responder dies after sending the next transaction, before committing it
    crashArmed.set(true);
    anomalies.subList(10, 40).forEach(this::produce);
    await()
        .atMost(WAIT)
        .until(() -> first.health().state().equals(TransactionalLoop.State.HALTED.name()));
    // And a new instance with the same transactional id takes over
    start(options);

    // Then read_committed shows each expected command id exactly once, nothing else
    await().atMost(WAIT).untilAsserted(() -> assertThat(commandIds()).hasSameSizeAs(expected));
    List<String> ids = commandIds();
    assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    // And the crashed transaction did reach the broker: read_uncommitted sees its aborted records
    assertThat(uncommittedCount(topics.commands().name())).isGreaterThan(ids.size());
  }

  @Test
  void shouldRestoreActiveDecisionsWithoutAnyNewCommandWhenRestartedAndInputReplayed() {
    // Given five blocks decided by a first instance
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    RunningComponent first = start(options);
    for (int i = 1; i <= 5; i++) {
      produce(anomaly(name + "-a" + i, "192.0.2." + i, ThreatClass.DDOS, 95, 0.9, now));
    }
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(kafka.values(topics.commands())).hasSize(5));
    first.close();
    started.remove(first);

    // When a new instance starts with another consumer group, so every anomaly is replayed
    RunningComponent second = start(options.withIds(name + "-group2", name + "-tx"));

    // Then it restored the five decisions, treats the replay as duplicates and publishes nothing
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(kafka.values(topics.audit()))
                    .filteredOn(a -> a.getOutcome() == FirewallAuditOutcome.DUPLICATE)
                    .hasSize(5));
    assertThat(second.health().details()).containsEntry("activeDecisions", 5);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> kafka.values(topics.commands()).size() == 5);
  }

  @Test
  void shouldAddListVetoDeleteAndExpireOperatorDecisionsWhenRequestedThroughTheAdmin() {
    // Given a running responder and an admin on its topics
    start(options);
    Duration answer = Duration.ofSeconds(30);
    try (DecisionsAdmin admin =
        DecisionsAdmin.create(kafka.config(), options.topics(), Clock.systemUTC())) {

      // When an operator blocks an address for an hour and rate-limits another for a second
      DecisionsAdmin.Outcome added =
          admin.add(
              new ManualDecision(
                  Scope.IP,
                  "203.0.113.50",
                  FirewallAction.BLOCK,
                  null,
                  Duration.ofHours(1),
                  "abuse report"),
              "alice",
              answer);
      DecisionsAdmin.Outcome shortLived =
          admin.add(
              new ManualDecision(
                  Scope.IP,
                  "203.0.113.51",
                  FirewallAction.RATE_LIMIT,
                  2.0,
                  Duration.ofSeconds(1),
                  "try it"),
              "alice",
              answer);
      DecisionsAdmin.Outcome vetoed =
          admin.add(
              new ManualDecision(
                  Scope.IP, "127.0.0.1", FirewallAction.BLOCK, null, Duration.ofHours(1), "oops"),
              "bob",
              answer);

      // Then the first is applied and listed, the loopback address is vetoed by the allow-list
      assertThat(added.status()).isEqualTo(DecisionsAdmin.Status.APPLIED);
      assertThat(shortLived.status()).isEqualTo(DecisionsAdmin.Status.APPLIED);
      assertThat(vetoed.status()).isEqualTo(DecisionsAdmin.Status.VETOED);
      assertThat(vetoed.rule()).contains("vigil.firewall.allow.cidrs").contains("127.0.0.0/8");
      // And the short-lived one expires: UNBLOCK published, its key deleted from the decisions
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(kafka.values(topics.commands()))
                      .extracting(FirewallCommand::getTarget, FirewallCommand::getAction)
                      .contains(
                          org.assertj.core.groups.Tuple.tuple(
                              "203.0.113.51", io.vigil.ops.FirewallAction.UNBLOCK)));
      List<DecisionsAdmin.ActiveDecision> listed = admin.list();
      assertThat(listed).hasSize(1);
      FirewallDecision d = listed.get(0).decision();
      assertThat(d.target()).isEqualTo("203.0.113.50");
      assertThat(d.id()).isEqualTo(added.decisionId());
      assertThat(listed.get(0).requestedBy()).isEqualTo("alice");
      assertThat(listed.get(0).origin()).isEqualTo(io.vigil.ops.FirewallDecisionOrigin.OPERATOR);
      assertThat(kafka.readAll(topics.decisions()))
          .filteredOn(r -> r.key().equals("ip:203.0.113.51"))
          .last()
          .extracting(StackKafka.Read::value)
          .isNull();

      // When the block is deleted, twice
      DecisionsAdmin.Outcome deleted =
          admin.delete(Scope.IP, "203.0.113.50", "resolved", "alice", answer);
      DecisionsAdmin.Outcome again =
          admin.delete(Scope.IP, "203.0.113.50", "resolved", "alice", answer);

      // Then it is lifted once, and the second delete finds nothing
      assertThat(deleted.status()).isEqualTo(DecisionsAdmin.Status.APPLIED);
      assertThat(again.status()).isEqualTo(DecisionsAdmin.Status.NOT_FOUND);
      assertThat(admin.list()).isEmpty();
    }
  }

  private RunningComponent start(FirewallResponder.Options o) {
    RunningComponent c = FirewallResponder.start(kafka.config(), POLICY, o);
    started.add(c);
    return c;
  }

  private void produce(Anomaly a) {
    kafka.produce(topics.anomalies(), a.getEntity(), a);
  }

  private List<String> commandIds() {
    return kafka.values(topics.commands()).stream().map(FirewallCommand::getCommandId).toList();
  }

  /** The command ids of the pure policy over the anomalies, each evaluated at its occurredAt. */
  private static List<String> expectedCommandIds(List<Anomaly> anomalies) {
    FirewallPolicy policy = new FirewallPolicy(POLICY);
    FirewallState state = FirewallState.empty();
    List<String> ids = new ArrayList<>();
    for (Anomaly a : anomalies) {
      FirewallResult r = policy.apply(state, FirewallRecords.signal(a), a.getOccurredAt());
      r.decisions().forEach(d -> ids.add(d.id()));
      state = r.state();
    }
    return ids;
  }

  private long uncommittedCount(String topic) {
    Map<String, Object> props = new HashMap<>(kafka.config().commonClientProps());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : c.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      c.assign(partitions);
      c.seekToBeginning(partitions);
      long count = 0;
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      Instant deadline = Instant.now().plusSeconds(30);
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
          && Instant.now().isBefore(deadline)) {
        count += c.poll(Duration.ofMillis(100)).count();
      }
      return count;
    }
  }

  private static HttpResponse<String> get(HttpClient http, RunningComponent c, String path)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Properties properties(String... lines) {
    Properties p = new Properties();
    for (String line : lines) {
      int eq = line.indexOf('=');
      p.setProperty(line.substring(0, eq), line.substring(eq + 1));
    }
    return p;
  }
}
