package io.vigil.simulator;

import io.vigil.simulator.sink.MemorySink;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExploreTest {
  @Test
  void explore() {
    for (String start : new String[] {"2026-01-05T12:00:00Z", "2026-01-05T04:00:00Z"}) {
    MemorySink sink = new MemorySink();
    Simulator sim = Simulator.builder().seed(7).start(Instant.parse(start))
        .duration(Duration.ofSeconds(90)).scenario(Scenario.demo()).build();
    SimulationStats stats = sim.run(sink);
    System.out.println(start + " " + stats.records() + " spans=" + stats.spans() + " req=" + stats.requests());
    Map<Integer, Long> statuses = new TreeMap<>(sink.requests().stream().collect(Collectors.groupingBy(r -> r.getStatus(), Collectors.counting())));
    System.out.println(statuses);
    for (String svc : new String[] {"catalog", "search", "auth", "gateway"}) {
      System.out.println(svc + " cpu: " + sink.metrics().stream().filter(m -> m.getService().equals(svc) && m.getName().equals("process.cpu.utilization")).map(m -> String.format("%.2f", m.getValue())).toList()
       + " count: " + sink.metrics().stream().filter(m -> m.getService().equals(svc) && m.getName().equals("http.server.request.count")).map(m -> String.format("%.0f", m.getValue())).toList()
       + " p95: " + sink.metrics().stream().filter(m -> m.getService().equals(svc) && m.getName().equals("http.server.request.duration.p95")).map(m -> String.format("%.0f", m.getValue())).toList());
    }
    }
  }
}
