package io.vigil.responders.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.analytics.Anomaly;
import io.vigil.ops.FirewallCommand;
import io.vigil.ops.FirewallDecisionOrigin;
import io.vigil.responders.firewall.AnomalySignal;
import io.vigil.responders.firewall.DecisionKey;
import io.vigil.responders.firewall.FirewallAction;
import io.vigil.responders.firewall.FirewallAudit;
import io.vigil.responders.firewall.FirewallDecision;
import io.vigil.responders.firewall.FirewallPolicy;
import io.vigil.responders.firewall.FirewallResult;
import io.vigil.responders.firewall.FirewallState;
import io.vigil.responders.firewall.ManualDecision;
import io.vigil.responders.firewall.Scope;
import io.vigil.schemas.catalog.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.pcollections.HashTreePSet;
import org.pcollections.PSet;

/**
 * The firewall responder's logic inside the transactional loop: anomalies and operator requests in,
 * decisions, audit records and decision-topic updates out.
 *
 * <p>Business rules of the wiring (the policy's own rules are in {@link FirewallPolicy}):
 *
 * <ul>
 *   <li><b>Policy time.</b> An anomaly is evaluated at its {@code occurredAt} (detection time), an
 *       operator request at its {@code occurredAt}, so replaying the same input after a crash
 *       reproduces the same decisions and ids. Two exceptions use the wall clock instead: an
 *       anomaly whose window already ended more than {@code max-anomaly-age} ago by the wall clock
 *       (after an outage: audited STALE rather than acted on), and a time in the future of the wall
 *       clock (clamped). Expiry ticks run at the wall clock.
 *   <li><b>Every decision is published twice, in the same transaction</b>: to the command topic
 *       (key target) for the actuators and to the compacted decisions topic (key {@code
 *       scope:target}), the latest per target, from which a restart restores the state. When a
 *       target drops out of the state (no active decision, no offence within the look-back), its
 *       key is deleted from the decisions topic (tombstone).
 *   <li><b>Every policy audit is published</b> to the audit topic; audits answering an operator
 *       request carry its id. A request the policy cannot take (malformed target, missing TTL) gets
 *       a REJECTED audit.
 *   <li>A record that does not decode or whose anomaly the policy cannot take (rejected by {@link
 *       AnomalySignal}'s constructor) is invalid and goes to the dead-letter queue.
 * </ul>
 */
public final class FirewallHandler implements LoopHandler {

  /**
   * The topics of the firewall responder.
   *
   * @param anomalies input: anomalies
   * @param requests input: operator requests
   * @param commands output: commands for the actuators, key target
   * @param decisions output: latest decision per target (compacted), key scope:target
   * @param audit output: audit records
   */
  public record FirewallTopics(
      Topic<String, Anomaly> anomalies,
      Topic<String, FirewallCommand> requests,
      Topic<String, FirewallCommand> commands,
      Topic<String, FirewallCommand> decisions,
      Topic<String, io.vigil.ops.FirewallAudit> audit) {

    public FirewallTopics {
      Objects.requireNonNull(anomalies, "anomalies");
      Objects.requireNonNull(requests, "requests");
      Objects.requireNonNull(commands, "commands");
      Objects.requireNonNull(decisions, "decisions");
      Objects.requireNonNull(audit, "audit");
    }

    /** Every topic. */
    public List<Topic<?, ?>> all() {
      return List.of(anomalies, requests, commands, decisions, audit);
    }
  }

  private final FirewallPolicy policy;
  private final FirewallTopics topics;
  private final Clock clock;
  private final MeterRegistry meters;
  private final AtomicInteger activeGauge;
  private final List<Runnable> pendingMeters = new ArrayList<>();
  private volatile FirewallState committed = FirewallState.empty();
  private FirewallState working = FirewallState.empty();
  // Forgotten targets get their decisions-topic key deleted by a sweep that runs once per tick
  // (it compares whole key sets, too costly per anomaly): the state at the last sweep plus the
  // keys written since, each as committed and as in the open transaction.
  private FirewallState sweptCommitted = FirewallState.empty();
  private FirewallState swept = FirewallState.empty();
  private PSet<DecisionKey> writtenCommitted = HashTreePSet.empty();
  private PSet<DecisionKey> written = HashTreePSet.empty();

