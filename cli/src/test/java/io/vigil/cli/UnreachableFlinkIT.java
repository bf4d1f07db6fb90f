package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A Flink REST API that does not answer is a user error: one line, exit 1, no stack trace. */
class UnreachableFlinkIT {

  @Test
  void shouldAnswerWithTheUrlAndNoStackTraceWhenTheFlinkRestApiIsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free, and closed again: nothing listens there
    }
    StringWriter err = new StringWriter();
    CommandLine cli = VigilCli.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("flink", "list", "--rest", "http://127.0.0.1:" + port);

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("vigil flink list: ")
        .contains("http://127.0.0.1:" + port)
        .doesNotContain("\tat ");
  }
}
