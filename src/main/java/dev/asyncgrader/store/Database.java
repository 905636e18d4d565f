package dev.asyncgrader.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The store: one SQLite file in the data folder (one machine), or a PostgreSQL database shared by many API and
 * worker processes, its schema brought up to date at open by the numbered migrations in {@code db/migration/}
 * (V1__name.sql, ...), each applied once, in order of its number, by the same runner on both databases.
 */
public final class Database implements AutoCloseable {
    /** The migrations; a new one is added here and as a resource. Their numbers, not positions, order them. */
    static final List<String> MIGRATIONS = List.of(
            "V1__submissions.sql", "V2__session_roles.sql", "V3__lti.sql", "V4__jobe_files.sql", "V5__scale_out.sql");

    /** PostgreSQL advisory lock held while migrating, so processes starting together migrate one at a time. */
    private static final long MIGRATION_LOCK = 0x67726164L;

    /**
     * Where the store is.
     *
     * @param url a {@code jdbc:postgresql:} URL, or null for SQLite in the data folder
     * @param pool connections this process keeps open to PostgreSQL
     */
    public record Settings(String url, String user, String password, int pool) {
        public static final Settings SQLITE = new Settings(null, null, null, 1);
    }

    /** What SQL differs between the two databases. */
    enum Dialect {
        SQLITE("CAST((julianday('now') - 2440587.5) * 86400000 AS BIGINT)", ""),
        POSTGRESQL("CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)", " FOR UPDATE SKIP LOCKED");

        /** The database clock in ms since 1970: leases are judged by one clock, not each worker's own. */
        final String nowMillis;
        /** Added to a claim's row selection: PostgreSQL skips rows another worker is claiming. */
        final String skipLocked;

        Dialect(String nowMillis, String skipLocked) {
            this.nowMillis = nowMillis;
            this.skipLocked = skipLocked;
        }
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }

    private final Dialect dialect;
    private final String description;
    private final Settings settings;
    private final HikariDataSource pool;
    /** SQLite's one connection (writers are serialized anyway); null on PostgreSQL, which has the pool. */
    private final Connection sqlite;

    private Database(Dialect dialect, String description, Settings settings, HikariDataSource pool, Connection sqlite) {
        this.dialect = dialect;
        this.description = description;
        this.settings = settings;
        this.pool = pool;
        this.sqlite = sqlite;
    }

    /** Opens (creating if needed) {@code dataDir/grader.db} and applies pending migrations. */
    public static Database open(Path dataDir) throws IOException, SQLException {
        return open(Settings.SQLITE, dataDir);
    }

    /** Opens the store {@code settings} name (SQLite in {@code dataDir} when it names none) and migrates it. */
    public static Database open(Settings settings, Path dataDir) throws IOException, SQLException {
        Database db;
        if (settings.url() == null) {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("grader.db");
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL"); // an accepted submission survives a power cut, not just a kill
                s.execute("PRAGMA busy_timeout=10000");
            }
            db = new Database(Dialect.SQLITE, "sqlite:" + file, settings, null, c);
        } else if (settings.url().startsWith("jdbc:postgresql:")) {
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(settings.url());
            hc.setUsername(settings.user());
            hc.setPassword(settings.password());
            hc.setMaximumPoolSize(settings.pool());
            hc.setPoolName("grader-store");
            hc.setConnectionTimeout(10_000);
            hc.setInitializationFailTimeout(10_000);
            db = new Database(
                    Dialect.POSTGRESQL,
                    "postgresql:"
                            + settings.url()
                                    .substring("jdbc:postgresql:".length())
                                    .replaceFirst("\\?.*$", ""),
                    settings,
                    new HikariDataSource(hc),
                    null);
        } else {
            throw new SQLException(
                    "store.url must be a jdbc:postgresql: URL (or absent for SQLite), not '" + settings.url() + "'");
        }
        try {
            db.migrate();
        } catch (IOException | SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** {@code sqlite:<file>} or {@code postgresql://host:port/db}, never a password: for health and logs. */
    public String describe() {
        return description;
    }

    /** True for a store many processes share (PostgreSQL). */
    public boolean shared() {
        return dialect == Dialect.POSTGRESQL;
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code work} on a connection in auto-commit mode: SQLite's one connection (writers are serialized
     * anyway), or one borrowed from PostgreSQL's pool.
     */
    public <T> T call(SqlWork<T> work) throws SQLException {
        if (pool == null) {
            synchronized (this) {
                return work.apply(sqlite);
            }
        }
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        }
    }

