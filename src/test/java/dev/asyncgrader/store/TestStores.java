package dev.asyncgrader.store;

import java.nio.file.Path;

/**
 * The stores repository tests run against: SQLite in a data folder, and a database of its own on the real
 * PostgreSQL the tests start ({@link PostgresServer}). One instance per test: opening it again reaches the same
 * database, as a restarted server would.
 */
final class TestStores {
    /** The values of a {@code @ValueSource} that runs a test on each store. */
    static final String SQLITE = "sqlite";

    static final String POSTGRESQL = "postgresql";

    private final String kind;
    private final Path dataDir;
    private String url;

    TestStores(String kind, Path dataDir) {
        this.kind = kind;
        this.dataDir = dataDir;
    }

    /** The settings of this test's store; the PostgreSQL database is created on first use. */
    Database.Settings settings() throws Exception {
        if (kind.equals(SQLITE)) {
            return Database.Settings.SQLITE;
        }
        if (url == null) {
            url = PostgresServer.get().newDatabase();
        }
        return new Database.Settings(url, "grader", null, 10);
    }

    /** Opens (and migrates) this test's store. */
    Database open() throws Exception {
        return Database.open(settings(), dataDir);
    }
}
