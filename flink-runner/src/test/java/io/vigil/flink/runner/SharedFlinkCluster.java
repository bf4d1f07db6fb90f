package io.vigil.flink.runner;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test methods the one {@link LocalFlinkCluster} of this test JVM (started on first use,
 * closed when the test plan ends), so several IT classes share a single MiniCluster.
 */
final class SharedFlinkCluster implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedFlinkCluster.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalFlinkCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Holder.class, k -> new Holder(start()), Holder.class)
        .cluster();
  }

  private static LocalFlinkCluster start() {
    return LocalFlinkCluster.builder()
        .slotsPerTaskManager(4)
        // A failing job must fail the test, not restart forever (VERSIONS.md pitfall 8).
        .config("restart-strategy.type", "none")
        .start();
  }

  private record Holder(LocalFlinkCluster cluster)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      cluster.close();
    }
  }
}
