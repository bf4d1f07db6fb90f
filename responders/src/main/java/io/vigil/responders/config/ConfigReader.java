package io.vigil.responders.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the keys under one prefix of a {@link Properties} file, collecting every problem instead of
 * stopping at the first, and remembering which keys were read so that {@link
 * #rejectUnknownKeys(Collection)} can name the keys nobody understood (typos included).
 *
 * <p>Keys outside the prefix are ignored: the same file may carry settings of other components
 * (Kafka, registry). A getter that meets an unparsable value records a problem naming the key and
 * returns the parsed default, so reading can go on and report everything at once; {@link
 * #throwIfProblems(String)} then fails the whole configuration.
 */
public final class ConfigReader {

  private final Map<String, String> values = new TreeMap<>();
  private final Set<String> consumed = new TreeSet<>();
  private final List<String> problems = new ArrayList<>();

  /**
   * @param properties the file's properties (defaults of a {@link Properties} included)
   * @param prefix only keys starting with this prefix are read and checked
   */
  public ConfigReader(Properties properties, String prefix) {
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(prefix)) {
        values.put(key, properties.getProperty(key).trim());
      }
    }
  }

  /** All keys under the prefix, sorted. */
  public Set<String> keys() {
    return Set.copyOf(values.keySet());
  }

  /** Whether the file sets the key. */
  public boolean isSet(String key) {
    return values.containsKey(key);
  }

  /** Records a problem about a key. */
  public void problem(String key, String message) {
    problem(key + ": " + message);
  }

  /** Records a problem not tied to a single key. */
  public void problem(String message) {
    if (!problems.contains(message)) {
      problems.add(message);
    }
  }

  /** The raw value or the key's default, marking the key as understood. */
  public String raw(ConfigKey key) {
    return raw(key.name(), key.defaultValue());
  }

  /** The raw value or the given default, marking the key as understood. */
  public String raw(String key, String defaultValue) {
    consumed.add(key);
    return values.getOrDefault(key, defaultValue);
  }

  /** A string value; blank means "not set" and yields the default. */
  public String string(String key, String defaultValue) {
    String v = raw(key, defaultValue);
    return v.isBlank() ? defaultValue : v;
  }

  /** A boolean written {@code true} or {@code false} (any case). */
  public boolean bool(ConfigKey key) {
    return bool(key.name(), key.defaultValue());
  }

  /** A boolean written {@code true} or {@code false} (any case). */
  public boolean bool(String key, String defaultValue) {
    return parse(
        key,
        defaultValue,
        v -> {
          String t = v.toLowerCase(Locale.ROOT);
          if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
          }
          throw new IllegalArgumentException("expected true or false, got '" + v + "'");
        });
  }

  /** An integer within {@code [min, max]}. */
  public int integer(ConfigKey key, int min, int max) {
    return integer(key.name(), key.defaultValue(), min, max);
  }

  /** An integer within {@code [min, max]}. */
  public int integer(String key, String defaultValue, int min, int max) {
    return parse(
        key,
        defaultValue,
        v -> {
          int n;
          try {
            n = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer, got '" + v + "'", e);
          }
          if (n < min || n > max) {
            throw new IllegalArgumentException(
                "must be between " + min + " and " + max + ", got " + n);
          }
          return n;
        });
  }

  /** A finite decimal within {@code [min, max]}. */
  public double decimal(ConfigKey key, double min, double max) {
    return decimal(key.name(), key.defaultValue(), min, max);
  }

  /** A finite decimal within {@code [min, max]}. */
  public double decimal(String key, String defaultValue, double min, double max) {
    return parse(key, defaultValue, v -> parseDecimal(v, min, max));
  }

  /** A duration within {@code [min, max]}, see {@link Durations#parse(String)}. */
  public Duration duration(ConfigKey key, Duration min, Duration max) {
    return duration(key.name(), key.defaultValue(), min, max);
  }

  /** A duration within {@code [min, max]}, see {@link Durations#parse(String)}. */
  public Duration duration(String key, String defaultValue, Duration min, Duration max) {
    return parse(key, defaultValue, v -> parseDuration(v, min, max));
  }

  /** A comma-separated list; blank entries are dropped, so an empty value is an empty list. */
  public List<String> list(ConfigKey key) {
    return list(key.name(), key.defaultValue());
  }

  /** A comma-separated list; blank entries are dropped, so an empty value is an empty list. */
  public List<String> list(String key, String defaultValue) {
    return splitList(raw(key, defaultValue));
  }

  /**
   * An enum constant, matched case-insensitively with {@code -} and {@code _} interchangeable,
   * among the given allowed constants.
   */
  @SafeVarargs
  public final <E extends Enum<E>> E enumValue(
      String key, String defaultValue, Class<E> type, E... allowed) {
    List<E> choices =
        allowed.length == 0 ? Arrays.asList(type.getEnumConstants()) : List.of(allowed);
    return parse(key, defaultValue, v -> parseEnum(v, choices));
  }

  /**
   * Parses a value with the given parser; on failure records a problem naming the key and returns
   * the parsed default (or throws if the default itself is broken, a programming error).
   */
  public <T> T parse(String key, String defaultValue, Function<String, T> parser) {
    String v = raw(key, defaultValue);
    try {
      return parser.apply(v);
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
      return parser.apply(defaultValue);
    }
  }

  /**
   * Records a problem for every key under the prefix that was never read, suggesting the closest
   * known key when it is a likely typo.
   *
   * @param knownKeys the keys (or key templates) to suggest from
   */
  public void rejectUnknownKeys(Collection<String> knownKeys) {
    for (String key : values.keySet()) {
      if (!consumed.contains(key)) {
        String suggestion = closest(key, knownKeys);
        problem(
            key
                + ": unknown key"
                + (suggestion == null ? "" : " (did you mean " + suggestion + "?)"));
      }
    }
  }

  /** Problems recorded so far. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Throws a {@link ConfigException} listing every recorded problem, if any. */
  public void throwIfProblems(String what) {
    if (!problems.isEmpty()) {
      throw new ConfigException(what, problems);
    }
  }

  /** Splits a comma-separated list, trimming entries and dropping blank ones. */
  public static List<String> splitList(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  /** Parses a finite decimal within {@code [min, max]}. */
  public static double parseDecimal(String v, double min, double max) {
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number, got '" + v + "'", e);
    }
    if (!Double.isFinite(d) || d < min || d > max) {
      throw new IllegalArgumentException(
          "must be between " + trim(min) + " and " + trim(max) + ", got " + v);
    }
    return d;
  }

  /** Parses a duration within {@code [min, max]}. */
  public static Duration parseDuration(String v, Duration min, Duration max) {
    Duration d = Durations.parse(v);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "must be between "
              + Durations.format(min)
              + " and "
              + Durations.format(max)
              + ", got "
              + v);
    }
    return d;
  }

  /** Parses an enum constant case-insensitively, {@code -} and {@code _} interchangeable. */
  public static <E extends Enum<E>> E parseEnum(String v, List<E> choices) {
    String norm = v.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : choices) {
      if (e.name().equals(norm)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : choices) {
      names.add(e.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException("expected one of " + names + ", got '" + v + "'");
  }

  private static String trim(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static String closest(String key, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = levenshtein(key, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return bestDistance <= 3 ? best : null;
  }

  private static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
