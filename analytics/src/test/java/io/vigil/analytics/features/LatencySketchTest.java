package io.vigil.analytics.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencySketchTest {

  @Test
  void shouldStayWithinOnePercentWhenQuantilesOfHeavyTailAreAsked() {
    Random r = new Random(11);
    double[] values = new double[20_000];
    LatencySketch sketch = new LatencySketch();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(r.nextGaussian() * 2 + 3); // log-normal, 0.01 ms to tens of seconds
      sketch.add(values[i]);
    }
    Arrays.sort(values);

    for (double q : new double[] {0.0, 0.5, 0.9, 0.95, 0.99, 1.0}) {
      double exact = values[(int) Math.floor(q * (values.length - 1))];
      assertThat(sketch.quantile(q)).isBetween(exact * 0.99, exact * 1.01);
    }
    assertThat(sketch.bucketCount()).isLessThan(1_200);
  }

  @Test
  void shouldIgnoreNegativeAndNonFiniteValuesWhenAdding() {
    LatencySketch sketch = new LatencySketch();
    sketch.add(-1);
    sketch.add(Double.NaN);
    sketch.add(Double.POSITIVE_INFINITY);
    sketch.add(0);
    sketch.add(10);

    assertThat(sketch.count()).isEqualTo(2);
    assertThat(sketch.quantile(0)).isZero();
    assertThat(sketch.quantile(1)).isBetween(9.9, 10.1);
    assertThat(new LatencySketch().quantile(0.5)).isZero();
  }
}
