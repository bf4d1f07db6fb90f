package io.vigil.devstack;

/**
 * One {@link EmbeddedStack} per test JVM, started on first use and stopped by a shutdown hook, so
 * every IT class shares the same broker, registry and PostgreSQL (each test with its own
 * topics/subjects).
 */
public final class SharedStack {

  private static EmbeddedStack stack;

  private SharedStack() {}

  /** The shared stack, started on the first call. */
  public static synchronized EmbeddedStack get() {
    if (stack == null) {
      EmbeddedStack started = EmbeddedStack.start(StackOptions.defaults());
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-stack-stop"));
      stack = started;
    }
    return stack;
  }
}