  /**
   * @param meters where decisions and audits are counted once their transaction committed
   */
  public FirewallHandler(
      FirewallPolicy policy, FirewallTopics topics, Clock clock, MeterRegistry meters) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.activeGauge = meters.gauge("vigil.firewall.active.decisions", new AtomicInteger());
  }

  /** Sets the committed state, before the loop starts (restore from the decisions topic). */
  public void restore(FirewallState state) {
    committed = Objects.requireNonNull(state, "state");
    working = state;
    sweptCommitted = state;
    swept = state;
    activeGauge.set(state.active().size());
  }

  /** The committed state: what the committed outputs say. */
  public FirewallState state() {
    return committed;
  }

  @Override
  public void begin() {
    working = committed;
    swept = sweptCommitted;
    written = writtenCommitted;
    pendingMeters.clear();
  }

  @Override
  public void onRecord(ConsumerRecord<byte[], byte[]> record, Emitter out) {
    if (record.topic().equals(topics.anomalies().name())) {
      onAnomaly(record, out);
    } else if (record.topic().equals(topics.requests().name())) {
      onRequest(record, out);
    } else {
      throw new InvalidRecordException(
          "unexpected topic " + record.topic(), new IllegalArgumentException(record.topic()));
    }
  }

  @Override
  public void onTick(Instant now, Emitter out) {
    publish(policy.tick(working, now), FirewallDecisionOrigin.POLICY, null, null, out);
    for (DecisionKey gone : forgotten()) {
      out.send(topics.decisions(), FirewallRecords.key(gone), null);
    }
    swept = working;
    written = HashTreePSet.empty();
  }

  @Override
  public void committed() {
    committed = working;
    sweptCommitted = swept;
    writtenCommitted = written;
    pendingMeters.forEach(Runnable::run);
    pendingMeters.clear();
    activeGauge.set(committed.active().size());
  }

  @Override
  public void aborted() {
    working = committed;
    swept = sweptCommitted;
    written = writtenCommitted;
    pendingMeters.clear();
  }

  private void onAnomaly(ConsumerRecord<byte[], byte[]> record, Emitter out) {
    Anomaly anomaly = Decoder.value(topics.anomalies(), record);
    AnomalySignal signal;
    try {
      signal = FirewallRecords.signal(anomaly);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRecordException("anomaly rejected: " + e.getMessage(), e);
    }
    Instant wall = wallClock();
    Instant now =
        signal.windowEnd().isBefore(wall.minus(policy.config().maxAnomalyAge()))
            ? wall
            : earlier(anomaly.getOccurredAt(), wall);
    publish(policy.apply(working, signal, now), FirewallDecisionOrigin.POLICY, null, null, out);
  }

  private void onRequest(ConsumerRecord<byte[], byte[]> record, Emitter out) {
    FirewallCommand request = Decoder.value(topics.requests(), record);
    Instant now = earlier(request.getOccurredAt(), wallClock());
    String requestId = request.getEventId();
    String requestedBy = request.getRequestedBy() == null ? "unknown" : request.getRequestedBy();
    FirewallResult result;
    try {
      Scope scope = FirewallRecords.scope(request.getScope());
      FirewallAction action = FirewallRecords.action(request.getAction());
      if (action.isEnforcing()) {
        if (request.getTtlMs() == null) {
          throw new IllegalArgumentException("a request to add a decision needs ttlMs");
        }
        ManualDecision manual =
            new ManualDecision(
                scope,
                request.getTarget(),
                action,
                request.getRate(),
                Duration.ofMillis(request.getTtlMs()),
                request.getReason());
        result = policy.add(working, manual, now);
      } else {
        result = policy.delete(working, scope, request.getTarget(), request.getReason(), now);
      }
    } catch (IllegalArgumentException e) {
      String target =
          String.valueOf(request.getScope()).toLowerCase(java.util.Locale.ROOT)
              + ":"
              + request.getTarget();
      out.send(
          topics.audit(),
          target,
          FirewallRecords.rejected(
              now,
              target,
              requestId,
              "request by " + requestedBy + " rejected: " + e.getMessage()));
      pendingMeters.add(() -> count("REJECTED"));
      return;
    }
    publish(result, FirewallDecisionOrigin.OPERATOR, requestedBy, requestId, out);
  }

  /** Emits a step's decisions, audits and tombstones, then adopts its state. */
  private void publish(
      FirewallResult result,
      FirewallDecisionOrigin origin,
      String requestedBy,
      String requestId,
      Emitter out) {
    for (FirewallDecision d : result.decisions()) {
      FirewallCommand command = FirewallRecords.command(d, origin, requestedBy);
      out.send(topics.commands(), d.target(), command);
      out.send(topics.decisions(), FirewallRecords.key(d.key()), command);
      written = written.plus(d.key());
      pendingMeters.add(
          () ->
              meters
                  .counter(
                      "vigil.firewall.decisions",
                      "action",
                      d.action().name(),
                      "kind",
                      d.kind().name(),
                      "enforced",
                      Boolean.toString(d.enforced()))
                  .increment());
    }
    for (FirewallAudit a : result.audits()) {
      String key = a.key() != null ? FirewallRecords.key(a.key()) : a.anomalyId();
      out.send(topics.audit(), key, FirewallRecords.audit(a, requestId));
      pendingMeters.add(() -> count(a.outcome().name()));
    }
    working = result.state();
  }

  /** Targets known at the last sweep or written since, and not known now. */
  private Set<DecisionKey> forgotten() {
    Set<DecisionKey> gone = new HashSet<>(swept.history().keySet());
    gone.addAll(swept.active().keySet());
    gone.addAll(written);
    gone.removeIf(k -> working.history().containsKey(k) || working.active().containsKey(k));
    return gone;
  }

  private void count(String outcome) {
    meters.counter("vigil.firewall.audits", "outcome", outcome).increment();
  }

  private Instant wallClock() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isAfter(b) ? b : a;
  }
}
