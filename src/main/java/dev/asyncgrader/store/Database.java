package dev.asyncgrader.store;

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
import java.util.List;

/**
 * The embedded database: one SQLite file in the data folder, its schema brought up to date at open by the
 * numbered migrations in {@code db/migration/} (V1__name.sql, V2__...), each applied once, in order.
 */
public final class Database implements AutoCloseable {
    /** The migrations in order; a new one is added here and as a resource. */
    static final List<String> MIGRATIONS =
            List.of("V1__submissions.sql", "V2__session_roles.sql", "V3__lti.sql", "V4__jobe_files.sql");

    private final Connection connection;

    private Database(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating if needed) {@code dataDir/grader.db} and applies pending migrations. */
    public static Database open(Path dataDir) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("grader.db"));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL"); // an accepted submission survives a power cut, not just a kill
            s.execute("PRAGMA busy_timeout=10000");
        }
        Database db = new Database(c);
        db.migrate();
        return db;
    }

    private void migrate() throws IOException, SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL)");
        }
        int current = 0;
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            if (r.next()) {
                current = r.getInt(1);
            }
        }
        for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
            String name = MIGRATIONS.get(v - 1);
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : statements(name)) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version (version, name) VALUES (" + v + ", '" + name + "')");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("migration " + name + " failed: " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(true);
            }
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

    /** The connection; callers synchronize on this database, since SQLite serializes writers anyway. */
    Connection connection() {
        return connection;
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
