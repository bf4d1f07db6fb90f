package io.vigil.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.analytics.Anomaly;
import io.vigil.analytics.EntityType;
import io.vigil.common.ThreatClass;
import io.vigil.config.VigilConfig;
import io.vigil.responders.FirewallResponder;
import io.vigil.responders.RunningComponent;
import io.vigil.responders.firewall.FirewallConfig;
import io.vigil.responders.kafka.Emitter;
import io.vigil.responders.kafka.FaultInjection;
import io.vigil.responders.kafka.LoopHandler;
import io.vigil.responders.kafka.Topics;
import io.vigil.responders.kafka.TransactionalLoop;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;

/**
 * {@code vigil bench responders}: anomalies/s in and commands/s out through the {@link
 * FirewallResponder}, against a pass-through {@link TransactionalLoop} that copies the same records
 * byte for byte to another topic, in one run on one cluster.
 *
 * <p>The anomalies are produced once, before either side starts, to a fresh topic; each side then
 * consumes all of them with its own consumer group and is timed from its start until its committed
 * offsets reach the input's end offsets. Topics, groups and transactional ids are unique per run.
 */
public final class ResponderBenchmark implements Benchmark {

  /** Name on the command line. */
  public static final String NAME = "responders";

  /** Responder anomalies/s ÷ pass-through records/s the benchmark aims at. */
  public static final double TARGET = 0.5;

  /** Label of the reference row. */
  public static final String PASS_THROUGH_ROW = "pass-through loop";

  /** Label of the measured row. */
  public static final String RESPONDER_ROW = "firewall responder";

  /** Table columns. */
  public static final List<String> COLUMNS =
      List.of("anomalies in", "seconds", "anomalies/s in", "records out", "records/s out");

  /** Anomalies produced per second of {@code duration} (the input is sized, not the time). */
  static final int ANOMALIES_PER_SECOND = 5_000;

  static final int MIN_ANOMALIES = 2_000;
  static final int MAX_ANOMALIES = 200_000;

  /** Highest blast-radius cap the firewall config accepts; distinct targets stay below it. */
  static final int CAP = 100_000;

  /**
   * Distinct targets at most. A policy step is O(log n) in the active decisions (persistent maps;
   * when each step still copied the maps, 7,500 targets brought the responder down to about 65
   * anomalies/s), so the run keeps up to ten thousand decisions active to show it.
   */
  static final int MAX_TARGETS = 10_000;

  private static final Duration MIN_TIMEOUT = Duration.ofMinutes(2);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public BenchResult run(VigilConfig cluster, Duration duration) throws Exception {
    String run = "bench-responders-" + UUID.randomUUID().toString().substring(0, 8);
    TopicCatalog catalog = TopicCatalog.from(cluster);
    Topic<String, Anomaly> input = Topics.renamed(catalog.anomalies(), run + ".anomalies");
    Topic<byte[], byte[]> copy =
        new Topic<>(
            run + ".copy",
            input.partitions(),
            input.replicationFactor(),
            Map.of(),
            Serdes.ByteArray(),
            Serdes.ByteArray());
    Topics.ensure(cluster.adminProps(), List.of(input, copy), List.of(input), true);

    int anomalies = anomalies(duration);
    int targets = targets(anomalies);
    produce(cluster, input, anomalies, targets, Instant.now());
    Duration timeout = timeout(duration);

    Side reference;
    try (Admin admin = Admin.create(cluster.adminProps())) {
      Map<TopicPartition, Long> end = endOffsets(admin, input.name());
      reference = passThrough(cluster, admin, run, input, copy, end, timeout);
      reference = reference.withOut(countCommitted(cluster, copy.name()));
      Side responder = firewall(cluster, admin, run, input, end, timeout);
      responder = responder.withOut(countCommitted(cluster, run + ".commands"));

      Map<String, List<Double>> rows = new LinkedHashMap<>();
      rows.put(PASS_THROUGH_ROW, reference.row(anomalies));
      rows.put(RESPONDER_ROW, responder.row(anomalies));
      double ratio = responder.inRate(anomalies) / reference.inRate(anomalies);

      Map<String, String> notes = new LinkedHashMap<>();
      notes.put(
          "input",
          String.format(
              Locale.ROOT,
              "%d anomalies (%d per second of --duration, %d..%d) on %d partitions of %s,"
                  + " produced before either side starts",
              anomalies,
              ANOMALIES_PER_SECOND,
              MIN_ANOMALIES,
              MAX_ANOMALIES,
              input.partitions(),
              input.name()));
      notes.put(
          "mix",
          targets
              + " distinct client IPs in 198.18.0.0/15 (at most "
              + MAX_TARGETS
              + "; a policy step is O(log n) in the active decisions),"
              + " anomalies spread round-robin over them; classes cycle"
              + " ddos (score 90), credential_stuffing (85), scraping (70, rate limit) and a ddos"
              + " below its min-score (no decision): NEW decisions, merges (absorbed or"
              + " escalated) and no-ops");
      notes.put(
          "firewall config",
          "vigil.firewall.max-new-decisions-per-minute="
              + CAP
              + " (default 20; raised so the blast-radius cap does not throttle the run: all"
              + " anomalies share one detection minute and every target's first anomaly is a NEW"
              + " decision), other keys at their defaults");
      notes.put(
          "records out",
          "pass-through: records copied; responder: commands on the command topic (each decision"
              + " is also written to the compacted decisions topic, and audits to the audit topic,"
              + " in the same transaction: not counted)");
      notes.put(
          "timing",
          "each side from its start (client creation, fencing, for the responder also topic"
              + " checks and state restore from an empty decisions topic) until its committed"
              + " offsets reach the input's end offsets; pass-through runs first (cold JVM)");
      notes.put(
          "target",
          "≥ "
              + TARGET
              + ": both sides pay the same transactional consume-produce loop (poll, send,"
              + " sendOffsetsToTransaction, commit per poll); the responder adds Avro decode of"
              + " each anomaly, a policy step on an immutable state and Avro encode of up to three"
              + " outputs per anomaly (command, decision, audit), so it may cost up to about as"
              + " much again as the loop itself, not more");
      notes.put("run id", run);
      return new BenchResult(
          NAME,
          COLUMNS,
          rows,
          ratio,
          TARGET,
          "firewall responder anomalies/s ÷ pass-through loop records/s",
          notes);
    }
  }

