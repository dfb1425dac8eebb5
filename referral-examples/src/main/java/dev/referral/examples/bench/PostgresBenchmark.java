package dev.referral.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.referral.core.LeadId;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralProgram;
import dev.referral.core.store.jdbc.ConnectionProvider;
import dev.referral.core.store.jdbc.JdbcReferralStore;
import dev.referral.rules.RuleEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * End to end on PostgreSQL, 4 threads: the host's checkout transaction inserts its order row and
 * converts the lead (the library's writes join the host's transaction), beside a baseline that runs
 * the same transaction with the order row only, and a floor that writes the rows a conversion
 * writes by hand, without the library ({@link HandWrittenCheckout}). The shop's 20 rules decide.
 * Needs a server: its JDBC URL in {@code REFERRAL_TEST_POSTGRES_URL}, as {@code .ci/with-postgres}
 * sets it; {@link BenchmarkMain} leaves this benchmark out otherwise. The setup also counts the SQL
 * statements of one conversion and writes them to {@code target/postgres-statements.txt}. The leads
 * to convert are referred between iterations, while no thread measures (see {@link OpenLeads});
 * each iteration prints its checkouts' worker CPU and bytes without that setup.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@Threads(4)
@State(Scope.Benchmark)
public class PostgresBenchmark {
  /** The environment variable with the server's JDBC URL. */
  static final String URL_VARIABLE = "REFERRAL_TEST_POSTGRES_URL";

  /**
   * The referrers, in both arms. Enough that no referrer reaches the shop's 50 conversions in a
   * month ("busy month thanks", a third reward) in a full run: with 100, every conversion from
   * about the 5,000th of a fork on wrote one more reward than the hand-written arm and than the
   * rows the setup counts.
   */
  static final int REFERRERS = 1_000;

  private final ThreadLocal<Connection> host = new ThreadLocal<>();
  private final StatementCounter counter = new StatementCounter();

  /**
   * Whether checkouts count their statements: only while {@link #countStatements} runs, so that the
   * counting proxies (reflection on every JDBC call) cost neither benchmark anything.
   */
  private volatile boolean counting;

  private final AtomicLong orders = new AtomicLong();
  private final IterationFigures iteration = new IterationFigures();
  private final Queue<LeadId> leads = new ConcurrentLinkedQueue<>();
  private final Queue<String> handLeads = new ConcurrentLinkedQueue<>();
  private HandWrittenCheckout hand;
  private HikariDataSource pool;
  private ReferralProgram program;
  private List<String> codes;
  private String orderTable;
  private String prefix;

