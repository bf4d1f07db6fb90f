package io.vigil.responders.actuator;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.ops.FirewallCommand;
import io.vigil.responders.ResponderSettings;
import io.vigil.responders.RunningComponent;
import io.vigil.schemas.catalog.TopicCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The nftables actuator ({@code vigil actuators nftables}): keeps the host's Vigil sets in step
 * with the firewall commands (see {@link NftablesScript} for the sets, rules and scripts). Each
 * host runs its own instance with its own consumer group ({@code <prefix>nftables-<host name>}), so
 * every host applies every command.
 *
 * <p>At start it applies the bootstrap script (table, sets, chain). Each BLOCK, RATE_LIMIT or
 * UNBLOCK of an ip or cidr becomes one script, run as {@code nft -f -} (one kernel transaction); a
 * non-zero exit status is a retriable failure naming nft's error output. In dry-run, scripts are
 * printed instead and commands count as {@code skipped/dry_run}. Commands not enforced (policy
 * dry-run), not for the network layer, or already expired are skipped.
 */
public final class NftablesActuator {

  /** Actuator name: thread, metrics, health. */
  public static final String NAME = "nftables-actuator";

  private static final long NFT_TIMEOUT_SECONDS = 10;

  private NftablesActuator() {}

  /**
   * nftables settings.
   *
   * @param table table in family inet
   * @param hook {@code input} or {@code forward}
   * @param command nft executable
   * @param rateTiers rate-limit tiers, new connections per second
   * @param dryRunOutput where dry-run scripts go (standard output for the CLI)
   */
  public record Options(
      String table,
      String hook,
      String command,
      List<Integer> rateTiers,
      Consumer<String> dryRunOutput) {

    public Options {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(hook, "hook");
      Objects.requireNonNull(command, "command");
      rateTiers = List.copyOf(rateTiers);
      Objects.requireNonNull(dryRunOutput, "dryRunOutput");
    }

    /** The options the settings describe; dry-run scripts go to standard output. */
    public static Options from(ResponderSettings s) {
      List<Integer> tiers = new ArrayList<>();
      for (String t : s.getList(ResponderSettings.NFT_RATE_TIERS_CONFIG)) {
        tiers.add(Integer.parseInt(t.trim())); // validated by ResponderSettings
      }
      return new Options(
          s.getString(ResponderSettings.NFT_TABLE_CONFIG),
          s.getString(ResponderSettings.NFT_HOOK_CONFIG),
          s.getString(ResponderSettings.NFT_COMMAND_CONFIG),
          tiers,
          System.out::print);
    }

    /** These options printing dry-run scripts elsewhere. */
    public Options withDryRunOutput(Consumer<String> out) {
      return new Options(table, hook, command, rateTiers, out);
    }
  }

  /**
   * Starts the nftables actuator on the firewall command topic.
   *
   * @throws ActuationException if the bootstrap script fails (not in dry-run)
   */
  public static RunningComponent start(VigilConfig config, ActuatorOptions options, Options nft)
      throws ActuationException {
    NftablesScript scripts = new NftablesScript(nft.table(), nft.hook(), nft.rateTiers());
    TopicCatalog catalog = TopicCatalog.from(config);
    var firewall = options.firewallTopic(catalog);
    options.ensureTopics(config, List.of(firewall));
    if (options.dryRun()) {
      nft.dryRunOutput().accept(scripts.bootstrap());
    } else {
      run(nft.command(), scripts.bootstrap());
    }
    Clock clock = options.clock();
    CommandApplier<FirewallCommand> applier = c -> apply(c, scripts, clock, options.dryRun(), nft);
    return Actuator.start(
        options.settings(config, NAME, "nftables-" + hostName()),
        List.of(new Actuator.Route<>(firewall, FirewallCommand::getCommandId, applier)),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        () -> {});
  }

  /** Applies (or, in dry-run, prints) the script of one command. */
  static Actuation apply(
      FirewallCommand c, NftablesScript scripts, Clock clock, boolean dryRun, Options nft)
      throws ActuationException {
    if (!c.getEnforced()) {
      return Actuation.skipped("not_enforced", "dry-run decision of the firewall policy");
    }
    Optional<String> script = scripts.render(c, clock.instant());
    if (script.isEmpty()) {
      return Actuation.skipped(
          "not_applicable",
          c.getAction().name().toLowerCase(Locale.ROOT)
              + " "
              + c.getScope().name().toLowerCase(Locale.ROOT)
              + ":"
              + c.getTarget()
              + " is not a network-layer change, or has expired");
    }
    if (dryRun) {
      nft.dryRunOutput().accept(script.get());
      return Actuation.skipped("dry_run", "script printed");
    }
    run(nft.command(), script.get());
    return Actuation.applied("nft", "script applied");
  }

  /** Runs {@code <command> -f -} with the script on standard input. */
  static void run(String command, String script) throws ActuationException {
    Process p;
    try {
      p = new ProcessBuilder(command, "-f", "-").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new ActuationException("cannot run " + command + ": " + e.getMessage(), false, e);
    }
    try {
      IOException writeFailure = null;
      try (OutputStream in = p.getOutputStream()) {
        in.write(script.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // nft stopped reading (e.g. it rejected the script early): its exit status says why.
        writeFailure = e;
      }
      if (!p.waitFor(NFT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ActuationException(
            command + " -f - did not finish within " + NFT_TIMEOUT_SECONDS + "s", true, null);
      }
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new ActuationException(
            command + " -f - exited with " + p.exitValue() + ": " + output.strip(),
            true,
            writeFailure);
      }
      if (writeFailure != null) {
        throw new ActuationException(
            command + " -f - exited before reading the whole script", true, writeFailure);
      }
    } catch (IOException e) {
      throw new ActuationException("cannot talk to " + command + ": " + e.getMessage(), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new ActuationException("interrupted while running " + command, false, e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "cannot name this host for the nftables actuator's consumer group", e);
    }
  }
}
