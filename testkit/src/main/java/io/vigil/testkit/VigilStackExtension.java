package io.vigil.testkit;

import io.vigil.devstack.StackEndpoints;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link VigilStack}: resolves {@link StackEndpoints} parameters with a
 * stack shared by the whole test JVM, and disables tests when the selected stack cannot run here.
 */
public final class VigilStackExtension implements ExecutionCondition, ParameterResolver {

  /** System property selecting the Testcontainers variant instead of the embedded stack. */
  public static final String CONTAINERS_PROPERTY = "vigil.it.containers";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(VigilStackExtension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (containersSelected() && !ContainerStack.dockerAvailable()) {
      return ConditionEvaluationResult.disabled(
          CONTAINERS_PROPERTY + "=true but no Docker engine is reachable: container ITs skipped");
    }
    return ConditionEvaluationResult.enabled(
        containersSelected() ? "stack on Testcontainers" : "embedded stack");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StackEndpoints.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return sharedStack(context);
  }

  /**
   * The stack of this test JVM, started on first call. It lives in the root store, so JUnit closes
   * it once, after the last test of the plan.
   */
  public static StackEndpoints sharedStack(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            StackHolder.class,
            key -> new StackHolder(containersSelected() ? ContainerStack.start() : embedded()),
            StackHolder.class)
        .endpoints();
  }

  static boolean containersSelected() {
    return Boolean.parseBoolean(System.getProperty(CONTAINERS_PROPERTY, "false"));
  }

  private static StackEndpoints embedded() {
    return io.vigil.devstack.EmbeddedStack.start(io.vigil.devstack.StackOptions.defaults());
  }

  /**
   * Closes the stack when JUnit closes the root store (JUnit 5.13+ closes {@link AutoCloseable}
   * values; older versions the deprecated {@code CloseableResource}; the stack closes once).
   */
  @SuppressWarnings("deprecation")
  private record StackHolder(StackEndpoints endpoints)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() throws Exception {
      if (endpoints instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }
}
