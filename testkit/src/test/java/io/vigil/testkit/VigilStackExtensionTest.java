package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class VigilStackExtensionTest {

  @AfterEach
  void clearProperty() {
    System.clearProperty(VigilStackExtension.CONTAINERS_PROPERTY);
  }

  @Test
  void shouldRunEmbeddedWhenContainersAreNotSelected() {
    ConditionEvaluationResult result = new VigilStackExtension().evaluateExecutionCondition(null);

    assertThat(result.isDisabled()).isFalse();
    assertThat(result.getReason()).hasValueSatisfying(r -> assertThat(r).contains("embedded"));
  }

  @Test
  void shouldSkipExactlyWhenContainersAreSelectedAndDockerIsMissing() {
    System.setProperty(VigilStackExtension.CONTAINERS_PROPERTY, "true");

    ConditionEvaluationResult result = new VigilStackExtension().evaluateExecutionCondition(null);

    // Skipped (not failed) precisely when this machine has no Docker engine.
    assertThat(result.isDisabled()).isEqualTo(!ContainerStack.dockerAvailable());
    if (result.isDisabled()) {
      assertThat(result.getReason())
          .hasValueSatisfying(r -> assertThat(r).contains("no Docker engine"));
    }
  }

  @Test
  void shouldProduceTopicSafeUniqueNamesWhenPrefixHasOddCharacters() {
    String a = TestNames.unique("My Test/ä");
    String b = TestNames.unique("My Test/ä");

    assertThat(a).matches("[a-z0-9._-]+").startsWith("my_test__-");
    assertThat(a).isNotEqualTo(b);
  }
}