    /** Runs {@code work} in one transaction, committed if it returns, rolled back if it throws. */
    public <T> T transaction(SqlWork<T> work) throws SQLException {
        return call(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /**
     * A new connection outside the pool, for PostgreSQL's {@code LISTEN}: notifications arrive on the
     * connection that listens, so it must stay with its listener.
     */
    public Connection openDedicated(String applicationName) throws SQLException {
        if (pool == null) {
            throw new SQLException("only a PostgreSQL store has notifications");
        }
        Properties p = new Properties();
        if (settings.user() != null) {
            p.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            p.setProperty("password", settings.password());
        }
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(settings.url(), p);
    }

    /** The migration versions applied so far. */
    public Set<Integer> appliedMigrations() throws SQLException {
        return call(c -> {
            Set<Integer> out = new HashSet<>();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
                while (r.next()) {
                    out.add(r.getInt(1));
                }
            }
            return out;
        });
    }

    /** The migrations this build knows, by version. */
    public static List<Integer> knownMigrations() {
        return MIGRATIONS.stream().map(Database::version).sorted().toList();
    }

    private static int version(String migration) {
        if (!migration.matches("V[0-9]+__[A-Za-z0-9_]+\\.sql")) {
            throw new IllegalStateException("migration name '" + migration + "' is not V<number>__<name>.sql");
        }
        return Integer.parseInt(migration.substring(1, migration.indexOf("__")));
    }

    private void migrate() throws IOException, SQLException {
        List<String> ordered = MIGRATIONS.stream()
                .sorted((a, b) -> Integer.compare(version(a), version(b)))
                .toList();
        List<List<String>> scripts = new ArrayList<>();
        for (String name : ordered) {
            scripts.add(statements(name));
        }
        call(c -> {
            try (Statement s = c.createStatement()) {
                if (dialect == Dialect.POSTGRESQL) {
                    s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
                }
                try {
                    s.execute("CREATE TABLE IF NOT EXISTS schema_version"
                            + " (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL)");
                    Set<Integer> applied = new HashSet<>();
                    try (ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
                        while (r.next()) {
                            applied.add(r.getInt(1));
                        }
                    }
                    for (int i = 0; i < ordered.size(); i++) {
                        String name = ordered.get(i);
                        if (!applied.contains(version(name))) {
                            apply(c, name, scripts.get(i));
                        }
                    }
                } finally {
                    if (dialect == Dialect.POSTGRESQL) {
                        s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                    }
                }
            }
            return null;
        });
    }

    private static void apply(Connection c, String name, List<String> sqls) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : sqls) {
                s.execute(sql);
            }
            s.execute("INSERT INTO schema_version (version, name) VALUES (" + version(name) + ", '" + name + "')");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("migration " + name + " failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static List<String> statements(String migration) throws IOException {
        try (InputStream in = Database.class.getResourceAsStream("/db/migration/" + migration)) {
            if (in == null) {
                throw new IOException("migration resource db/migration/" + migration + " is missing from the jar");
            }
            List<String> out = new ArrayList<>();
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String code = line.replaceFirst("--.*$", "").strip();
                if (code.isEmpty()) {
                    continue;
                }
                sql.append(code).append(' ');
                if (code.endsWith(";")) {
                    out.add(sql.toString().strip().replaceFirst(";$", ""));
                    sql.setLength(0);
                }
            }
            return out;
        }
    }

    @Override
    public void close() throws SQLException {
        if (sqlite != null) {
            synchronized (this) {
                sqlite.close();
            }
        }
        if (pool != null) {
            pool.close();
        }
    }
}