  /**
   * A pool, the store's tables under a fresh prefix, the host's order table, {@link #REFERRERS}
   * referrers.
   */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(URL_VARIABLE + " must hold a PostgreSQL JDBC URL");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(10);
    pool = new HikariDataSource(config);
    prefix = "bench" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + "_";
    JdbcReferralStore store =
        JdbcReferralStore.builder(joiningTheHost()).tablePrefix(prefix).build();
    store.createSchema();
    orderTable = prefix + "shop_order";
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE " + orderTable + " (id VARCHAR(64) PRIMARY KEY, amount NUMERIC(12, 2))");
    }
    program =
        ShopPrograms.program(
            store, RuleEngine.of(ShopPrograms.shopRules()), Clock.systemUTC(), n -> {});
    codes = ShopPrograms.enrol(program, REFERRERS);
    hand = HandWrittenCheckout.create(pool, prefix + "hand_");
    countStatements();
  }

  /** Closes the pool; the throwaway server goes with its tables. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** The store's connections: the host's transaction when there is one, else the pool's. */
  private ConnectionProvider joiningTheHost() {
    return new ConnectionProvider() {
      @Override
      public Connection getConnection() throws SQLException {
        Connection c = host.get();
        return c != null ? c : pool.getConnection();
      }

      @Override
      public boolean isHostTransaction(Connection connection) {
        return connection == host.get();
      }

      @Override
      public void releaseConnection(Connection connection) throws SQLException {
        if (connection != host.get()) {
          connection.close();
        }
      }
    };
  }

  /**
   * Statements of one conversion beyond the order row, the average over a few, then the text of the
   * last one's statements. One conversion runs before counting: the store learns from the program's
   * first statistics read which periods it reads, and reads them along with the lead from then on,
   * so only a store's very first conversion takes more statements.
   */
  private void countStatements() throws SQLException {
    int n = 20;
    checkout(refer(1)[0]);
    LeadId[] leads = refer(n);
    long before = counter.statements();
    long roundTripsBefore = counter.roundTrips();
    counting = true;
    for (int i = 0; i < n; i++) {
      counter.record(i == n - 1);
      checkout(leads[i]);
    }
    counter.record(false);
    counting = false;
    double perConversion = (double) (counter.statements() - before) / n - 1;
    double roundTrips = (double) (counter.roundTrips() - roundTripsBefore) / n - 1;
    String report =
        String.format(Locale.ROOT, "%.1f%n", perConversion)
            + String.format(
                Locale.ROOT,
                "(SQL statements beyond the order row, in %.1f round trips)%n",
                roundTrips)
            + String.join(System.lineSeparator(), counter.recorded())
            + System.lineSeparator()
            + rowsWrittenReport();
    try {
      Files.createDirectories(Path.of("target"));
      Files.writeString(
          Path.of("target", "postgres-statements.txt"), report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.print("SQL statements per conversion: " + report);
  }

  /**
   * The rows one checkout inserts or updates, table by table (the order row included), for a
   * conversion through the program and for the same rows written by hand: the floor is fair only
   * while the two lines agree.
   */
  private String rowsWrittenReport() throws SQLException {
    int n = 20;
    LeadId[] leads = refer(n);
    String[] handLeads = hand.seed(n);
    return String.format(
        Locale.ROOT,
        "Rows written per checkout beyond the order row, by table (average over %d): through the"
            + " program %s; by hand %s%n",
        n,
        rowsWritten(
            () -> {
              for (LeadId lead : leads) {
                checkout(lead);
              }
            },
            n,
            prefix,
            prefix + "hand_"),
        rowsWritten(
            () -> {
              for (String lead : handLeads) {
                checkout(null, lead);
              }
            },
            n,
            prefix + "hand_",
            null));
  }

  /** A checkout, for {@link #rowsWritten}. */
  private interface Checkout {
    void run() throws SQLException;
  }

  /**
   * The rows of each table named {@code prefix...} (not {@code excluded...}, not the order table)
   * that {@code checkout} inserted or updated, per checkout: those whose {@code xmin} is a
   * transaction that started after it was called (the setup runs on one thread, nothing else
   * writes).
   */
  private Map<String, Double> rowsWritten(
      Checkout checkout, int checkouts, String prefix, String excluded) throws SQLException {
    List<String> tables = new ArrayList<>();
    long start;
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rows =
          s.executeQuery(
              "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                  + " current_schema() ORDER BY table_name")) {
        while (rows.next()) {
          String table = rows.getString(1);
          if (table.startsWith(prefix)
              && !table.equals(orderTable)
              && (excluded == null || !table.startsWith(excluded))) {
            tables.add(table);
          }
        }
      }
      try (ResultSet rows = s.executeQuery("SELECT txid_current()")) {
        rows.next();
        start = rows.getLong(1);
      }
    }
    checkout.run();
    Map<String, Double> written = new TreeMap<>();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      for (String table : tables) {
        try (ResultSet rows =
            s.executeQuery(
                "SELECT count(*) FROM " + table + " WHERE xmin::text::bigint > " + start)) {
          rows.next();
          if (rows.getLong(1) > 0) {
            written.put(table.substring(prefix.length()), (double) rows.getLong(1) / checkouts);
          }
        }
      }
    }
    return written;
  }

  LeadId[] refer(int count) {
    LeadId[] leads = new LeadId[count];
    for (int i = 0; i < count; i++) {
      long n = orders.incrementAndGet();
      leads[i] = program.refer(EndToEndBenchmark.request(codes, n)).id();
    }
    return leads;
  }

  /** The host's checkout: the order row and, given a lead, its conversion, in one transaction. */
  void checkout(LeadId lead) throws SQLException {
    checkout(lead, null);
  }

  /**
   * The host's checkout: the order row and, given a lead, its conversion through the program, or,
   * given a hand-written lead, the same rows written by hand, in one transaction.
   */
  void checkout(LeadId lead, String handWrittenLead) throws SQLException {
    String orderId = "order-" + orders.incrementAndGet();
    try (Connection c = counting ? counter.wrap(pool.getConnection()) : pool.getConnection()) {
      c.setAutoCommit(false);
      host.set(c);
      try {
        try (PreparedStatement insert =
            c.prepareStatement("INSERT INTO " + orderTable + " (id, amount) VALUES (?, ?)")) {
          insert.setString(1, orderId);
          insert.setBigDecimal(2, ShopPrograms.EUR_80.amount());
          insert.executeUpdate();
        }
        if (lead != null) {
          program.convert(lead, Purchase.of(orderId, ShopPrograms.EUR_80, Instant.now()));
        } else if (handWrittenLead != null) {
          hand.convert(c, handWrittenLead, orderId);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        host.remove();
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * A thread's view of the open leads to convert. They are referred before each iteration while no
   * thread measures (JMH starts measuring once every thread has finished its setup), so the {@code
   * refer}s do not take the cores from the other threads' measured checkouts; the baseline has no
   * such setup. Every thread refers its share into one pool, sized from the previous iteration's
   * consumption with a margin; when the pool runs dry a checkout refers its lead inline, so the
   * shortfall counts against the conversions, and the iteration's report says so. For the
   * hand-written checkouts the leads (and their open follow-ups) are inserted by hand the same way.
   */
  @State(Scope.Thread)
  public static class OpenLeads {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private int taken;
    private int dry;
    private int referred;
    private long cpuAtStart;
    private long bytesAtStart;
    private boolean byHand;

    /** Refers (or inserts by hand) this thread's share of the leads the pool lacks, untimed. */
    @Setup(Level.Iteration)
    public void fill(PostgresBenchmark shared, BenchmarkParams params) throws SQLException {
      byHand = params.getBenchmark().endsWith("ByHand");
      referred = shared.iteration.share();
      if (byHand) {
        shared.handLeads.addAll(Arrays.asList(shared.hand.seed(referred)));
      } else {
        shared.leads.addAll(Arrays.asList(shared.refer(referred)));
      }
      taken = 0;
      dry = 0;
      cpuAtStart = THREADS.getCurrentThreadCpuTime();
      bytesAtStart = THREADS.getCurrentThreadAllocatedBytes();
    }

    /** The next lead to convert; referred inline, and counted as dry, when the pool is empty. */
    LeadId next(PostgresBenchmark shared) {
      taken++;
      LeadId lead = shared.leads.poll();
      if (lead == null) {
        dry++;
        lead = shared.refer(1)[0];
      }
      return lead;
    }

    /** The next hand-written lead; inserted inline, and counted as dry, when the pool is empty. */
    String nextByHand(PostgresBenchmark shared) throws SQLException {
      taken++;
      String lead = shared.handLeads.poll();
      if (lead == null) {
        dry++;
        lead = shared.hand.seed(1)[0];
      }
      return lead;
    }

    /**
     * Reports this thread's checkouts, their CPU and bytes without the setup, and any shortfall.
     */
    @TearDown(Level.Iteration)
    public void report(PostgresBenchmark shared, BenchmarkParams params) {
      shared.iteration.add(
          params.getThreads(),
          byHand ? shared.handLeads.size() : shared.leads.size(),
          taken,
          THREADS.getCurrentThreadCpuTime() - cpuAtStart,
          THREADS.getCurrentThreadAllocatedBytes() - bytesAtStart,
          referred,
          dry);
    }
  }

  /**
   * The checkouts of one iteration over all threads, the synchronising ones before and after the
   * measured part included (as in JMH's per-operation profilers), with their worker CPU and bytes
   * but without the setup's {@code refer}s; printed when the last thread reports, which also sets
   * each thread's share of the next iteration's {@code refer}s: twice the consumption, less what is
   * left in the pool.
   */
  static final class IterationFigures {
    /** Leads per thread before the first iteration, which has no consumption to go by. */
    static final int FIRST_SHARE = 300;

    private int share = FIRST_SHARE;
    private int threads;
    private long checkouts;
    private long cpuNanos;
    private long bytes;
    private long referred;
    private long dry;

    synchronized int share() {
      return share;
    }

    synchronized void add(
        int expected, int left, long taken, long cpu, long allocated, long setUp, long inline) {
      threads++;
      checkouts += taken;
      cpuNanos += cpu;
      bytes += allocated;
      referred += setUp;
      dry += inline;
      if (threads == expected) {
        System.out.printf(
            Locale.ROOT,
            "%n  [%,d checkouts, setup excluded: worker CPU %.3f ms and %,d bytes per checkout;"
                + " %,d leads referred before the iteration%s]%n",
            checkouts,
            checkouts == 0 ? 0.0 : cpuNanos / 1e6 / checkouts,
            checkouts == 0 ? 0 : bytes / checkouts,
            referred,
            dry == 0
                ? ""
                : String.format(
                    Locale.ROOT, "; POOL RAN DRY: %,d leads referred inline, timed", dry));
        share = (int) Math.max(0, (2 * checkouts + 50 - left + expected - 1) / expected);
        threads = 0;
        checkouts = 0;
        cpuNanos = 0;
        bytes = 0;
        referred = 0;
        dry = 0;
      }
    }
  }

  /** Checkouts that convert a lead: the order row, then the conversion, in one transaction. */
  @Benchmark
  public void checkoutWithConversion(OpenLeads open) throws SQLException {
    checkout(open.next(this));
  }

  /**
   * The floor: the same checkout, with the rows a conversion writes written by hand instead of by
   * the program (see {@link HandWrittenCheckout}).
   */
  @Benchmark
  public void checkoutWithSameRowsByHand(OpenLeads open) throws SQLException {
    checkout(null, open.nextByHand(this));
  }

  /** The baseline: the same checkout, the order row only. */
  @Benchmark
  public void checkoutBaseline() throws SQLException {
    checkout(null);
  }
}
