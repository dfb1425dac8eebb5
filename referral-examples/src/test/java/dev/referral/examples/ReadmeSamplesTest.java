package dev.referral.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Java sample in the README stands, word for word, in a source file the build compiles. */
class ReadmeSamplesTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  private static String normalize(String code) {
    return code.replaceAll("\\s+", " ").strip();
  }

  private static String compiledSources() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module :
          modules.filter(p -> p.getFileName().toString().startsWith("referral-")).toList()) {
        Path src = module.resolve("src");
        if (!Files.isDirectory(src)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(src)) {
          files
              .filter(p -> p.toString().endsWith(".java"))
              .forEach(
                  p -> {
                    try {
                      all.append(normalize(Files.readString(p))).append('\n');
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  });
        }
      }
    }
    return all.toString();
  }

  @Test
  void shouldCompileEveryJavaSampleOfTheReadme() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    List<String> samples = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme);
    while (m.find()) {
      samples.add(m.group(1));
    }
    assertFalse(samples.isEmpty(), "the README has Java samples");
    String sources = compiledSources();
    for (String sample : samples) {
      assertTrue(
          sources.contains(normalize(sample)),
          "this README sample is not in any compiled source file:\n" + sample);
    }
  }
}