  static int anomalies(Duration duration) {
    long n = Math.max(1, duration.toSeconds()) * (long) ANOMALIES_PER_SECOND;
    return (int) Math.min(MAX_ANOMALIES, Math.max(MIN_ANOMALIES, n));
  }

  static int targets(int anomalies) {
    return Math.max(1, Math.min(MAX_TARGETS, anomalies / 2));
  }

  private static Duration timeout(Duration duration) {
    Duration scaled = duration.multipliedBy(30);
    return scaled.compareTo(MIN_TIMEOUT) > 0 ? scaled : MIN_TIMEOUT;
  }

  /** The {@code i}-th anomaly: target {@code i % targets}, class and score cycling. */
  static Anomaly anomaly(String run, int i, int targets, Instant at) {
    int t = i % targets;
    String ip = "198." + (18 + (t >> 16)) + "." + ((t >> 8) & 0xff) + "." + (t & 0xff);
    ThreatClass threatClass;
    double score;
    switch (i % 4) {
      case 0 -> {
        threatClass = ThreatClass.DDOS;
        score = 90;
      }
      case 1 -> {
        threatClass = ThreatClass.CREDENTIAL_STUFFING;
        score = 85;
      }
      case 2 -> {
        threatClass = ThreatClass.SCRAPING;
        score = 70;
      }
      default -> {
        threatClass = ThreatClass.DDOS;
        score = 30;
      }
    }
    return Anomaly.newBuilder()
        .setEventId(UUID.nameUUIDFromBytes((run + ":" + i).getBytes()).toString())
        .setOccurredAt(at)
        .setEntityType(EntityType.CLIENT_IP)
        .setEntity(ip)
        .setScore(score)
        .setThreatClass(threatClass)
        .setConfidence(0.9)
        .setModelVersion("bench@1")
        .setWindowStart(at.minusSeconds(11))
        .setWindowEnd(at.minusSeconds(1))
        .build();
  }

