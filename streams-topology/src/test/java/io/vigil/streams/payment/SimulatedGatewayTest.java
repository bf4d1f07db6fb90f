package io.vigil.streams.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedGatewayTest {

  private static final PaymentSettings TWENTY_PERCENT =
      new PaymentSettings(0.2, 0.1, Duration.ZERO, 42L);

  @Test
  void shouldDeclineTheSameOrdersForTheSameSeed() {
    for (int i = 0; i < 100; i++) {
      String order = "order-" + i;
      assertThat(SimulatedGateway.declines(TWENTY_PERCENT, order))
          .isEqualTo(SimulatedGateway.declines(TWENTY_PERCENT.withSeed(42L), order));
    }
  }

  @Test
  void shouldDeclineRoughlyTheConfiguredShareOfOrders() {
    long declined =
        IntStream.range(0, 10_000)
            .filter(i -> SimulatedGateway.declines(TWENTY_PERCENT, "order-" + i))
            .count();

    assertThat(declined).isBetween(1_800L, 2_200L);
  }

  @Test
  void shouldDecideOtherOrdersWhenTheSeedChanges() {
    long differences =
        IntStream.range(0, 1_000)
            .filter(
                i ->
                    SimulatedGateway.declines(TWENTY_PERCENT, "order-" + i)
                        != SimulatedGateway.declines(TWENTY_PERCENT.withSeed(7L), "order-" + i))
            .count();

    assertThat(differences).isGreaterThan(100);
  }

  @Test
  void shouldNeverDeclineAtRateZeroAndAlwaysAtRateOne() {
    assertThat(SimulatedGateway.declines(PaymentSettings.approveAll(), "any")).isFalse();
    assertThat(SimulatedGateway.declines(PaymentSettings.approveAll().withDeclineRate(1.0), "any"))
        .isTrue();
  }
}
