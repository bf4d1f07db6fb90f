package io.vigil.features;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.model.ThreatClass;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.LabelRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulator's ground truth says about one feature window: the one labelling rule shared by
 * training ({@link ModelTrainingPipeline}) and evaluation ({@code io.vigil.features.eval}).
 *
 * <p>Rule: a window of (entity type, entity) is an {@link Status#ATTACK} window of class {@code c}
 * when it overlaps ({@code [start, end)} ranges, overlap &gt; 0 ms) an <em>observable</em> label of
 * the same entity type and entity (the longest overlap wins when several do). It is {@link
 * Status#IGNORED} when it overlaps only labels that are not observable, and {@link Status#NORMAL}
 * otherwise. Observable labels are the {@link LabelRole#SOURCE} labels, except the calling {@code
 * SERVICE} of a lateral movement: the job counts a service's <em>served</em> requests (access logs)
 * and the movement's calls only on the {@code caller->callee} edge, so the caller's own windows do
 * not change at all (the edge label, which is observable, carries the attack). {@link
 * LabelRole#TARGET} labels (victim services whose aggregate traffic changes) are not observable
 * either: a victim is not what the job should flag, yet its windows are not normal traffic; they
 * are neither counted nor trained on.
 */
public final class GroundTruth {

  /** How a window is counted. */
  public enum Status {
    /** No label of the entity overlaps the window. */
    NORMAL,
    /** An observable label of the entity overlaps the window. */
    ATTACK,
    /** Only labels that are not observable overlap the window: not counted, not trained on. */
    IGNORED
  }

  /**
   * The truth of one window.
   *
   * @param status how the window counts
   * @param threatClass the attack class ({@link ThreatClass#NONE} unless {@link Status#ATTACK})
   * @param label the label that decided it (null for {@link Status#NORMAL})
   */
  public record Truth(Status status, ThreatClass threatClass, GroundTruthLabel label) {

    static final Truth NORMAL = new Truth(Status.NORMAL, ThreatClass.NONE, null);

    /** Whether the window is an attack window. */
    public boolean attack() {
      return status == Status.ATTACK;
    }

    /** Whether the window is left out of training and evaluation. */
    public boolean ignored() {
      return status == Status.IGNORED;
    }
  }

  private final Map<String, List<GroundTruthLabel>> byEntity = new HashMap<>();

  /** Indexes {@code labels} by entity. */
  public GroundTruth(List<GroundTruthLabel> labels) {
    for (GroundTruthLabel l : labels) {
      byEntity.computeIfAbsent(key(entityType(l), l.entity()), k -> new ArrayList<>()).add(l);
    }
  }

  /** Whether the job can see {@code label} in the windows of its entity (see the class rule). */
  public static boolean observable(GroundTruthLabel label) {
    if (label.role() != LabelRole.SOURCE) {
      return false;
    }
    return !(label.entityType() == io.vigil.analytics.EntityType.SERVICE
        && label.threatClass() == io.vigil.common.ThreatClass.LATERAL_MOVEMENT);
  }

  /** The class of a label as the models know it. */
  public static ThreatClass threatClass(GroundTruthLabel label) {
    return ThreatClass.valueOf(label.threatClass().name());
  }

  /** The analytics entity type of a label. */
  public static EntityType entityType(GroundTruthLabel label) {
    return EntityType.valueOf(label.entityType().name());
  }

  /** The truth of window {@code v}. */
  public Truth of(FeatureVector v) {
    return of(v.entityType(), v.entity(), v.windowStartMillis(), v.windowEndMillis());
  }

  /** The truth of the window {@code [startMillis, endMillis)} of (type, entity). */
  public Truth of(EntityType type, String entity, long startMillis, long endMillis) {
    List<GroundTruthLabel> labels = byEntity.get(key(type, entity));
    if (labels == null) {
      return Truth.NORMAL;
    }
    GroundTruthLabel best = null;
    long bestOverlap = 0;
    GroundTruthLabel other = null;
    for (GroundTruthLabel l : labels) {
      long overlap =
          Math.min(endMillis, l.end().toEpochMilli())
              - Math.max(startMillis, l.start().toEpochMilli());
      if (overlap <= 0) {
        continue;
      }
      if (observable(l)) {
        if (overlap > bestOverlap) {
          bestOverlap = overlap;
          best = l;
        }
      } else if (other == null) {
        other = l;
      }
    }
    if (best != null) {
      return new Truth(Status.ATTACK, threatClass(best), best);
    }
    if (other != null) {
      return new Truth(Status.IGNORED, ThreatClass.NONE, other);
    }
    return Truth.NORMAL;
  }

  private static String key(EntityType type, String entity) {
    return type.name() + "|" + entity;
  }
}