  private static void produce(
      VigilConfig cluster, Topic<String, Anomaly> topic, int n, int targets, Instant at) {
    Map<String, Object> props = new HashMap<>(cluster.producerProps());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    String run = topic.name();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) {
        Anomaly a = anomaly(run, i, targets, at);
        producer.send(
            new ProducerRecord<>(
                topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), a.getEntity()),
                topic.valueSerde().serializer().serialize(topic.name(), a)));
      }
      producer.flush();
    }
  }

  private static Side passThrough(
      VigilConfig cluster,
      Admin admin,
      String run,
      Topic<String, Anomaly> input,
      Topic<byte[], byte[]> copy,
      Map<TopicPartition, Long> end,
      Duration timeout)
      throws Exception {
    String group = run + ".pass-through";
    Map<String, Object> producer = new HashMap<>(cluster.producerProps());
    producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group);
    long start = System.nanoTime();
    try (TransactionalLoop loop =
        new TransactionalLoop(
            new TransactionalLoop.Settings(
                "bench-pass-through",
                producer,
                cluster.consumerProps(group),
                List.of(input.name()),
                Duration.ofSeconds(1),
                Clock.systemUTC(),
                FaultInjection.NONE),
            new CopyHandler(copy),
            new SimpleMeterRegistry())) {
      loop.initTransactions();
      loop.start();
      awaitCommitted(admin, group, end, timeout, loop::failure, "pass-through loop");
      return new Side(System.nanoTime() - start, 0);
    }
  }

  private static Side firewall(
      VigilConfig cluster,
      Admin admin,
      String run,
      Topic<String, Anomaly> input,
      Map<TopicPartition, Long> end,
      Duration timeout)
      throws Exception {
    String group = run + ".firewall";
    Properties policy = new Properties();
    policy.setProperty("vigil.firewall.max-new-decisions-per-minute", Integer.toString(CAP));
    FirewallConfig config = FirewallConfig.fromProperties(policy);
    FirewallResponder.Options defaults = FirewallResponder.Options.defaults();
    FirewallResponder.Options options =
        new FirewallResponder.Options(
            group,
            group,
            new FirewallResponder.TopicNames(
                input.name(),
                run + ".requests",
                run + ".commands",
                run + ".decisions",
                run + ".audit"),
            defaults.tickInterval(),
            true,
            defaults.httpHost(),
            -1,
            Clock.systemUTC(),
            FaultInjection.NONE);
    long start = System.nanoTime();
    try (RunningComponent responder = FirewallResponder.start(cluster, config, options)) {
      awaitCommitted(admin, group, end, timeout, responder::failure, "firewall responder");
      return new Side(System.nanoTime() - start, 0);
    }
  }

  /** Waits until the group's committed offsets reach {@code end} on every partition. */
  private static void awaitCommitted(
      Admin admin,
      String group,
      Map<TopicPartition, Long> end,
      Duration timeout,
      Supplier<Optional<Throwable>> failure,
      String what)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Throwable> failed = failure.get();
      if (failed.isPresent()) {
        throw new IllegalStateException(what + " failed", failed.get());
      }
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      boolean done = true;
      for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        if (e.getValue() > 0 && (c == null || c.offset() < e.getValue())) {
          done = false;
          break;
        }
      }
      if (done) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            what + " did not consume its input within " + timeout + ": " + committed + " < " + end);
      }
      Thread.sleep(20);
    }
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
    int partitions =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> end = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e :
        admin.listOffsets(request).all().get().entrySet()) {
      end.put(e.getKey(), e.getValue().offset());
    }
    return end;
  }

  /** Committed records of a topic (read_committed, transaction markers not counted). */
  private static long countCommitted(VigilConfig cluster, String topic) {
    Map<String, Object> props = new HashMap<>(cluster.commonClientProps());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      long count = 0;
      while (!atEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read " + topic + " to its end " + end);
        }
        for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(200))) {
          count++;
        }
      }
      return count;
    }
  }

  private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** One measured side: elapsed time and records out. */
  private record Side(long nanos, long out) {
    Side withOut(long records) {
      return new Side(nanos, records);
    }

    double seconds() {
      return nanos / 1e9;
    }

    double inRate(int in) {
      return in / seconds();
    }

    List<Double> row(int in) {
      return List.of((double) in, seconds(), inRate(in), (double) out, out / seconds());
    }
  }

  /** The reference: copies every record's key and value bytes to the output topic. */
  static final class CopyHandler implements LoopHandler {
    private final Topic<byte[], byte[]> out;

    CopyHandler(Topic<byte[], byte[]> out) {
      this.out = out;
    }

    @Override
    public void begin() {}

    @Override
    public void onRecord(ConsumerRecord<byte[], byte[]> record, Emitter emitter) {
      emitter.send(out, record.key(), record.value());
    }

    @Override
    public void onTick(Instant now, Emitter emitter) {}

    @Override
    public void committed() {}

    @Override
    public void aborted() {}
  }
}
