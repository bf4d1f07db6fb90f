package io.vigil.cli;

import io.vigil.responders.DecisionsAdmin;
import io.vigil.responders.DecisionsAdmin.ActiveDecision;
import io.vigil.responders.DecisionsAdmin.Outcome;
import io.vigil.responders.DecisionsAdmin.Status;
import io.vigil.responders.FirewallResponder;
import io.vigil.responders.ResponderSettings;
import io.vigil.responders.config.Durations;
import io.vigil.responders.firewall.FirewallAction;
import io.vigil.responders.firewall.FirewallDecision;
import io.vigil.responders.firewall.ManualDecision;
import io.vigil.responders.firewall.Scope;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil decisions list|add|delete}, like {@code cscli decisions}: the firewall responder's
 * active decisions, and operator requests it applies (it stays the single writer; the allow-list
 * still vetoes). {@code add} and {@code delete} exit 0 only when the responder answered APPLIED.
 */
@Command(
    name = "decisions",
    mixinStandardHelpOptions = true,
    description =
        "List the firewall decisions active now, or ask the firewall responder to add or delete"
            + " one. add/delete exit 0 only when applied; 1 when vetoed by the allow-list, not"
            + " found, rejected or not answered within --wait (the request stays queued).",
    subcommands = {
      DecisionsCommand.ListDecisions.class,
      DecisionsCommand.Add.class,
      DecisionsCommand.Delete.class
    })
