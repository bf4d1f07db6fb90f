package io.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.VigilConfig;
import io.vigil.orders.OrderEvent;
import io.vigil.orders.OrderState;
import java.util.HashMap;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class AvroClassTrustTest {

  @Test
  void shouldRunWithoutJvmFlagSoTheSerdeTestsProveTrustInCode() {
    assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES")).isNull();
  }

  @Test
  void shouldTrustGeneratedRecordsAndEnumsWhenInstalled() {
    // When
    AvroClassTrust.install();

    // Then
    assertThatCode(() -> ClassSecurityValidator.validate(OrderEvent.class))
        .doesNotThrowAnyException();
    assertThatCode(() -> ClassSecurityValidator.validate(OrderState.class))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldStillForbidOtherClassesWhenInstalled() {
    // When
    AvroClassTrust.install();

    // Then: neither arbitrary JDK classes nor non-generated Vigil classes become trusted
    assertThatThrownBy(() -> ClassSecurityValidator.validate(HashMap.class))
        .isInstanceOf(SecurityException.class);
    assertThatThrownBy(() -> ClassSecurityValidator.validate(VigilConfig.class))
        .isInstanceOf(SecurityException.class);
  }

  @Test
  void shouldInstallOnceWhenCalledRepeatedly() {
    // Given
    AvroClassTrust.install();
    var installed = ClassSecurityValidator.getGlobal();

    // When
    AvroClassTrust.install();

    // Then
    assertThat(ClassSecurityValidator.getGlobal()).isSameAs(installed);
  }
}
