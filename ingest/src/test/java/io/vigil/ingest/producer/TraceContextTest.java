package io.vigil.ingest.producer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceContextTest {

  @Test
  void shouldAcceptOnlyW3cTraceparentsWhenValidating() {
    assertThat(TraceContext.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .isTrue();
    assertThat(TraceContext.isValid("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-xx"))
        .as("future versions may append fields")
        .isTrue();
    assertThat(TraceContext.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-xx"))
        .isFalse();
    assertThat(TraceContext.isValid("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .isFalse();
    assertThat(TraceContext.isValid("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))
        .isFalse();
    assertThat(TraceContext.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"))
        .isFalse();
    assertThat(TraceContext.isValid(null)).isFalse();
  }

  @Test
  void shouldRestoreThePreviousContextWhenAScopeCloses() {
    String outer = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    String inner = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    try (TraceContext.Scope a = TraceContext.attach(outer)) {
      try (TraceContext.Scope b = TraceContext.attach(inner)) {
        assertThat(TraceContext.current()).contains(inner);
      }
      assertThat(TraceContext.current()).contains(outer);
    }
    assertThat(TraceContext.current()).isEmpty();
  }
}
