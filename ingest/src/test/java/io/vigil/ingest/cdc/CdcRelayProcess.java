package io.vigil.ingest.cdc;

import io.vigil.ingest.IngestConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link CdcRelay} in its own JVM, configured by {@code key=value} arguments, until the
 * process is killed: lets {@link CdcRelayIT} crash a relay for real ({@code kill -9}).
 */
public final class CdcRelayProcess {

  private CdcRelayProcess() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> overrides = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      overrides.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    CdcRelay relay = CdcRelay.start(IngestConfig.load(Optional.empty(), Map.of(), overrides));
    System.out.println("CDC relay process started");
    relay.failure().join();
  }
}
