package io.vigil.flink.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the shaded job jar ({@code vigil-flink-jobs.jar}) for submission, in this order: the system
 * property {@value #PROPERTY}, the environment variable {@value #ENV}, {@code
 * flink-jobs/target/vigil-flink-jobs.jar} under the working directory (a source checkout), and
 * {@code lib/vigil-flink-jobs.jar} under the working directory (a distribution).
 */
public final class JobJar {

  /** System property naming the job jar. */
  public static final String PROPERTY = "vigil.flink-jobs.jar";

  /** Environment variable naming the job jar. */
  public static final String ENV = "VIGIL_FLINK_JOBS_JAR";

  /** File name of the shaded job jar. */
  public static final String FILE_NAME = "vigil-flink-jobs.jar";

  private JobJar() {}

  /** The job jar, or an exception listing every place that was tried. */
  public static Path locate() {
    return locate(System.getProperty(PROPERTY), System.getenv(), Path.of(""));
  }

  static Path locate(String property, Map<String, String> env, Path workDir) {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(property)
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .ifPresent(candidates::add);
    Optional.ofNullable(env.get(ENV))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .ifPresent(candidates::add);
    candidates.add(workDir.resolve("flink-jobs").resolve("target").resolve(FILE_NAME));
    candidates.add(workDir.resolve("lib").resolve(FILE_NAME));
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .map(Path::toAbsolutePath)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "job jar not found; tried "
                        + candidates
                        + " (build it with `cd flink-jobs && ../mvnw package`, or set -D"
                        + PROPERTY
                        + " / "
                        + ENV
                        + ")"));
  }
}
