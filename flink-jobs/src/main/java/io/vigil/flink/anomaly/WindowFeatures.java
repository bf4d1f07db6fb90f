package io.vigil.flink.anomaly;

import io.vigil.analytics.features.EdgeHistory;
import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.features.WindowAccumulator;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The window half of the anomaly job: requests of one entity are folded into analytics' mergeable
 * {@link WindowAccumulator} as they arrive (only the accumulator is kept in window state), and when
 * the window closes its {@link FeatureVector} is computed, with the new-edge flag judged against
 * the entity's edge history.
 */
public final class WindowFeatures {

  /** Name of the per-entity edge history (window operator's per-key global state). */
  public static final String EDGE_HISTORY_STATE = "edge-history";

  private WindowFeatures() {}

  /** Folds observations into the accumulator. */
  public static final class Aggregate
      implements AggregateFunction<TrafficObservation, WindowAccumulator, WindowAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public WindowAccumulator createAccumulator() {
      return new WindowAccumulator();
    }

    @Override
    public WindowAccumulator add(TrafficObservation value, WindowAccumulator acc) {
      return acc.add(value.observation());
    }

    @Override
    public WindowAccumulator getResult(WindowAccumulator acc) {
      return acc;
    }

    @Override
    public WindowAccumulator merge(WindowAccumulator a, WindowAccumulator b) {
      return a.merge(b);
    }
  }

  /**
   * Computes the features of a closed window. The edge history is kept only for entities that have
   * edges (caller→callee calls), so ip and principal entities hold no state between windows.
   */
  public static final class Emit
      extends ProcessWindowFunction<WindowAccumulator, FeatureVector, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final ValueStateDescriptor<EdgeHistory> historyDescriptor =
        new ValueStateDescriptor<>(EDGE_HISTORY_STATE, TypeInformation.of(EdgeHistory.class));

    @Override
    public void process(
        String key, Context ctx, Iterable<WindowAccumulator> accs, Collector<FeatureVector> out)
        throws Exception {
      WindowAccumulator acc = accs.iterator().next();
      int bar = key.indexOf('|');
      EntityType type = EntityType.valueOf(key.substring(0, bar));
      String entity = key.substring(bar + 1);
      TimeWindow w = ctx.window();
      if (acc.edges().isEmpty()) {
        out.collect(acc.result(type, entity, w.getStart(), w.getEnd(), null));
        return;
      }
      ValueState<EdgeHistory> state = ctx.globalState().getState(historyDescriptor);
      EdgeHistory history = state.value();
      if (history == null) {
        history = new EdgeHistory();
      }
      out.collect(acc.result(type, entity, w.getStart(), w.getEnd(), history));
      history.recordAll(acc.edges());
      state.update(history);
    }
  }
}
