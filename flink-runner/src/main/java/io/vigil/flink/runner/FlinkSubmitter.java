package io.vigil.flink.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Client of the Flink REST API for Vigil's job lifecycle: upload the shaded job jar, run an entry
 * class from it, watch, list, cancel, and stop with a savepoint (then run again from that
 * savepoint). Works against any Flink 2.x JobManager with {@code web.submit.enable: true},
 * including {@link LocalFlinkCluster}. Plain HTTP and JSON: no Flink client classes are needed.
 *
 * <pre>{@code
 * FlinkSubmitter flink = new FlinkSubmitter("http://127.0.0.1:8081");
 * String jarId = flink.uploadJar(Path.of("flink-jobs/target/vigil-flink-jobs.jar"));
 * String jobId = flink.run(jarId, RunRequest.of("io.vigil.flink.anomaly.TrafficAnomalyJob", args));
 * flink.awaitRunning(jobId, Duration.ofMinutes(1));
 * String savepoint = flink.stopWithSavepoint(jobId, null, Duration.ofMinutes(2));
 * }</pre>
 */
public final class FlinkSubmitter {

  /** Entry class of the anomaly job inside the job jar. */
  public static final String ANOMALY_JOB = "io.vigil.flink.anomaly.TrafficAnomalyJob";

  /** Entry class of the forecast job inside the job jar. */
  public static final String FORECAST_JOB = "io.vigil.flink.forecast.LoadForecastJob";

  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(200);

  private final URI base;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  /** A client of the JobManager REST API at {@code restUrl}, e.g. {@code http://host:8081}. */
  public FlinkSubmitter(String restUrl) {
    String url = Objects.requireNonNull(restUrl, "restUrl").trim();
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * Uploads {@code jarPath}, runs {@code entryClass} with {@code args} and returns the job id: the
   * one call behind {@code vigil flink submit}.
   */
  public static String submit(String restUrl, Path jarPath, String entryClass, List<String> args) {
    FlinkSubmitter flink = new FlinkSubmitter(restUrl);
    return flink.run(flink.uploadJar(jarPath), RunRequest.of(entryClass, args));
  }

  /** Uploads a job jar ({@code POST /jars/upload}) and returns its jar id. */
  public String uploadJar(Path jarPath) {
    byte[] jar;
    try {
      jar = Files.readAllBytes(jarPath);
    } catch (IOException e) {
      throw new FlinkRestException("cannot read job jar " + jarPath, 0, e);
    }
    String boundary = "vigil-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream(jar.length + 512);
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
            + jarPath.getFileName()
            + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(jar);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("jars/upload"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    JsonNode answer = send(request, "upload " + jarPath.getFileName());
    String filename = answer.path("filename").asText("");
    if (filename.isEmpty()) {
      throw new FlinkRestException("upload answered without a filename: " + answer, 200, null);
    }
    return Path.of(filename).getFileName().toString();
  }

  /** Runs an entry class of an uploaded jar ({@code POST /jars/:jarid/run}); returns the job id. */
  public String run(String jarId, RunRequest run) {
    ObjectNode body = json.createObjectNode();
    body.put("entryClass", run.entryClass());
    body.putPOJO("programArgsList", run.args());
    run.parallelism().ifPresent(p -> body.put("parallelism", p));
    run.savepointPath().ifPresent(p -> body.put("savepointPath", p));
    body.put("allowNonRestoredState", run.allowNonRestoredState());
    JsonNode answer = post("jars/" + jarId + "/run", body, "run " + run.entryClass());
    String jobId = answer.path("jobid").asText("");
    if (jobId.isEmpty()) {
      throw new FlinkRestException("run answered without a job id: " + answer, 200, null);
    }
    return jobId;
  }

  /** Job status ({@code GET /jobs/:jobid}), e.g. {@code RUNNING}. */
  public String jobState(String jobId) {
    return get("jobs/" + jobId).path("state").asText();
  }

  /**
   * Whether the job and every one of its tasks are {@code RUNNING}: the point from which it
   * processes records.
   */
  public boolean isFullyRunning(String jobId) {
    JsonNode job = get("jobs/" + jobId);
    if (!"RUNNING".equals(job.path("state").asText())) {
      return false;
    }
    for (JsonNode vertex : job.path("vertices")) {
      if (!"RUNNING".equals(vertex.path("status").asText())) {
        return false;
      }
    }
    return job.path("vertices").size() > 0;
  }

  /**
   * Waits until the job and all its tasks run; fails at once, with the root exception, when the job
   * reaches a terminal state instead.
   */
  public void awaitRunning(String jobId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (isFullyRunning(jobId)) {
        return;
      }
      String state = jobState(jobId);
      if (isTerminal(state)) {
        throw new FlinkRestException(
            "job " + jobId + " is " + state + ": " + rootException(jobId), 0, null);
      }
      if (System.nanoTime() > deadline) {
        throw new FlinkRestException(
            "job " + jobId + " not running after " + timeout + " (state " + state + ")", 0, null);
      }
      pause();
    }
  }

  /** The job's root exception as Flink reports it, or an empty string. */
  public String rootException(String jobId) {
    JsonNode ex = get("jobs/" + jobId + "/exceptions");
    JsonNode history = ex.path("exceptionHistory").path("entries");
    if (history.size() > 0) {
      return history.get(0).path("stacktrace").asText("");
    }
    return ex.path("root-exception").asText("");
  }

  /**
   * The job's details as Flink reports them ({@code GET /jobs/:jobid}): {@code state}, {@code
   * timestamps} per state (epoch ms), and per vertex {@code name}, {@code status} and {@code
   * metrics} ({@code read-records}, {@code write-records}, ...).
   */
  public JsonNode jobDetails(String jobId) {
    return get("jobs/" + jobId);
  }

  /**
   * Waits until a bounded job has {@code FINISHED}; fails at once, with the root exception, when it
   * ends in another terminal state. Returns its {@link #jobDetails}.
   */
  public JsonNode awaitFinished(String jobId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode details = jobDetails(jobId);
      String state = details.path("state").asText();
      if ("FINISHED".equals(state)) {
        return details;
      }
      if (isTerminal(state)) {
        throw new FlinkRestException(
            "job " + jobId + " is " + state + ": " + rootException(jobId), 0, null);
      }
      if (System.nanoTime() > deadline) {
        throw new FlinkRestException(
            "job " + jobId + " not finished after " + timeout + " (state " + state + ")", 0, null);
      }
      pause();
    }
  }

