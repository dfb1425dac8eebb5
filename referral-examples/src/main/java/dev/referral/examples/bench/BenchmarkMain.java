package dev.referral.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks: {@code short} (about two minutes, a quick look) or {@code full}. Writes the
 * JMH results as JSON to {@code target/jmh-result-<mode>.json}, the memory figures to {@code
 * target/memory-result-<mode>.json}, and a Markdown summary with the ratios to {@code
 * target/bench-summary-<mode>.md}.
 *
 * <p>Arguments: the mode, then optionally a regular expression choosing benchmarks (the memory
 * measurement runs when it matches {@code memory}).
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  /** Runs the benchmarks of the mode given as the first argument. */
  public static void main(String[] args) throws RunnerException, IOException {
    String mode = args.length > 0 ? args[0] : "short";
    if (!mode.equals("short") && !mode.equals("full")) {
      throw new IllegalArgumentException("mode must be short or full but was " + mode);
    }
    boolean full = mode.equals("full");
    String include = args.length > 1 && !args[1].isBlank() ? args[1] : ".*";
    Path target = Path.of("target");
    Files.createDirectories(target);
    Path json = target.resolve("jmh-result-" + mode + ".json");
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(BenchmarkMain.class.getPackageName() + "\\..*(" + include + ").*")
            .addProfiler(GCProfiler.class)
            .addProfiler(CpuTimeProfiler.class)
            .jvmArgs("-Xms2g", "-Xmx2g")
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString());
    if (System.getenv(PostgresBenchmark.URL_VARIABLE) == null) {
      System.out.println(
          "No "
              + PostgresBenchmark.URL_VARIABLE
              + ": leaving out the PostgreSQL benchmark"
              + " (run under .ci/with-postgres to include it)");
      options.exclude("PostgresBenchmark");
    }
    if (full) {
      options
          .forks(2)
          .warmupIterations(5)
          .warmupTime(TimeValue.seconds(2))
          .measurementIterations(5)
          .measurementTime(TimeValue.seconds(2));
    } else {
      // Iterations and forks as the benchmark classes' annotations say.
      options.param("rulesOnOneType", "3", "1000");
    }
    Collection<RunResult> results =
        include.equals("memory") ? List.of() : new Runner(options.build()).run();
    MemoryFootprint.Result memory = null;
    if ("memory".matches(include)) {
      memory = MemoryFootprint.measure(full ? 1_000_000 : 100_000);
      Files.writeString(
          target.resolve("memory-result-" + mode + ".json"),
          memory.toJson() + "\n",
          StandardCharsets.UTF_8);
    }
    String summary = summary(results, memory);
    Files.writeString(
        target.resolve("bench-summary-" + mode + ".md"), summary, StandardCharsets.UTF_8);
    System.out.println(summary);
  }

  /** The results as Markdown tables, with the ratios the targets are stated in. */
  static String summary(Collection<RunResult> results, MemoryFootprint.Result memory) {
    StringBuilder out = new StringBuilder();
    out.append("| benchmark | params | mean | error | best | unit | B/op | worker CPU ns/op |\n");
    out.append("|---|---|---:|---:|---:|---|---:|---:|\n");
    List<Row> rows = new ArrayList<>();
    for (RunResult run : results) {
      Row row = Row.of(run);
      rows.add(row);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.1f | %.1f | %.1f | %s | %s | %s |\n",
              row.name,
              row.params,
              row.score,
              row.error,
              row.best,
              row.unit,
              row.bytesPerOp < 0 ? "-" : String.format(Locale.ROOT, "%.0f", row.bytesPerOp),
              row.cpuPerOp < 0 ? "-" : String.format(Locale.ROOT, "%.0f", row.cpuPerOp)));
    }
    out.append("\n| ratio | value |\n|---|---:|\n");
    for (String benchmark : List.of("RulesBenchmark", "RulesOnOneTypeBenchmark")) {
      for (Row ours : rows) {
        if (ours.name.equals(benchmark + ".referralRules")) {
          for (Row easy : rows) {
            if (easy.name.equals(benchmark + ".easyRules") && easy.params.equals(ours.params)) {
              out.append(
                  String.format(
                      Locale.ROOT,
                      "| %s %s: Easy Rules / ours | %.1fx (best %.1fx) |\n",
                      benchmark,
                      ours.params,
                      easy.score / ours.score,
                      easy.best / ours.best));
            }
          }
        }
      }
    }
    Row at10 = find(rows, "RulesBenchmark.referralRules", "rules=10");
    Row at10k = find(rows, "RulesBenchmark.referralRules", "rules=10000");
    if (at10 != null && at10k != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "| ours, 10,000 rules / 10 rules (2-3 apply) | %.2fx (best %.2fx) |\n",
              at10k.score / at10.score,
              at10k.best / at10.best));
    }
    ratio(
        out,
        rows,
        "EndToEndBenchmark.refer2Threads",
        "EndToEndBenchmark.refer",
        "refer, 2 threads / 1 thread (ops/s)");
    ratio(
        out,
        rows,
        "EndToEndBenchmark.referAndConvert2Threads",
        "EndToEndBenchmark.referAndConvert",
        "refer and convert, 2 threads / 1 thread (ops/s)");
    ratio(
        out,
        rows,
        "PostgresBenchmark.checkoutBaseline",
        "PostgresBenchmark.checkoutWithConversion",
        "PostgreSQL, 4 threads: checkout with conversion / order row only (time)");
    ratio(
        out,
        rows,
        "PostgresBenchmark.checkoutBaseline",
        "PostgresBenchmark.checkoutWithSameRowsByHand",
        "PostgreSQL, 4 threads: the same rows written by hand / order row only (time)");
    ratio(
        out,
        rows,
        "PostgresBenchmark.checkoutWithSameRowsByHand",
        "PostgresBenchmark.checkoutWithConversion",
        "PostgreSQL, 4 threads: checkout with conversion / the same rows by hand (time)");
    Row withConversion = find(rows, "PostgresBenchmark.checkoutWithConversion", "");
    double statements = statementsPerConversion();
    if (withConversion != null && statements >= 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "| PostgreSQL: SQL statements per conversion (beyond the order row) | %.1f |\n",
              statements));
    }
    targets(out, rows, memory);
    if (memory != null) {
      out.append("\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "Memory, %,d leads with a 4-step history: %,d bytes per lead in the store (its"
                      + " indexes, order and events included), %,d bytes per lead value; %,d"
                      + " bytes per reward.\n",
                  memory.leads(),
                  memory.bytesPerLead(),
                  memory.bytesPerLeadValue(),
                  memory.bytesPerReward()));
    }
    return out.toString();
  }

  /**
   * The targets beside what this run measured; a target this run did not measure is left
   * out.
   */
  private static void targets(StringBuilder out, List<Row> rows, MemoryFootprint.Result memory) {
    List<String> lines = new ArrayList<>();
    Row ours100 = find(rows, "RulesBenchmark.referralRules", "rules=100");
    Row easy100 = find(rows, "RulesBenchmark.easyRules", "rules=100");
    if (ours100 != null && easy100 != null) {
      double x = easy100.score / ours100.score;
      lines.add(
          target("ours >= 50x faster than Easy Rules at 100 rules", fmt("%.0fx", x), x >= 50));
    }
    Row at10 = find(rows, "RulesBenchmark.referralRules", "rules=10");
    Row at10k = find(rows, "RulesBenchmark.referralRules", "rules=10000");
    if (at10 != null && at10k != null) {
      double x = at10k.score / at10.score;
      lines.add(
          target("ours grows < 2x from 10 to 10,000 rules (2-3 apply)", fmt("%.2fx", x), x < 2));
    }
    Row three = find(rows, "RulesOnOneTypeBenchmark.referralRules", "rulesOnOneType=3");
    if (three != null) {
      lines.add(
          target(
              "< 150 ns per event, 3 applicable rules",
              fmt("%.0f ns", three.score),
              three.score < 150));
      lines.add(
          target(
              "< 256 bytes per event, 3 applicable rules",
              fmt("%.0f B", three.bytesPerOp),
              three.bytesPerOp >= 0 && three.bytesPerOp < 256));
    }
    Row convert = find(rows, "EndToEndBenchmark.convert", "");
    if (convert != null) {
      lines.add(
          target(
              ">= 100,000 conversions/s on one thread, in memory",
              fmt("%,.0f/s", convert.score),
              convert.score >= 100_000));
    }
    Row withConversion = find(rows, "PostgresBenchmark.checkoutWithConversion", "");
    Row baseline = find(rows, "PostgresBenchmark.checkoutBaseline", "");
    if (withConversion != null && baseline != null) {
      double x = baseline.score / withConversion.score;
      lines.add(
          target(
              "PostgreSQL: a conversion's checkout <= 3x the baseline", fmt("%.1fx", x), x <= 3));
    }
    double statements = statementsPerConversion();
    if (withConversion != null && statements >= 0) {
      lines.add(
          target(
              "PostgreSQL: <= 8 SQL statements per conversion",
              fmt("%.1f", statements),
              statements <= 8));
    }
    if (memory != null) {
      lines.add(
          target(
              "< 1 KB of heap per lead with a 4-step history (all the store keeps)",
              fmt("%,d B", memory.bytesPerLead()),
              memory.bytesPerLead() < 1024));
    }
    if (!lines.isEmpty()) {
      out.append("\n| target | this run | |\n|---|---:|---|\n");
      lines.forEach(out::append);
    }
  }

  private static String fmt(String pattern, Object value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  private static String target(String what, String measured, boolean met) {
    return "| " + what + " | " + measured + " | " + (met ? "met" : "missed") + " |\n";
  }

  /** The statements per conversion the PostgreSQL benchmark counted, or -1. */
  private static double statementsPerConversion() {
    Path statements = Path.of("target", "postgres-statements.txt");
    if (!Files.exists(statements)) {
      return -1;
    }
    try {
      return Double.parseDouble(
          Files.readAllLines(statements, StandardCharsets.UTF_8).get(0).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line "| what | numerator / denominator |" of two throughputs, when both ran. */
  private static void ratio(
      StringBuilder out, List<Row> rows, String numerator, String denominator, String what) {
    Row a = find(rows, numerator, "");
    Row b = find(rows, denominator, "");
    if (a != null && b != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2fx (best %.2fx) |\n",
              what,
              a.score / b.score,
              a.best / b.best));
    }
  }

  private static Row find(List<Row> rows, String name, String params) {
    for (Row row : rows) {
      if (row.name.equals(name) && row.params.equals(params)) {
        return row;
      }
    }
    return null;
  }

  /**
   * One result, flattened. {@code best} is the best measurement iteration (the lowest time, the
   * highest throughput): on a machine shared with other work it is the least disturbed one.
   */
  private record Row(
      String name,
      String params,
      double score,
      double error,
      double best,
      String unit,
      double bytesPerOp,
      double cpuPerOp) {
    static Row of(RunResult run) {
      String benchmark = run.getParams().getBenchmark();
      String name =
          benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      List<String> params = new ArrayList<>();
      for (String key : run.getParams().getParamsKeys()) {
        params.add(key + "=" + run.getParams().getParam(key));
      }
      Result<?> primary = run.getPrimaryResult();
      double bytes = -1;
      double cpu = -1;
      for (String key : run.getSecondaryResults().keySet()) {
        if (key.endsWith("gc.alloc.rate.norm")) {
          bytes = run.getSecondaryResults().get(key).getScore();
        } else if (key.endsWith("cpu.worker.norm")) {
          cpu = run.getSecondaryResults().get(key).getScore();
        }
      }
      boolean higherIsBetter = primary.getScoreUnit().startsWith("ops/");
      double best = higherIsBetter ? Double.MIN_VALUE : Double.MAX_VALUE;
      for (BenchmarkResult fork : run.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          double score = iteration.getPrimaryResult().getScore();
          best = higherIsBetter ? Math.max(best, score) : Math.min(best, score);
        }
      }
      return new Row(
          name,
          String.join(",", params),
          primary.getScore(),
          primary.getScoreError(),
          best,
          primary.getScoreUnit(),
          bytes,
          cpu);
    }
  }
}
