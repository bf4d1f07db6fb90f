package io.vigil.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How far a running Flink job got, from its REST API: the input watermark of every non-source
 * vertex (windows fire when it passes their end) and the latest completed checkpoint (the
 * exactly-once sinks commit then).
 */
final class FlinkProgress {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String restUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  FlinkProgress(String restUrl) {
    this.restUrl = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
  }

  /**
   * Whether every non-source vertex of the job has an input watermark at or after {@code millis}.
   */
  boolean watermarkPassed(String jobId, long millis) {
    try {
      JsonNode vertices = get("/jobs/" + jobId).path("vertices");
      boolean any = false;
      for (JsonNode v : vertices) {
        if (v.path("name").asText().startsWith("Source")) {
          continue;
        }
        long low = Long.MAX_VALUE;
        boolean reported = false;
        for (JsonNode w :
            get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/watermarks")) {
          if (w.path("id").asText().endsWith("currentInputWatermark")) {
            reported = true;
            low = Math.min(low, Long.parseLong(w.path("value").asText()));
          }
        }
        if (!reported || low < millis) {
          return false;
        }
        any = true;
      }
      return any;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Whether a checkpoint of the job was triggered after {@code wallMillis} and completed. */
  boolean checkpointCompletedAfter(String jobId, long wallMillis) {
    try {
      JsonNode completed = get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
      return !completed.isMissingNode()
          && !completed.isNull()
          && completed.path("trigger_timestamp").asLong() > wallMillis;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private JsonNode get(String path) throws IOException {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(restUrl + path))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException(path + ": HTTP " + r.statusCode());
      }
      return JSON.readTree(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