  /** Every job the cluster knows ({@code GET /jobs/overview}). */
  public List<JobSummary> listJobs() {
    List<JobSummary> jobs = new ArrayList<>();
    for (JsonNode j : get("jobs/overview").path("jobs")) {
      jobs.add(
          new JobSummary(
              j.path("jid").asText(),
              j.path("name").asText(),
              j.path("state").asText(),
              j.path("start-time").asLong()));
    }
    return jobs;
  }

  /** Cancels a job without a savepoint ({@code PATCH /jobs/:jobid?mode=cancel}). */
  public void cancel(String jobId) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("jobs/" + jobId + "?mode=cancel"))
            .timeout(REQUEST_TIMEOUT)
            .method("PATCH", HttpRequest.BodyPublishers.noBody())
            .build();
    send(request, "cancel " + jobId);
  }

  /**
   * Stops a job with a final savepoint ({@code POST /jobs/:jobid/stop}) and waits for it.
   *
   * @param targetDirectory savepoint directory, or null for the cluster's {@code
   *     execution.checkpointing.savepoint-dir}
   * @return the savepoint location, to pass to {@link RunRequest#fromSavepoint}
   */
  public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout) {
    ObjectNode body = json.createObjectNode();
    if (targetDirectory != null) {
      body.put("targetDirectory", targetDirectory);
    }
    body.put("drain", false);
    String trigger =
        post("jobs/" + jobId + "/stop", body, "stop " + jobId).path("request-id").asText();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode status = get("jobs/" + jobId + "/savepoints/" + trigger);
      if ("COMPLETED".equals(status.path("status").path("id").asText())) {
        JsonNode operation = status.path("operation");
        if (operation.has("failure-cause")) {
          throw new FlinkRestException(
              "savepoint of " + jobId + " failed: " + operation.path("failure-cause"), 0, null);
        }
        return operation.path("location").asText();
      }
      if (System.nanoTime() > deadline) {
        throw new FlinkRestException(
            "savepoint of " + jobId + " not done after " + timeout, 0, null);
      }
      pause();
    }
  }

  /** Deletes an uploaded jar ({@code DELETE /jars/:jarid}). */
  public void deleteJar(String jarId) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("jars/" + jarId))
            .timeout(REQUEST_TIMEOUT)
            .DELETE()
            .build();
    send(request, "delete jar " + jarId);
  }

  private JsonNode get(String path) {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build(),
        "GET " + path);
  }

  private JsonNode post(String path, JsonNode body, String what) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    return send(request, what);
  }

  private JsonNode send(HttpRequest request, String what) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new FlinkRestException(what + ": no answer from " + base, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlinkRestException(what + ": interrupted", 0, e);
    }
    JsonNode body;
    try {
      body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    } catch (IOException e) {
      throw new FlinkRestException(
          what + ": unreadable answer " + response.statusCode() + " " + response.body(),
          response.statusCode(),
          e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new FlinkRestException(
          what + " failed with HTTP " + response.statusCode() + ": " + body.path("errors"),
          response.statusCode(),
          null);
    }
    return body;
  }

  private static boolean isTerminal(String state) {
    return switch (state) {
      case "FAILED", "CANCELED", "FINISHED", "SUSPENDED" -> true;
      default -> false;
    };
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlinkRestException("interrupted while waiting for Flink", 0, e);
    }
  }

  /**
   * What to run from an uploaded jar.
   *
   * @param entryClass main class
   * @param args program arguments
   * @param parallelism job parallelism, if not the cluster's default
   * @param savepointPath savepoint to restore from, if any
   * @param allowNonRestoredState whether savepoint state without a matching operator is skipped
   */
  public record RunRequest(
      String entryClass,
      List<String> args,
      Optional<Integer> parallelism,
      Optional<String> savepointPath,
      boolean allowNonRestoredState) {

    public RunRequest {
      Objects.requireNonNull(entryClass, "entryClass");
      args = List.copyOf(args);
      Objects.requireNonNull(parallelism, "parallelism");
      Objects.requireNonNull(savepointPath, "savepointPath");
    }

    /** A fresh start of {@code entryClass} with {@code args}. */
    public static RunRequest of(String entryClass, List<String> args) {
      return new RunRequest(entryClass, args, Optional.empty(), Optional.empty(), false);
    }

    /** The same run, restoring state from {@code savepoint}. */
    public RunRequest fromSavepoint(String savepoint) {
      return new RunRequest(
          entryClass, args, parallelism, Optional.of(savepoint), allowNonRestoredState);
    }

    /** The same run with a parallelism. */
    public RunRequest withParallelism(int p) {
      return new RunRequest(entryClass, args, Optional.of(p), savepointPath, allowNonRestoredState);
    }
  }
}
