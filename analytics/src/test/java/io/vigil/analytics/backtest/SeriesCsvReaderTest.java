package io.vigil.analytics.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesCsvReaderTest {

  private static List<SeriesRow> readAll(String csv) {
    SeriesCsvReader r = new SeriesCsvReader(new StringReader(csv), MalformedLinePolicy.FAIL);
    List<SeriesRow> rows = new ArrayList<>();
    SeriesRow row;
    while ((row = r.next()) != null) {
      rows.add(row);
    }
    return rows;
  }

  @Test
  void shouldReadQuotedSpecialAndEmptyValuesWhenFileHasBomHeaderAndComments() {
    String csv =
        "\uFEFF\"time\",\"cpu\"\r\n# comment\r\n\"1000\",\"1.5\"\r\n2000, inf\r\n3000,-Infinity\r\n"
            + "4000,\r\n5000,nan\r\n";

    List<SeriesRow> rows = readAll(csv);

    assertThat(rows)
        .extracting(SeriesRow::timestampMillis)
        .containsExactly(1000L, 2000L, 3000L, 4000L, 5000L);
    assertThat(rows.get(0).value()).isEqualTo(1.5);
    assertThat(rows.get(0).lineNumber()).isEqualTo(3);
    assertThat(rows.get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(rows.get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(rows.get(3).value()).isNaN();
    assertThat(rows.get(3).valueText()).isEmpty();
    assertThat(rows.get(4).value()).isNaN();
  }

  @Test
  void shouldRejectHeaderLikeLineWhenItIsNotTheFirst() {
    assertThatThrownBy(() -> readAll("1000,1\ntimestamp,value\n"))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("line 2:");
  }

  @Test
  void shouldRejectWrongFieldCountAndNumberSuffixWhenStrict() {
    assertThatThrownBy(() -> readAll("1000,1,2\n")).hasMessageContaining("expected 2 fields");
    assertThatThrownBy(() -> readAll("1000,1d\n")).hasMessageContaining("not a number");
  }

  @Test
  void shouldParseEpochMillisAndIsoFormsWhenTimestampsVary() {
    assertThat(TimestampParser.parseMillis("1700000000000")).isEqualTo(1_700_000_000_000L);
    assertThat(TimestampParser.parseMillis("-5")).isEqualTo(-5L);
    assertThat(TimestampParser.parseMillis("2026-01-02T03:04:05Z")).isEqualTo(1_767_323_045_000L);
    assertThat(TimestampParser.parseMillis("2026-01-02T04:04:05.5+01:00"))
        .isEqualTo(1_767_323_045_500L);
    assertThat(TimestampParser.parseMillis("2026-01-02 03:04:05")).isEqualTo(1_767_323_045_000L);
    assertThat(TimestampParser.parseMillis("2026-01-02")).isEqualTo(1_767_312_000_000L);
    assertThatThrownBy(() -> TimestampParser.parseMillis("yesterday"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
