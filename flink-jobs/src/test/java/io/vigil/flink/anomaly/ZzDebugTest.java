package io.vigil.flink.anomaly;
import org.junit.jupiter.api.Test;
class ZzDebugTest extends TrafficTestBase {
  @Test void debug() {
    var b = trainBundle("x");
    System.out.println("FLOOD " + b.classify(floodWindow("checkout", 1)) + " score " + b.anomalyScore(floodWindow("checkout",1)));
    System.out.println("NORMAL " + b.classify(normalWindow("checkout", 1)) + " score " + b.anomalyScore(normalWindow("checkout",1)));
    System.out.println("META " + b.metadata());
  }
}
