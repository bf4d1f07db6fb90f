package io.vigil.cli;

import io.vigil.responders.RunningComponent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

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

  /**
   * Keeps a responder or actuator running until the JVM is asked to stop (then closes it from a
   * shutdown hook and returns 0) or until it stops by itself on a fatal error (then closes it,
   * reports the failure on {@code err} and returns 1).
   */
  static int runUntilStopped(RunningComponent component, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    String name = component.name();
    AtomicBoolean stopping = new AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              stopping.set(true);
              out.println("Stopping the " + name + " ...");
              out.flush();
              component.close();
            },
            "vigil-" + name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("Press Ctrl-C to stop.");
    out.flush();
    while (!component.awaitTermination(Duration.ofMinutes(1))) {
      // still running: closed by the hook or stopped by a fatal error ends the wait
    }
    if (stopping.get()) {
      return 0;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return 0; // Ctrl-C raced the failure: the hook closes it
    }
    component.close();
    Optional<Throwable> failure = component.failure();
    err.println(
        "The "
            + name
            + " stopped: "
            + failure.map(Throwable::toString).orElse("terminated without an error"));
    err.flush();
    return 1;
  }
}
