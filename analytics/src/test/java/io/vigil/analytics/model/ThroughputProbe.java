package io.vigil.analytics.model;

import io.vigil.analytics.backtest.ProgressListener;
import io.vigil.analytics.backtest.ScoreRunner;
import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.FeatureVector;
import io.vigil.analytics.features.RequestObservation;
import io.vigil.analytics.features.WindowAccumulator;
import io.vigil.analytics.univariate.UnivariateDetector;
import java.io.Reader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Rough single-thread throughput of the hot paths; not a test (run by hand, in {@code analytics/}):
 *
 * <pre>
 * ../mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.vigil.analytics.model.ThroughputProbe
 * </pre>
 *
 * Absolute numbers on a shared 2-core machine are noisy; JMH is the tool for precise figures.
 */
public final class ThroughputProbe {

  private ThroughputProbe() {}

  public static void main(String[] args) throws Exception {
    List<LabelledVector> data = new SyntheticWindows(1).generate(2_000, 400);
    long t = System.nanoTime();
    ModelBundle bundle =
        new Trainer(TrainerConfig.defaults(42)).train(data, "probe", Instant.EPOCH);
    System.out.printf(
        "train (100+100 trees, %d rows): %.1f s, bundle %d KiB%n",
        data.size(), (System.nanoTime() - t) / 1e9, bundle.toBytes().length / 1024);
    List<FeatureVector> windows =
        new SyntheticWindows(2).generate(500, 100).stream().map(LabelledVector::features).toList();
    for (int round = 0; round < 3; round++) {
      rate(
          "isolation forest score",
          windows.size() * 20,
          () -> {
            double sink = 0;
            for (int k = 0; k < 20; k++) {
              for (FeatureVector v : windows) {
                sink += bundle.anomalyScore(v);
              }
            }
            return sink;
          });
      rate(
          "random forest classify",
          windows.size() * 20,
          () -> {
            double sink = 0;
            for (int k = 0; k < 20; k++) {
              for (FeatureVector v : windows) {
                sink += bundle.classify(v).confidence();
              }
            }
            return sink;
          });
    }
    Random r = new Random(3);
    RequestObservation[] obs = new RequestObservation[1_000_000];
    for (int i = 0; i < obs.length; i++) {
      obs[i] =
          new RequestObservation(
              i,
              "svc",
              "10.0." + r.nextInt(4) + "." + r.nextInt(250),
              "u" + r.nextInt(500),
              "/r" + r.nextInt(50),
              r.nextInt(20) == 0 ? 500 : 200,
              r.nextDouble() * 200,
              100,
              2000,
              null,
              null);
    }
    for (int round = 0; round < 3; round++) {
      rate(
          "window accumulator add",
          obs.length,
          () -> {
            WindowAccumulator acc = new WindowAccumulator();
            for (RequestObservation o : obs) {
              acc.add(o);
            }
            return acc.result(EntityType.SERVICE, "svc", 0, 10_000, null)
                .get(io.vigil.analytics.features.Feature.LATENCY_P99_MS);
          });
      rate(
          "univariate detector",
          5_000_000,
          () -> {
            UnivariateDetector d = new UnivariateDetector();
            double sink = 0;
            for (int i = 0; i < 5_000_000; i++) {
              sink += d.score(i * 1000L, 100 + (i % 7)).score();
            }
            return sink;
          });
      rate(
          "score runner CSV rows",
          1_000_000,
          () -> {
            Reader in = new CsvSource(1_000_000);
            StringWriter out = new StringWriter(64 * 1_000_000);
            return new ScoreRunner().run(in, out, -1, ProgressListener.NONE).rows();
          });
    }
  }

  private interface Work {
    Object run() throws Exception;
  }

  private static void rate(String name, long ops, Work work) throws Exception {
    long t = System.nanoTime();
    Object sink = work.run();
    double s = (System.nanoTime() - t) / 1e9;
    System.out.printf("%-26s %,12.0f /s (%s)%n", name, ops / s, sink.hashCode() == 42 ? "" : "ok");
  }

  /** Generates {@code epochMillis,value} lines without holding them in memory. */
  private static final class CsvSource extends Reader {
    private final int rows;
    private int row;
    private String pending = "";
    private int pos;

    CsvSource(int rows) {
      this.rows = rows;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      int n = 0;
      while (n < len) {
        if (pos == pending.length()) {
          if (row == rows) {
            return n == 0 ? -1 : n;
          }
          pending = (1_700_000_000_000L + row * 60_000L) + "," + (100 + row % 13) + "\n";
          pos = 0;
          row++;
        }
        buf[off + n++] = pending.charAt(pos++);
      }
      return n;
    }

    @Override
    public void close() {}
  }
}
