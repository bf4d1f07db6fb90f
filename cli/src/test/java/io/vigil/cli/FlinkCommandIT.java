package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.analytics.Anomaly;
import io.vigil.analytics.EntityType;
import io.vigil.common.ThreatClass;
import io.vigil.config.VigilConfig;
import io.vigil.devstack.StackEndpoints;
import io.vigil.flink.runner.FlinkSubmitter;
import io.vigil.flink.runner.LocalFlinkCluster;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.LabelRole;
import io.vigil.simulator.Scenario;
import io.vigil.simulator.Simulator;
import io.vigil.simulator.sink.KafkaSink;
import io.vigil.simulator.sink.SimulatorTopics;
import io.vigil.telemetry.RequestLog;
import io.vigil.testkit.TestNames;
import io.vigil.testkit.VigilStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The acceptance path of a real cluster, driven only through the CLI: a Flink session cluster with
 * its REST endpoint (MiniCluster, as {@code vigil flink cluster} runs it), simulator traffic with a
 * DDoS in the stack's Kafka, then {@code vigil flink submit} of the shaded job jar, anomalies on
 * the output topic, {@code vigil flink list}, {@code vigil flink stop} with a savepoint and {@code
 * vigil flink submit --from-savepoint}: the window that was open at the stop is emitted after the
 * restore, from records read only before it, and nothing is emitted twice.
 */
@VigilStack
class FlinkCommandIT {

  private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
  private static final Duration RUN = Duration.ofSeconds(25);
  private static final long WINDOW_MS = 5_000;
  private static final Instant T_END = T0.plus(RUN);
  private static final String PROBE = "savepoint-probe";
  private static final Pattern SUBMITTED =
      Pattern.compile("anomaly job ([0-9a-f]{32}) RUNNING on ");
  private static final Pattern STOPPED =
      Pattern.compile("stopped ([0-9a-f]{32}) with savepoint (\\S+)");

  private LocalFlinkCluster flink;
  private final List<String> jobs = new ArrayList<>();

  @BeforeEach
  void startCluster() {
    flink =
        LocalFlinkCluster.builder()
            .slotsPerTaskManager(2)
            // A failing job must fail the test, not restart forever.
            .config("restart-strategy.type", "none")
            .start();
  }

  @AfterEach
  void stopCluster() {
    if (flink == null) {
      return;
    }
    FlinkSubmitter rest = new FlinkSubmitter(flink.restUrl());
    for (String job : jobs) {
      try {
        if ("RUNNING".equals(rest.jobState(job))) {
          rest.cancel(job);
        }
      } catch (RuntimeException e) {
        // closing the cluster cancels it anyway
      }
    }
    flink.close();
  }

