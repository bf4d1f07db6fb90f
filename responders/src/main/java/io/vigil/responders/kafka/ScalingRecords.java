package io.vigil.responders.kafka;

import io.vigil.analytics.LoadForecast;
import io.vigil.ops.ScalingCommand;
import io.vigil.responders.scaling.ForecastPoint;
import io.vigil.responders.scaling.ForecastSignal;
import io.vigil.responders.scaling.ScalingDecision;
import java.util.ArrayList;
import java.util.List;

/** Maps the scaling responder's Avro records to and from the scaling policy's records. */
public final class ScalingRecords {

  private ScalingRecords() {}

  /**
   * The policy's view of a forecast.
   *
   * @throws IllegalArgumentException if the points are not in strictly increasing time or carry
   *     negative or non-finite values
   */
  public static ForecastSignal forecast(LoadForecast f) {
    List<ForecastPoint> points = new ArrayList<>();
    for (io.vigil.analytics.ForecastPoint p : f.getPoints()) {
      points.add(new ForecastPoint(p.getTimestamp(), p.getMean(), p.getUpper80(), p.getUpper95()));
    }
    return new ForecastSignal(f.getService(), f.getGeneratedAt(), points);
  }

  /**
   * The command publishing a decision. A decision is ENFORCE only if it is actionable and the
   * responder is not in dry-run; forecast-only recommendations and dry-run decisions are DRY_RUN,
   * which actuators only log.
   */
  public static ScalingCommand command(ScalingDecision d, boolean dryRun) {
    boolean enforce = d.actionable() && !dryRun;
    return ScalingCommand.newBuilder()
        .setEventId(d.id())
        .setOccurredAt(d.decidedAt())
        .setCommandId(d.id())
        .setService(d.service())
        .setCurrentReplicas(d.currentReplicas())
        .setDesiredReplicas(d.desiredReplicas())
        .setReason(d.actionable() && dryRun ? d.reason() + " [dry-run]" : d.reason())
        .setBasis(io.vigil.ops.ScalingBasis.valueOf(d.basis().name()))
        .setObservedLoad(d.observedLoad())
        .setForecastUpperBound(d.forecastLoad().isPresent() ? d.forecastLoad().getAsDouble() : null)
        .setMode(enforce ? io.vigil.ops.ScalingMode.ENFORCE : io.vigil.ops.ScalingMode.DRY_RUN)
        .setRule(io.vigil.ops.ScalingRule.valueOf(d.rule().name()))
        .setForecastStatus(io.vigil.ops.ForecastStatus.valueOf(d.forecastStatus().name()))
        .build();
  }
}
