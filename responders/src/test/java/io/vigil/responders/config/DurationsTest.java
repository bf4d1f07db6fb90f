package io.vigil.responders.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "500ms, PT0.5S",
    "15s,   PT15S",
    "15m,   PT15M",
    "4h,    PT4H",
    "7d,    PT168H",
    "PT15M, PT15M",
    "pt1h30m, PT1H30M",
    " 2H ,  PT2H",
  })
  void shouldParseWhenShortOrIsoForm(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "15", "15x", "-1s", "1.5h", "P", "soon"})
  void shouldRejectWithTheAcceptedFormsWhenMalformed(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("15s, 15m, 4h, 7d");
  }

  @ParameterizedTest(name = "{0} prints {1}")
  @CsvSource({
    "PT0S, 0s",
    "PT0.5S, 500ms",
    "PT15S, 15s",
    "PT15M, 15m",
    "PT4H, 4h",
    "P2D, 2d",
    "PT1H30M, 90m"
  })
  void shouldPrintTheShortFormWhenFormatting(Duration d, String text) {
    assertThat(Durations.format(d)).isEqualTo(text);
  }
}
