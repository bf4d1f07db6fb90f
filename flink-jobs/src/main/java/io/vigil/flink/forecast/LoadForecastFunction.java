package io.vigil.flink.forecast;

import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each service's bounded request-rate history in keyed state and, for every completed step,
 * forecasts the next steps.
 *
 * <p>State per service: the last {@code capacity} step rates and the start of the newest step (gaps
 * are zero-filled by {@link RateHistory}). Nothing else is kept, so the state of a service is
 * bounded.
 */
public final class LoadForecastFunction
    extends KeyedProcessFunction<String, StepCount, ServiceForecast> {

  private static final long serialVersionUID = 1L;

  /** Name of the rate-history state. */
  public static final String HISTORY_STATE = "rate-history";

  /** Name of the newest-step state. */
  public static final String LAST_STEP_STATE = "last-step-start";

  private final LoadSeriesForecaster forecaster;
  private final int capacity;

  private transient ValueState<double[]> history;
  private transient ValueState<Long> lastStep;

  /**
   * @param forecaster forecasting rule
   * @param capacity steps of history kept per service (≥ 1)
   */
  public LoadForecastFunction(LoadSeriesForecaster forecaster, int capacity) {
    this.forecaster = Objects.requireNonNull(forecaster, "forecaster");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public void open(OpenContext openContext) {
    history =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    HISTORY_STATE, PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
    lastStep =
        getRuntimeContext().getState(new ValueStateDescriptor<>(LAST_STEP_STATE, Types.LONG));
  }

  @Override
  public void processElement(StepCount step, Context ctx, Collector<ServiceForecast> out)
      throws Exception {
    double[] before = history.value();
    Long last = lastStep.value();
    double[] after =
        RateHistory.append(
            before == null ? new double[0] : before,
            last,
            step.stepStart(),
            step.stepMs(),
            step.ratePerSecond(),
            capacity);
    long newest = last == null ? step.stepStart() : Math.max(last, step.stepStart());
    history.update(after);
    lastStep.update(newest);
    if (last != null && step.stepStart() <= last) {
      // A correction of an already forecast step: the next step's forecast includes it.
      return;
    }
    out.collect(forecaster.forecast(step.service(), step.stepMs(), newest + step.stepMs(), after));
  }
}
