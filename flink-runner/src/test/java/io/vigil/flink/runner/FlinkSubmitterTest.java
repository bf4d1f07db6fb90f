package io.vigil.flink.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.flink.runner.FlinkSubmitter.RunRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST conversation with a stand-in JobManager on the loopback interface. */
class FlinkSubmitterTest {

  private HttpServer server;
  private final Map<String, String> requests = new ConcurrentHashMap<>();
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private FlinkSubmitter submitter;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    submitter = new FlinkSubmitter("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String key = ex.getRequestMethod() + " " + ex.getRequestURI();
    requests.put(key, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
    requests.put(
        key + " content-type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
    String body = answers.getOrDefault(key, "{\"errors\":[\"not found: " + key + "\"]}");
    int status = answers.containsKey(key) ? 200 : 404;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Test
  void shouldUploadJarAsMultipartAndReturnJarIdWhenUploadSucceeds(@TempDir Path dir)
      throws IOException {
    // Given
    Path jar = Files.write(dir.resolve("jobs.jar"), new byte[] {'P', 'K', 3, 4});
    answers.put(
        "POST /jars/upload",
        "{\"filename\":\"/tmp/flink-web/uploads/abc_jobs.jar\",\"status\":\"success\"}");

    // When
    String jarId = submitter.uploadJar(jar);

    // Then
    assertThat(jarId).isEqualTo("abc_jobs.jar");
    assertThat(requests.get("POST /jars/upload content-type"))
        .startsWith("multipart/form-data; boundary=");
    assertThat(requests.get("POST /jars/upload"))
        .contains("name=\"jarfile\"; filename=\"jobs.jar\"")
        .contains("PK\u0003\u0004");
  }

  @Test
  void shouldSendEntryClassArgsAndSavepointWhenRunningFromSavepoint() {
    // Given
    answers.put("POST /jars/abc_jobs.jar/run", "{\"jobid\":\"j-1\"}");

    // When
    String jobId =
        submitter.run(
            "abc_jobs.jar",
            RunRequest.of(FlinkSubmitter.ANOMALY_JOB, List.of("--window-ms", "5000"))
                .fromSavepoint("file:/sp/1"));

    // Then
    assertThat(jobId).isEqualTo("j-1");
    assertThat(requests.get("POST /jars/abc_jobs.jar/run"))
        .contains("\"entryClass\":\"io.vigil.flink.anomaly.TrafficAnomalyJob\"")
        .contains("\"programArgsList\":[\"--window-ms\",\"5000\"]")
        .contains("\"savepointPath\":\"file:/sp/1\"");
  }

  @Test
  void shouldReportFlinkErrorsWhenRequestFails() {
    assertThatThrownBy(() -> submitter.jobState("nope"))
        .isInstanceOf(FlinkRestException.class)
        .hasMessageContaining("404")
        .hasMessageContaining("not found");
  }

  @Test
  void shouldReturnSavepointLocationWhenStopCompletes() {
    // Given
    answers.put("POST /jobs/j-1/stop", "{\"request-id\":\"t-9\"}");
    answers.put(
        "GET /jobs/j-1/savepoints/t-9",
        "{\"status\":{\"id\":\"COMPLETED\"},\"operation\":{\"location\":\"file:/sp/savepoint-1\"}}");

    // When
    String location = submitter.stopWithSavepoint("j-1", "file:/sp", Duration.ofSeconds(5));

    // Then
    assertThat(location).isEqualTo("file:/sp/savepoint-1");
    assertThat(requests.get("POST /jobs/j-1/stop")).contains("\"targetDirectory\":\"file:/sp\"");
  }

  @Test
  void shouldFailFastWithRootCauseWhenJobFailsBeforeRunning() {
    // Given
    answers.put("GET /jobs/j-2", "{\"state\":\"FAILED\",\"vertices\":[]}");
    answers.put(
        "GET /jobs/j-2/exceptions",
        "{\"exceptionHistory\":{\"entries\":[{\"stacktrace\":\"NoSuchMethodError: boom\"}]}}");

    // When / Then
    assertThatThrownBy(() -> submitter.awaitRunning("j-2", Duration.ofSeconds(5)))
        .isInstanceOf(FlinkRestException.class)
        .hasMessageContaining("FAILED")
        .hasMessageContaining("NoSuchMethodError: boom");
  }

  @Test
  void shouldListJobsWhenClusterHasSome() {
    answers.put(
        "GET /jobs/overview",
        "{\"jobs\":[{\"jid\":\"j-1\",\"name\":\"vigil-traffic-anomaly\",\"state\":\"RUNNING\",\"start-time\":5}]}");
    assertThat(submitter.listJobs())
        .containsExactly(new JobSummary("j-1", "vigil-traffic-anomaly", "RUNNING", 5));
  }

  @Test
  void shouldReturnDetailsWhenBoundedJobFinishes() {
    answers.put(
        "GET /jobs/j-3",
        "{\"state\":\"FINISHED\",\"timestamps\":{\"RUNNING\":10,\"FINISHED\":30},"
            + "\"vertices\":[{\"name\":\"v\",\"metrics\":{\"read-records\":7}}]}");
    var details = submitter.awaitFinished("j-3", Duration.ofSeconds(5));
    assertThat(details.path("timestamps").path("FINISHED").asLong()).isEqualTo(30);
    assertThat(details.path("vertices").get(0).path("metrics").path("read-records").asLong())
        .isEqualTo(7);
  }

  @Test
  void shouldFailWithRootCauseWhenBoundedJobFailsInsteadOfFinishing() {
    answers.put("GET /jobs/j-4", "{\"state\":\"FAILED\",\"vertices\":[]}");
    answers.put(
        "GET /jobs/j-4/exceptions",
        "{\"exceptionHistory\":{\"entries\":[{\"stacktrace\":\"IOException: gone\"}]}}");
    assertThatThrownBy(() -> submitter.awaitFinished("j-4", Duration.ofSeconds(5)))
        .isInstanceOf(FlinkRestException.class)
        .hasMessageContaining("FAILED")
        .hasMessageContaining("IOException: gone");
  }
}
