package io.vigil.schemas.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** Parses a tree of {@code .avsc} files laid out by namespace, shared types first. */
final class SchemaFiles {

  static final String COMMON_DIR = "io/vigil/common";

  private SchemaFiles() {}

  /** A classpath directory as a path (test resources and main resources are plain directories). */
  static Path classpathDir(String name) {
    try {
      return Path.of(SchemaFiles.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The directory of the latest release under {@code /released}, by version number. */
  static Path latestRelease() {
    try (Stream<Path> versions = Files.list(classpathDir("/released"))) {
      return versions
          .filter(Files::isDirectory)
          .max(Comparator.comparing(p -> versionKey(p.getFileName().toString())))
          .orElseThrow(() -> new IllegalStateException("no released schemas"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String versionKey(String version) {
    StringBuilder key = new StringBuilder();
    for (String part : version.split("\\.")) {
      key.append(String.format("%08d", Integer.parseInt(part)));
    }
    return key.toString();
  }

  /** Every schema file under {@code root}, by relative path, each parsed with the shared types. */
  static Map<String, Schema> parseAll(Path root) {
    Map<String, Schema> schemas = new TreeMap<>();
    for (Path file : avscFiles(root)) {
      schemas.put(relative(root, file), parse(root, readString(file)));
    }
    return schemas;
  }

  /** Parses one schema text with the shared types of {@code root} known to the parser. */
  static Schema parse(Path root, String schemaText) {
    Schema.Parser parser = new Schema.Parser();
    for (Path shared : avscFiles(root.resolve(COMMON_DIR))) {
      String text = readString(shared);
      if (text.equals(schemaText)) {
        // A shared type itself: parse it alone, so it is not defined twice.
        return new Schema.Parser().parse(schemaText);
      }
      parser.parse(text);
    }
    return parser.parse(schemaText);
  }

  static List<Path> avscFiles(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