  @Test
  void shouldDetectStopWithSavepointAndResumeWhenDrivenThroughVigilFlinkCommands(
      StackEndpoints stack, TestInfo info) throws Exception {
    // Given: 25 s of simulator traffic with a DDoS, produced as fast as possible, and one probe
    // request after it that opens a window of its own (still open when the job is stopped)
    String name = TestNames.unique(info);
    VigilConfig config = config(stack);
    SimulatorTopics topics =
        SimulatorTopics.from(TopicCatalog.from(config)).renamed(t -> name + "." + t);
    Topic<String, Anomaly> anomalies =
        rename(TopicCatalog.from(config).anomalies(), name + ".anomalies");
    String models = name + ".models";
    String requestsDlq = topics.requests().name() + ".dlq";
    String spansDlq = topics.spans().name() + ".dlq";
    try (Admin admin = Admin.create(config.adminProps())) {
      topics.createMissing(admin);
      admin
          .createTopics(
              List.of(
                  anomalies.toNewTopic(),
                  new NewTopic(models, 1, (short) 1),
                  new NewTopic(requestsDlq, 1, (short) 1),
                  new NewTopic(spansDlq, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    Simulator simulator =
        Simulator.builder()
            .seed(11)
            .start(T0)
            .duration(RUN)
            .orderRate(0)
            .scenario(
                Scenario.parse(
                    """
                    {"name": "it", "attacks": [{"name": "flood", "class": "ddos",
                      "start": "10s", "duration": "10s", "target": "GET /search"}]}
                    """,
                    "FlinkCommandIT"))
            .build();
    Set<String> botIps =
        simulator.plan().labels().stream()
            .filter(l -> l.threatClass() == ThreatClass.DDOS)
            .filter(l -> l.role() == LabelRole.SOURCE)
            .filter(l -> l.entityType() == EntityType.CLIENT_IP)
            .map(GroundTruthLabel::entity)
            .collect(Collectors.toSet());
    assertThat(botIps).as("DDoS sources in the plan").isNotEmpty();
    try (KafkaSink sink = KafkaSink.create(config, topics)) {
      simulator.run(sink);
    }
    RecordMetadata probe = produce(config, topics.requests(), request(T_END.plusSeconds(1)));
    List<String> jobArgs =
        List.of(
            "--",
            "--topic.requests",
            topics.requests().name(),
            "--topic.spans",
            topics.spans().name(),
            "--topic.metrics",
            topics.metrics().name(),
            "--topic.models",
            models,
            "--topic.anomalies",
            anomalies.name(),
            "--group-id",
            name,
            "--transactional-id-prefix",
            name,
            "--checkpoint-interval-ms",
            "500",
            "--out-of-orderness-ms",
            "1",
            "--idleness-ms",
            "500",
            "--window-ms",
            Long.toString(WINDOW_MS),
            "--min-score",
            "0",
            "--parallelism",
            "1");

    // When: the job jar is submitted through `vigil flink submit`
    Run submitted = cli(stack, jobArgs, "flink", "submit", "--job", "anomaly");

    // Then: it runs, `vigil flink list` shows it, and cold-start anomalies of the bots appear
    assertThat(submitted.code()).as(submitted.toString()).isZero();
    String first = group(SUBMITTED, submitted.out(), 1);
    jobs.add(first);
    assertListed(first, "RUNNING");
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(readCommitted(config, anomalies))
                    .filteredOn(a -> a.getEntityType() == EntityType.CLIENT_IP)
                    .extracting(Anomaly::getEntity)
                    .containsAll(botIps));
    assertThat(readCommitted(config, anomalies))
        .filteredOn(a -> botIps.contains(a.getEntity()))
        .allSatisfy(a -> assertThat(a.getColdStart()).isTrue());

    // When: the probe record is consumed and checkpointed, the job is stopped with a savepoint
    TopicPartition probePartition = new TopicPartition(probe.topic(), probe.partition());
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> committedOffset(config, name, probePartition) > probe.offset());
    Run stopped = cli(null, List.of(), "flink", "stop", "--job-id", first);
    assertThat(stopped.code()).as(stopped.toString()).isZero();
    assertThat(group(STOPPED, stopped.out(), 1)).isEqualTo(first);
    String savepoint = group(STOPPED, stopped.out(), 2);
    assertThat(savepoint).as("savepoint path").isNotBlank();
    assertListed(first, "FINISHED");
    List<Anomaly> beforeRestore = readCommitted(config, anomalies);
    assertThat(beforeRestore)
        .as("the probe's window is still open at the stop")
        .noneMatch(a -> PROBE.equals(a.getEntity()));

    // When: resubmitted from the savepoint and event time moves on
    List<String> restoreArgs = new ArrayList<>(List.of("flink", "submit", "--job", "anomaly"));
    restoreArgs.addAll(List.of("--from-savepoint", savepoint));
    Run resumed = cli(stack, jobArgs, restoreArgs.toArray(String[]::new));
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    String second = group(SUBMITTED, resumed.out(), 1);
    jobs.add(second);
    assertListed(second, "RUNNING");
    produce(config, topics.requests(), closer(T_END.plusSeconds(20)));

    // Then: the probe's window comes out of the restored window state, exactly once, and no
    // window of the first run is emitted again
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(readCommitted(config, anomalies))
                    .filteredOn(a -> PROBE.equals(a.getEntity()))
                    .singleElement()
                    .satisfies(
                        a -> {
                          assertThat(a.getEntityType()).isEqualTo(EntityType.PRINCIPAL);
                          assertThat(a.getWindowStart()).isEqualTo(T_END);
                          assertThat(a.getWindowEnd()).isEqualTo(T_END.plusMillis(WINDOW_MS));
                        }));
    List<Anomaly> all = readCommitted(config, anomalies);
    assertThat(all).extracting(Anomaly::getEventId).doesNotHaveDuplicates();
    assertThat(all)
        .filteredOn(a -> !a.getModelVersion().equals("univariate-ewma"))
        .extracting(
            a ->
                a.getEntityType()
                    + "|"
                    + a.getEntity()
                    + "|"
                    + a.getWindowStart()
                    + "|"
                    + a.getModelVersion())
        .doesNotHaveDuplicates();
    assertThat(all).hasSizeGreaterThan(beforeRestore.size());
  }

  private void assertListed(String jobId, String state) {
    Run list = cli(null, List.of(), "flink", "list");
    assertThat(list.code()).as(list.toString()).isZero();
    assertThat(list.out().lines())
        .as("vigil flink list")
        .anySatisfy(l -> assertThat(l).startsWith(jobId).contains(state));
  }

  /** Runs {@code vigil <args> --rest <cluster> [-b -r <stack>] <jobArgs>} in this JVM. */
  private Run cli(StackEndpoints stack, List<String> jobArgs, String... args) {
    List<String> line = new ArrayList<>(List.of(args));
    line.addAll(List.of("--rest", flink.restUrl()));
    if (stack != null) {
      line.addAll(List.of("-b", stack.bootstrapServers(), "-r", stack.schemaRegistryUrl()));
    }
    line.addAll(jobArgs);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        VigilCli.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(line.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int code, String out, String err) {}

  private static String group(Pattern pattern, String text, int group) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("'%s' in %s", pattern, text).isTrue();
    return m.group(group);
  }

  private static VigilConfig config(StackEndpoints stack) {
    return VigilConfig.load(
        Optional.empty(),
        Map.of(),
        Map.of(
            VigilConfig.KAFKA_BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
            VigilConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()));
  }

  private static <V> Topic<String, V> rename(Topic<String, V> topic, String name) {
    return new Topic<>(
        name,
        topic.partitions(),
        topic.replicationFactor(),
        topic.configs(),
        topic.keySerde(),
        topic.valueSerde());
  }

  private static RecordMetadata produce(
      VigilConfig config, Topic<String, RequestLog> topic, RequestLog log) throws Exception {
    try (KafkaProducer<String, RequestLog> producer =
        new KafkaProducer<>(
            config.producerProps(),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      return producer
          .send(
              new ProducerRecord<>(
                  topic.name(), null, log.getOccurredAt().toEpochMilli(), log.getService(), log))
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** Everything committed on the anomaly topic so far ({@code read_committed}). */
  private static List<Anomaly> readCommitted(VigilConfig config, Topic<String, Anomaly> topic) {
    List<Anomaly> out = new ArrayList<>();
    try (KafkaConsumer<String, Anomaly> consumer =
        new KafkaConsumer<>(
            config.consumerProps("reader-" + UUID.randomUUID()),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
      }
    }
    return out;
  }

  /** Offset the job's consumer group committed on a checkpoint for {@code partition}, or -1. */
  private static long committedOffset(VigilConfig config, String group, TopicPartition partition)
      throws Exception {
    try (Admin admin = Admin.create(config.adminProps())) {
      OffsetAndMetadata committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS)
              .get(partition);
      return committed == null ? -1 : committed.offset();
    }
  }

  /** The probe: the only request of principal {@value #PROBE}, in a window of its own. */
  private static RequestLog request(Instant at) {
    return log(at, PROBE, "203.0.113.99");
  }

  /** A request far enough after the probe to close its window. */
  private static RequestLog closer(Instant at) {
    return log(at, "window-closer", "203.0.113.100");
  }

  private static RequestLog log(Instant at, String principal, String ip) {
    return RequestLog.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(at)
        .setService("checkout")
        .setClientIp(ip)
        .setPrincipal(principal)
        .setMethod("GET")
        .setRoute("/orders/{id}")
        .setPath("/orders/1")
        .setStatus(200)
        .setLatencyMs(15)
        .setBytesOut(900)
        .build();
  }
}
