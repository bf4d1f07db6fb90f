package io.vigil.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running component in the foreground until the JVM is asked to stop (Ctrl-C,
 * SIGTERM), then closes it from a shutdown hook and lets the command return.
 */
final class Foreground {
  private Foreground() {}

  static void runUntilStopped(String name, AutoCloseable component, PrintWriter out)
      throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("Stopping the " + name + " ...");
                  out.flush();
                  try {
                    component.close();
                  } catch (Exception e) {
                    // The JVM is exiting: report, do not rethrow into the hook thread.
                    e.printStackTrace();
                  } finally {
                    stopped.countDown();
                  }
                },
                "vigil-" + name + "-shutdown"));
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
  }
}
