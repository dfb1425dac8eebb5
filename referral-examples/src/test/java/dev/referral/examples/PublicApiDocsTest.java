package dev.referral.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type, constructor, method and constant of the library modules carries a Javadoc
 * comment (overrides inherit theirs). A source scan, so that the rule holds without a doclint
 * configuration that would also demand a tag for every parameter.
 */
class PublicApiDocsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern PUBLIC = Pattern.compile("^\\s*public\\s.*");

  static List<String> undocumented(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!PUBLIC.matcher(lines.get(i)).matches()) {
        continue;
      }
      int j = i - 1;
      boolean override = false;
      while (j >= 0 && lines.get(j).strip().startsWith("@")) {
        override |= lines.get(j).strip().startsWith("@Override");
        j--;
      }
      boolean documented = j >= 0 && lines.get(j).strip().endsWith("*/");
      if (!documented && !override) {
        missing.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
      }
    }
    return missing;
  }

  @Test
  void shouldDocumentEveryPublicDeclarationOfTheLibraryModules() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String module : List.of("referral-core", "referral-rules")) {
      Path main = ROOT.resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(main)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(main)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          missing.addAll(undocumented(file));
        }
      }
    }
    assertTrue(
        missing.isEmpty(), "public declarations without Javadoc:\n" + String.join("\n", missing));
  }
}
