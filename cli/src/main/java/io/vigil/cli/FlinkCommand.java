package io.vigil.cli;

import io.vigil.config.VigilConfig;
import io.vigil.flink.runner.FlinkSubmitter;
import io.vigil.flink.runner.JobJar;
import io.vigil.flink.runner.JobSummary;
import io.vigil.flink.runner.LocalFlinkCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil flink ...}: run a local Flink cluster and submit Vigil's job jar to any Flink
 * cluster over its REST API (the jar carries its own Kafka client, see VERSIONS.md #7).
 */
@Command(
    name = "flink",
    mixinStandardHelpOptions = true,
    description =
        "Run Vigil's Flink jobs locally; submit, list and stop them on any Flink cluster.",
    subcommands = {
      FlinkCommand.Local.class,
      FlinkCommand.Cluster.class,
      FlinkCommand.Submit.class,
      FlinkCommand.ListJobs.class,
      FlinkCommand.Stop.class
    })
final class FlinkCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code --rest}: the Flink cluster's REST endpoint, shared by the commands that talk to one. */
  static final class RestUrl {
    @Option(
        names = "--rest",
        defaultValue = "http://127.0.0.1:8081",
        description = "Flink REST URL. Default: ${DEFAULT-VALUE}.")
    String url;
  }

  /** The Flink jobs Vigil ships. */
  enum Job {
    anomaly(FlinkSubmitter.ANOMALY_JOB),
    forecast(FlinkSubmitter.FORECAST_JOB);

    final String entryClass;

    Job(String entryClass) {
      this.entryClass = entryClass;
    }
  }

  /** Program arguments pointing a job at the configured Kafka and registry. */
  static List<String> programArgs(VigilConfig config, List<String> extra) {
    List<String> args = new ArrayList<>();
    args.add("--bootstrap-servers");
    args.add(config.bootstrapServers());
    args.add("--schema-registry-url");
    args.add(config.schemaRegistryUrl());
    args.addAll(extra);
    return args;
  }

  /** Submits a job and waits until all its tasks run; returns the job id. */
  static String submitAndAwait(
      String restUrl, Path jar, Job job, List<String> args, String savepoint, PrintWriter out) {
    FlinkSubmitter submitter = new FlinkSubmitter(restUrl);
    String jarId = submitter.uploadJar(jar);
    FlinkSubmitter.RunRequest run = FlinkSubmitter.RunRequest.of(job.entryClass, args);
    if (savepoint != null) {
      run = run.fromSavepoint(savepoint);
    }
    String jobId = submitter.run(jarId, run);
    submitter.awaitRunning(jobId, Duration.ofMinutes(2));
    out.printf("%s job %s RUNNING on %s%n", job, jobId, restUrl);
    out.flush();
    return jobId;
  }

  /** Starts a local cluster, submits {@code jobs} to it and runs until Ctrl-C. */
  static int runLocal(
      int restPort,
      int slots,
      List<Job> jobs,
      Path jar,
      VigilConfig config,
      List<String> extra,
      PrintWriter out)
      throws Exception {
    Path jobJar = jobs.isEmpty() ? null : jar != null ? jar : JobJar.locate();
    LocalFlinkCluster cluster =
        LocalFlinkCluster.builder().restPort(restPort).slotsPerTaskManager(slots).start();
    try {
      out.printf("Flink web UI and REST API: %s%n", cluster.restUrl());
      out.flush();
      for (Job job : jobs) {
        submitAndAwait(cluster.restUrl(), jobJar, job, programArgs(config, extra), null, out);
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    Foreground.runUntilStopped("Flink cluster", cluster, out);
    return 0;
  }

  /** Port and slots of the in-process cluster ({@code flink local}, {@code flink cluster}). */
  static final class LocalClusterOptions {
    @Option(
        names = "--rest-port",
        defaultValue = "8082",
        description = "REST/web UI port (0 = free). Default: ${DEFAULT-VALUE}.")
    int restPort;

    @Option(
        names = "--slots",
        defaultValue = "4",
        description = "Task slots. Default: ${DEFAULT-VALUE}.")
    int slots;
  }

  /** The job jar to submit ({@code flink local}, {@code cluster}, {@code submit}). */
  static final class JobJarOption {
    @Option(
        names = "--jar",
        paramLabel = "FILE",
        description = "Job jar (default: the built flink-jobs jar).")
    Path jar;

    Path orBuilt() {
      return jar != null ? jar : JobJar.locate();
    }
  }

  @Command(
      name = "local",
      mixinStandardHelpOptions = true,
      description = {
        "Run Vigil's Flink jobs in this process: start a local Flink cluster (MiniCluster with"
            + " REST API and web UI on 127.0.0.1), submit the anomaly and forecast jobs to it"
            + " from the job jar against the configured Kafka and registry (e.g. `vigil stack`),"
            + " and run until Ctrl-C. Same as `vigil flink cluster --submit anomaly,forecast`."
            + " Extra job arguments follow `--` and go to every job."
      })
  static final class Local implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin LocalClusterOptions local;

    @Option(
        names = "--jobs",
        split = ",",
        paramLabel = "JOB",
        defaultValue = "anomaly,forecast",
        description = "Jobs to run: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    List<Job> jobs;

    @Mixin JobJarOption jobJar;

    @Parameters(
        paramLabel = "JOB_ARGS",
        description = "Extra job arguments for every job, e.g. -- --checkpoint-interval-ms 2000.")
    List<String> extra = List.of();

    @Override
    public Integer call() throws Exception {
      return runLocal(
          local.restPort,
          local.slots,
          jobs,
          jobJar.jar,
          options.load(),
          extra,
          spec.commandLine().getOut());
    }
  }

  @Command(
      name = "cluster",
      mixinStandardHelpOptions = true,
      description =
          "Start a local Flink cluster (MiniCluster with REST API and web UI on 127.0.0.1),"
              + " optionally submit Vigil's jobs to it, and run until Ctrl-C.")
  static final class Cluster implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin LocalClusterOptions local;

    @Option(
        names = "--submit",
        split = ",",
        paramLabel = "JOB",
        description = "Jobs to submit at start: ${COMPLETION-CANDIDATES}.")
    List<Job> submit = List.of();

    @Mixin JobJarOption jobJar;

    @Override
    public Integer call() throws Exception {
      return runLocal(
          local.restPort,
          local.slots,
          submit,
          jobJar.jar,
          submit.isEmpty() ? null : options.load(),
          List.of(),
          spec.commandLine().getOut());
    }
  }

  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description =
          "Upload the job jar to a Flink cluster's REST API and run a job against the configured"
              + " Kafka and registry. Extra job arguments follow `--`.")
  static final class Submit implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin RestUrl rest;

    @Option(names = "--job", required = true, description = "${COMPLETION-CANDIDATES}")
    Job job;

    @Mixin JobJarOption jobJar;

    @Option(
        names = "--from-savepoint",
        paramLabel = "PATH",
        description = "Restore from a savepoint.")
    String savepoint;

    @Parameters(
        paramLabel = "JOB_ARGS",
        description = "Extra job arguments, e.g. --window-ms 5000.")
    List<String> extra = List.of();

    @Override
    public Integer call() {
      submitAndAwait(
          rest.url,
          jobJar.orBuilt(),
          job,
          programArgs(options.load(), extra),
          savepoint,
          spec.commandLine().getOut());
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List jobs of a Flink cluster.")
  static final class ListJobs implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin RestUrl rest;

    @Override
    public Integer call() {
      for (JobSummary job : new FlinkSubmitter(rest.url).listJobs()) {
        spec.commandLine().getOut().printf("%s  %-10s %s%n", job.id(), job.state(), job.name());
      }
      return 0;
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop a job with a savepoint (or cancel it with --cancel).")
  static final class Stop implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin RestUrl rest;

    @Option(names = "--job-id", required = true, description = "Job id (see `vigil flink list`).")
    String jobId;

    @Option(
        names = "--savepoint-dir",
        description = "Savepoint directory (default: the cluster's).")
    String savepointDir;

    @Option(names = "--cancel", description = "Cancel without a savepoint.")
    boolean cancel;

    @Override
    public Integer call() {
      FlinkSubmitter submitter = new FlinkSubmitter(rest.url);
      if (cancel) {
        submitter.cancel(jobId);
        spec.commandLine().getOut().println("cancelled " + jobId);
      } else {
        String path = submitter.stopWithSavepoint(jobId, savepointDir, Duration.ofMinutes(2));
        spec.commandLine().getOut().println("stopped " + jobId + " with savepoint " + path);
      }
      return 0;
    }
  }
}
