package io.vigil.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DueKeysTest {

  @Test
  void shouldSortKeysByDueTimeAsStoreBytesWhenTimesHaveDifferentDigitCounts() {
    List<String> keys =
        new ArrayList<>(
            List.of(
                DueKeys.key(1_000_000L, "b"),
                DueKeys.key(999L, "z"),
                DueKeys.key(1_000_000L, "a"),
                DueKeys.key(5L, "m")));

    // RocksDB's default order: unsigned lexicographic bytes.
    keys.sort((x, y) -> Arrays.compareUnsigned(utf8(x), utf8(y)));

    assertThat(keys).extracting(DueKeys::id).containsExactly("m", "z", "a", "b");
    assertThat(keys)
        .extracting(DueKeys::dueMillis)
        .containsExactly(5L, 999L, 1_000_000L, 1_000_000L);
  }

  @Test
  void shouldIncludeExactlyTheKeysDueByNowInTheRange() {
    String due = DueKeys.key(1_000L, "order-1:step:1/timeout");
    String later = DueKeys.key(1_001L, "order-1:step:1/timeout");

    assertThat(compare(DueKeys.first(), due)).isNegative();
    assertThat(compare(due, DueKeys.dueBy(1_000L))).isNegative();
    assertThat(compare(later, DueKeys.dueBy(1_000L))).isPositive();
  }

  @Test
  void shouldRoundSubMillisecondDueTimesUpSoATimerNeverFiresEarly() {
    Instant dueAt = Instant.ofEpochMilli(1_000L).plusNanos(1);

    assertThat(DueKeys.dueMillis(DueKeys.key(dueAt, "t"))).isEqualTo(1_001L);
    assertThat(DueKeys.dueMillis(DueKeys.key(Instant.ofEpochMilli(1_000L), "t"))).isEqualTo(1_000L);
  }

  private static int compare(String a, String b) {
    return Arrays.compareUnsigned(utf8(a), utf8(b));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
