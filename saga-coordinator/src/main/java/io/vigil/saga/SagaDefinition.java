package io.vigil.saga;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A saga type: a name and an ordered, non-empty list of {@link SagaStep}s, run one after another.
 *
 * <p>Built with a declarative DSL:
 *
 * <pre>{@code
 * SagaDefinition<OrderData> order =
 *     SagaDefinition.<OrderData>builder("order")
 *         .defaultTimeout(Duration.ofSeconds(5))
 *         .step("reserve-inventory")
 *           .participant("inventory")
 *           .invoke(d -> new ReserveInventory(d.orderId(), d.lines()))
 *           .withCompensation(d -> new ReleaseInventory(d.orderId(), d.lines()))
 *           .retry(RetryPolicy.exponential(3, Duration.ofMillis(200), Duration.ofSeconds(2)))
 *         .step("confirm-order")
 *           .participant("orders")
 *           .invoke(d -> new ConfirmOrder(d.orderId()))
 *         .build();
 * }</pre>
 *
 * <p>Saga, step and participant names are lower-case words joined by {@code '-'} ({@code
 * [a-z0-9]+(-[a-z0-9]+)*}); a step name must not end in {@value CommandId#COMPENSATE_SUFFIX}. The
 * names are persisted in saga state and command ids, so renaming a step is a breaking change for
 * sagas in flight.
 *
 * @param <D> the saga data type
 */
public final class SagaDefinition<D> {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final String name;
  private final List<SagaStep<D>> steps;
  private final Map<String, Integer> indexByName;

  SagaDefinition(String name, List<SagaStep<D>> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("saga " + name + " has no steps");
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      if (index.put(steps.get(i).name(), i) != null) {
        throw new IllegalArgumentException(
            "saga " + name + " has two steps named " + steps.get(i).name());
      }
    }
    this.name = name;
    this.steps = List.copyOf(steps);
    this.indexByName = Map.copyOf(index);
  }

  /** Starts a definition named {@code name}. */
  public static <D> SagaDefinitionBuilder<D> builder(String name) {
    return new SagaDefinitionBuilder<>(name);
  }

  /** Whether {@code name} is a valid saga, step or participant name. */
  public static boolean isValidName(String name) {
    return name != null
        && NAME.matcher(name).matches()
        && !name.endsWith(CommandId.COMPENSATE_SUFFIX);
  }

  /** The saga type name, stored in every state of this saga. */
  public String name() {
    return name;
  }

  /** The steps, in execution order. */
  public List<SagaStep<D>> steps() {
    return steps;
  }

  /** The first step. */
  public SagaStep<D> firstStep() {
    return steps.get(0);
  }

  /** The step named {@code stepName}, if any. */
  public Optional<SagaStep<D>> findStep(String stepName) {
    Integer i = indexByName.get(stepName);
    return i == null ? Optional.empty() : Optional.of(steps.get(i));
  }

  /** The step named {@code stepName}; throws {@link IllegalArgumentException} if unknown. */
  public SagaStep<D> step(String stepName) {
    return findStep(stepName)
        .orElseThrow(
            () -> new IllegalArgumentException("saga " + name + " has no step " + stepName));
  }

  /** The step after {@code stepName}, or empty if it is the last one. */
  public Optional<SagaStep<D>> stepAfter(String stepName) {
    int next = indexOf(stepName) + 1;
    return next < steps.size() ? Optional.of(steps.get(next)) : Optional.empty();
  }

  /** The 0-based position of {@code stepName}; throws if unknown. */
  public int indexOf(String stepName) {
    Integer i = indexByName.get(stepName);
    if (i == null) {
      throw new IllegalArgumentException("saga " + name + " has no step " + stepName);
    }
    return i;
  }

  @Override
  public String toString() {
    return "SagaDefinition{" + name + ", steps=" + steps + '}';
  }
}