final class DecisionsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing required subcommand: list, add or delete");
  }

  /** Actions an operator can request ({@code --type}). */
  enum DecisionType {
    BLOCK,
    RATE_LIMIT,
    ISOLATE,
    REVOKE_TOKEN;

    FirewallAction action() {
      return FirewallAction.valueOf(name());
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Exactly one scope flag and its target. */
  static final class Target {
    @Option(names = "--ip", paramLabel = "IP", description = "An IPv4 or IPv6 address.")
    String ip;

    @Option(
        names = "--range",
        paramLabel = "CIDR",
        description = "A network, e.g. 198.51.100.0/24.")
    String range;

    @Option(names = "--principal", paramLabel = "ID", description = "A principal or token id.")
    String principal;

    @Option(names = "--service", paramLabel = "NAME", description = "A service.")
    String service;

    @Option(
        names = "--edge",
        paramLabel = "CALLER->CALLEE",
        description = "A caller-to-callee edge, e.g. cart->payments.")
    String edge;

    Scope scope() {
      if (ip != null) {
        return Scope.IP;
      }
      if (range != null) {
        return Scope.CIDR;
      }
      if (principal != null) {
        return Scope.PRINCIPAL;
      }
      return service != null ? Scope.SERVICE : Scope.EDGE;
    }

    String target() {
      switch (scope()) {
        case IP:
          return ip;
        case CIDR:
          return range;
        case PRINCIPAL:
          return principal;
        case SERVICE:
          return service;
        default:
          return edge;
      }
    }
  }

  /** Options of add and delete: who asks, and how long to wait for the responder's answer. */
  static final class Request {
    @Option(
        names = "--by",
        paramLabel = "NAME",
        description = "Operator named in the decision (default: the user name).")
    String by = System.getProperty("user.name", "operator");

    @Option(
        names = "--wait",
        paramLabel = "DURATION",
        defaultValue = "10s",
        description = "How long to wait for the responder's answer (default: ${DEFAULT-VALUE}).")
    String waitFor;
  }

  static DecisionsAdmin admin(ConfigOptions options) {
    ResponderSettings settings =
        ResponderSettings.load(
            Optional.ofNullable(options.configFile), System.getenv(), options.overrides());
    return DecisionsAdmin.create(
        settings, FirewallResponder.Options.from(settings).topics(), Clock.systemUTC());
  }

  static Duration duration(CommandLine cli, String option, String text) {
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("must be positive, got '" + text + "'");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, "Invalid " + option + ": " + e.getMessage());
    }
  }

  /** Prints the outcome: 0 for APPLIED, 1 with the responder's message otherwise. */
  static int report(CommandLine cli, Outcome outcome) {
    if (outcome.status() == Status.APPLIED) {
      PrintWriter out = cli.getOut();
      out.printf(
          "APPLIED: %s%s%n",
          outcome.message() == null ? "" : outcome.message(),
          outcome.decisionId() == null ? "" : " (decision " + outcome.decisionId() + ")");
      out.flush();
      return 0;
    }
    PrintWriter err = cli.getErr();
    err.printf(
        "%s: %s%s%n",
        outcome.status(),
        outcome.message() == null ? "" : outcome.message(),
        outcome.rule() == null ? "" : " (rule " + outcome.rule() + ")");
    err.flush();
    return 1;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The decisions active now (read from ops.firewall-decisions).")
  static final class ListDecisions implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<ActiveDecision> active;
      try (DecisionsAdmin admin = admin(options)) {
        active = admin.list();
      }
      PrintWriter out = spec.commandLine().getOut();
      if (active.isEmpty()) {
        out.println("No active decisions.");
        out.flush();
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "ID", "KEY", "ACTION", "ORIGIN", "REQUESTED BY", "EXPIRES AT", "ENFORCED", "REASON"
          });
      for (ActiveDecision a : active) {
        FirewallDecision d = a.decision();
        String action = d.action().name().toLowerCase(Locale.ROOT);
        if (d.ratePerSecond() != null) {
          action += " " + d.ratePerSecond() + "/s";
        }
        rows.add(
            new String[] {
              d.id(),
              d.key().toString(),
              action,
              a.origin() == null ? "" : a.origin().name().toLowerCase(Locale.ROOT),
              a.requestedBy() == null ? "-" : a.requestedBy(),
              d.expiresAt().toString(),
              Boolean.toString(d.enforced()),
              d.reason()
            });
      }
      int[] widths = new int[rows.get(0).length];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
          line.append(
              i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
        }
        out.println(line.toString().stripTrailing());
      }
      out.printf("%d active decision%s%n", active.size(), active.size() == 1 ? "" : "s");
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Ask the firewall responder to enforce a decision on a target for a duration. It"
              + " replaces an active decision on the target, bypasses thresholds and the"
              + " blast-radius cap, but not the allow-list.")
  static final class Add implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Target (exactly one):%n")
    Target target;

    @Option(
        names = "--type",
        paramLabel = "TYPE",
        description =
            "block, rate_limit, isolate or revoke_token (default: block for --ip/--range,"
                + " revoke_token for --principal, isolate for --service/--edge; rate_limit when"
                + " --rate is given).")
    DecisionType type;

    @Option(
        names = "--rate",
        paramLabel = "R",
        description = "Requests per second, with --type rate_limit.")
    Double rate;

    @Option(
        names = "--duration",
        required = true,
        paramLabel = "DURATION",
        description = "How long the decision holds, e.g. 15m, 4h, 7d or PT4H.")
    String duration;

    @Option(
        names = "--reason",
        required = true,
        paramLabel = "TEXT",
        description = "Why, kept in the decision.")
    String reason;

    @Mixin Request request;

    DecisionType type(Scope scope) {
      if (type != null) {
        return type;
      }
      if (rate != null) {
        return DecisionType.RATE_LIMIT;
      }
      switch (scope) {
        case IP:
        case CIDR:
          return DecisionType.BLOCK;
        case PRINCIPAL:
          return DecisionType.REVOKE_TOKEN;
        default:
          return DecisionType.ISOLATE;
      }
    }

    @Override
    public Integer call() {
      CommandLine cli = spec.commandLine();
      Scope scope = target.scope();
      DecisionType t = type(scope);
      if (t == DecisionType.RATE_LIMIT && rate == null) {
        throw new CommandLine.ParameterException(cli, "--type rate_limit needs --rate");
      }
      if (t != DecisionType.RATE_LIMIT && rate != null) {
        throw new CommandLine.ParameterException(cli, "--rate applies only to --type rate_limit");
      }
      if (!t.action().supports(scope)) {
        throw new CommandLine.ParameterException(
            cli,
            "--type "
                + t
                + " cannot target "
                + scope.name().toLowerCase(Locale.ROOT)
                + " (it applies to "
                + t.action().allowedScopes().toString().toLowerCase(Locale.ROOT)
                + ")");
      }
      Duration ttl = duration(cli, "--duration", duration);
      Duration wait = duration(cli, "--wait", request.waitFor);
      ManualDecision decision;
      try {
        decision = new ManualDecision(scope, target.target(), t.action(), rate, ttl, reason);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cli, e.getMessage());
      }
      try (DecisionsAdmin admin = admin(options)) {
        Outcome outcome;
        try {
          outcome = admin.add(decision, request.by, wait);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(
              cli, "Invalid target '" + target.target() + "': " + e.getMessage());
        }
        return report(cli, outcome);
      }
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description =
          "Ask the firewall responder to lift the active decision on a target (UNBLOCK or"
              + " RESTORE).")
  static final class Delete implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Target (exactly one):%n")
    Target target;

    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        defaultValue = "deleted by operator",
        description = "Why (default: ${DEFAULT-VALUE}).")
    String reason;

    @Mixin Request request;

    @Override
    public Integer call() {
      CommandLine cli = spec.commandLine();
      Duration wait = duration(cli, "--wait", request.waitFor);
      try (DecisionsAdmin admin = admin(options)) {
        Outcome outcome;
        try {
          outcome = admin.delete(target.scope(), target.target(), reason, request.by, wait);
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(
              cli, "Invalid target '" + target.target() + "': " + e.getMessage());
        }
        return report(cli, outcome);
      }
    }
  }
}
