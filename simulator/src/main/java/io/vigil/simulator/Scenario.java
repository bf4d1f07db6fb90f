package io.vigil.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.ThreatClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A script of attacks and load surges, with offsets from the start of the run, plus optionally a
 * generated attack mix. Read from JSON (comments allowed); {@code
 * simulator/src/main/resources/scenarios/demo.json} is the documented example and the built-in
 * {@link #demo()} script:
 *
 * <pre>{@code
 * {
 *   "name": "demo",
 *   "description": "free text",
 *   "attacks": [
 *     {"name": "ddos-search", "class": "ddos", "variant": "normal",
 *      "start": "25s", "duration": "20s", "target": "GET /search", "sources": 30, "rate": 6}
 *   ],
 *   "surges": [
 *     {"name": "catalog-campaign", "service": "catalog", "start": "50s", "duration": "35s",
 *      "factor": 3.5}
 *   ],
 *   "random": {"perHour": 6, "slowAndLowShare": 0.3, "minDuration": "1m", "maxDuration": "4m",
 *              "warmUp": "10m"}
 * }
 * }</pre>
 *
 * <p>{@code class} is a threat class ({@code ddos}, {@code credential_stuffing}, {@code scraping},
 * {@code lateral_movement}, {@code exfiltration}); {@code variant} is {@code normal} (default) or
 * {@code slow_and_low}; {@code start} and {@code duration} are {@link Durations}; {@code target},
 * {@code sources} and {@code rate} are optional (see {@link AttackSpec}). Unknown keys are errors,
 * so a typo never silently drops an attack.
 *
 * @param name scenario name
 * @param description free text
 * @param attacks scripted attacks
 * @param surges scripted load surges
 * @param random generated attack mix, if any
 */
public record Scenario(
    String name,
    String description,
    List<AttackSpec> attacks,
    List<LoadSurge> surges,
    Optional<RandomAttacks> random) {

  /** Classpath resource of the built-in demo script. */
  public static final String DEMO_RESOURCE = "/scenarios/demo.json";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  /** Validates and copies; names of attacks and surges must be unique. */
  public Scenario {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    attacks = List.copyOf(attacks);
    surges = List.copyOf(surges);
    Objects.requireNonNull(random, "random");
    Set<String> names = new HashSet<>();
    for (AttackSpec attack : attacks) {
      if (!names.add(attack.name())) {
        throw new IllegalArgumentException(
            "duplicate attack or surge name '" + attack.name() + "'");
      }
    }
    for (LoadSurge surge : surges) {
      if (!names.add(surge.name())) {
        throw new IllegalArgumentException("duplicate attack or surge name '" + surge.name() + "'");
      }
    }
  }

  /** No attacks, no surges: normal traffic only. */
  public static Scenario none() {
    return new Scenario("none", "normal traffic only", List.of(), List.of(), Optional.empty());
  }

  /**
   * The built-in demo script ({@value #DEMO_RESOURCE}), sized for a 90-second run: 25 s of normal
   * traffic, then each attack class once (scraping as its slow-and-low variant) and a load surge on
   * {@code catalog}, all over by 85 s.
   */
  public static Scenario demo() {
    try (InputStream in = Scenario.class.getResourceAsStream(DEMO_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEMO_RESOURCE + " missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEMO_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEMO_RESOURCE, e);
    }
  }

  /** Only a generated attack mix (training and evaluation data). */
  public static Scenario random(RandomAttacks mix) {
    return new Scenario("random", "generated attack mix", List.of(), List.of(), Optional.of(mix));
  }

  /**
   * Reads a scenario file.
   *
   * @throws IllegalArgumentException naming the file and the offending entry when it is invalid
   * @throws UncheckedIOException when it cannot be read
   */
  public static Scenario load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario file " + file, e);
    }
  }

  /**
   * Parses scenario JSON.
   *
   * @param source where the text comes from, for error messages
   * @throws IllegalArgumentException naming the source and the offending entry
   */
  public static Scenario parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    try {
      return fromJson(root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static Scenario fromJson(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a scenario is a JSON object");
    }
    Fields top = new Fields(root, "scenario", "name", "description", "attacks", "surges", "random");
    List<AttackSpec> attacks = new ArrayList<>();
    JsonNode attackNodes = top.array("attacks");
    for (int i = 0; i < attackNodes.size(); i++) {
      attacks.add(attack(attackNodes.get(i), "attacks[" + i + "]"));
    }
    List<LoadSurge> surges = new ArrayList<>();
    JsonNode surgeNodes = top.array("surges");
    for (int i = 0; i < surgeNodes.size(); i++) {
      surges.add(surge(surgeNodes.get(i), "surges[" + i + "]"));
    }
    Optional<RandomAttacks> random =
        top.has("random") ? Optional.of(random(root.get("random"))) : Optional.empty();
    return new Scenario(
        top.text("name", "scenario"), top.text("description", ""), attacks, surges, random);
  }

  private static AttackSpec attack(JsonNode node, String where) {
    Fields f =
        new Fields(
            node,
            where,
            "name",
            "class",
            "variant",
            "start",
            "duration",
            "target",
            "sources",
            "rate");
    String name = f.text("name", where);
    try {
      return new AttackSpec(
          name,
          threatClass(f.required("class")),
          Variant.parse(f.text("variant", "normal")),
          Durations.parse(f.required("start")),
          Durations.parse(f.required("duration")),
          f.has("target") ? f.required("target") : null,
          f.integer("sources", 0),
          f.number("rate", 0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " (" + name + "): " + e.getMessage(), e);
    }
  }

  private static LoadSurge surge(JsonNode node, String where) {
    Fields f = new Fields(node, where, "name", "service", "start", "duration", "factor");
    String name = f.text("name", where);
    try {
      return new LoadSurge(
          name,
          f.required("service"),
          Durations.parse(f.required("start")),
          Durations.parse(f.required("duration")),
          f.number("factor", 0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " (" + name + "): " + e.getMessage(), e);
    }
  }

  private static RandomAttacks random(JsonNode node) {
    RandomAttacks d = RandomAttacks.defaults();
    Fields f =
        new Fields(
            node, "random", "perHour", "slowAndLowShare", "minDuration", "maxDuration", "warmUp");
    try {
      return new RandomAttacks(
          f.number("perHour", d.perHour()),
          f.number("slowAndLowShare", d.slowAndLowShare()),
          f.has("minDuration") ? Durations.parse(f.required("minDuration")) : d.minDuration(),
          f.has("maxDuration") ? Durations.parse(f.required("maxDuration")) : d.maxDuration(),
          f.has("warmUp") ? Durations.parse(f.required("warmUp")) : d.warmUp());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("random: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a threat class: the {@link ThreatClass} symbol in any case, dashes allowed ({@code
   * credential-stuffing}).
   */
  public static ThreatClass threatClass(String text) {
    String normalised = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (ThreatClass c : ThreatClass.values()) {
      if (c != ThreatClass.NONE && c.name().equals(normalised)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown class '"
            + text
            + "', expected ddos, credential_stuffing, scraping, lateral_movement or exfiltration");
  }

  /** A copy without attacks (scripted or generated); surges stay, they are not attacks. */
  public Scenario withoutAttacks() {
    return new Scenario(name, description, List.of(), surges, Optional.empty());
  }

  /** This scenario as JSON in the file format ({@link #parse} reads it back). */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("name", name);
    root.put("description", description);
    ArrayNode attackNodes = root.putArray("attacks");
    for (AttackSpec a : attacks) {
      ObjectNode n = attackNodes.addObject();
      n.put("name", a.name());
      n.put("class", a.threatClass().name().toLowerCase(Locale.ROOT));
      n.put("variant", a.variant().name().toLowerCase(Locale.ROOT));
      n.put("start", Durations.format(a.offset()));
      n.put("duration", Durations.format(a.duration()));
      if (a.target() != null) {
        n.put("target", a.target());
      }
      if (a.sources() > 0) {
        n.put("sources", a.sources());
      }
      if (a.rate() > 0) {
        n.put("rate", a.rate());
      }
    }
    ArrayNode surgeNodes = root.putArray("surges");
    for (LoadSurge s : surges) {
      ObjectNode n = surgeNodes.addObject();
      n.put("name", s.name());
      n.put("service", s.service());
      n.put("start", Durations.format(s.offset()));
      n.put("duration", Durations.format(s.duration()));
      n.put("factor", s.factor());
    }
    random.ifPresent(
        r -> {
          ObjectNode n = root.putObject("random");
          n.put("perHour", r.perHour());
          n.put("slowAndLowShare", r.slowAndLowShare());
          n.put("minDuration", Durations.format(r.minDuration()));
          n.put("maxDuration", Durations.format(r.maxDuration()));
          n.put("warmUp", Durations.format(r.warmUp()));
        });
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render scenario " + name, e);
    }
  }

  /** Typed access to the keys of one JSON object, rejecting keys it does not know. */
  private static final class Fields {
    private final JsonNode node;
    private final String where;

    Fields(JsonNode node, String where, String... known) {
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(where + ": expected a JSON object");
      }
      this.node = node;
      this.where = where;
      Set<String> allowed = Set.of(known);
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!allowed.contains(key)) {
          throw new IllegalArgumentException(
              where + ": unknown key '" + key + "', known keys: " + String.join(", ", known));
        }
      }
    }

    boolean has(String key) {
      return node.hasNonNull(key);
    }

    String required(String key) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        throw new IllegalArgumentException(where + ": '" + key + "' is required");
      }
      if (!value.isValueNode()) {
        throw new IllegalArgumentException(where + ": '" + key + "' must be a string");
      }
      return value.asText();
    }

    String text(String key, String fallback) {
      return has(key) ? required(key) : fallback;
    }

    int integer(String key, int fallback) {
      if (!has(key)) {
        return fallback;
      }
      JsonNode value = node.get(key);
      if (!value.canConvertToInt() || !value.isIntegralNumber()) {
        throw new IllegalArgumentException(where + ": '" + key + "' must be an integer");
      }
      return value.intValue();
    }

    double number(String key, double fallback) {
      if (!has(key)) {
        return fallback;
      }
      JsonNode value = node.get(key);
      if (!value.isNumber()) {
        throw new IllegalArgumentException(where + ": '" + key + "' must be a number");
      }
      return value.doubleValue();
    }

    JsonNode array(String key) {
      if (!has(key)) {
        return JSON.createArrayNode();
      }
      JsonNode value = node.get(key);
      if (!value.isArray()) {
        throw new IllegalArgumentException(where + ": '" + key + "' must be an array");
      }
      return value;
    }
  }
}
