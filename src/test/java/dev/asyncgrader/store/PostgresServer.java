package dev.asyncgrader.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests (Debian's {@code postgresql} package): {@code initdb} and {@code pg_ctl} in a
 * temporary folder on a free port, as the {@code postgres} user when the tests run as root (initdb refuses
 * root), started once per test JVM and stopped when it exits. Each test gets a fresh database of its own. When it
 * cannot start, tests fail under CI ({@code CI=true}) and are skipped elsewhere.
 */
public final class PostgresServer {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer instance;
    private static String startFailure;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final List<String> asUser;

    private PostgresServer(Path bin, Path dir, int port, List<String> asUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asUser = asUser;
    }

    /** The running server; fails (CI) or skips the test if PostgreSQL cannot be started here. */
    public static synchronized PostgresServer get() {
        if (instance == null && startFailure == null) {
            try {
                instance = start();
            } catch (IOException | InterruptedException | RuntimeException e) {
                startFailure = e.getMessage();
            }
        }
        if (instance == null) {
            String why = "PostgreSQL could not be started: " + startFailure;
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why + " (CI=true: the tests need it; .ci/install-test-deps installs it)");
            }
            Assumptions.abort(why);
        }
        return instance;
    }

    /** A JDBC URL of a new, empty database on this server (user {@code grader}, no password). */
    public String newDatabase() throws SQLException {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), "grader", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Terminates every server process of connections whose application_name is {@code applicationName}. */
    public int terminate(String jdbcUrl, String applicationName) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "grader", "");
                var s = c.prepareStatement("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            s.setString(1, applicationName);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBin()
                .orElseThrow(
                        () -> new IOException(
                                "no /usr/lib/postgresql/*/bin/pg_ctl (Debian package postgresql; .ci/install-test-deps installs it)"));
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> asUser = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
        Path dir = Files.createTempDirectory("grader-pg");
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()), List.of());
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        Path data = dir.resolve("data");
        run(
                asUser,
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        "grader",
                        "--auth=trust",
                        "--no-sync",
                        "-E",
                        "UTF8"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run(
                asUser,
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        dir.resolve("server.log").toString(),
                        "-o",
                        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c max_connections=300",
                        "-w",
                        "start"));
        PostgresServer server = new PostgresServer(bin, dir, port, asUser);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    private void stop() {
        try {
            run(
                    asUser,
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            dir.resolve("data").toString(),
                            "-m",
                            "immediate",
                            "-w",
                            "stop"));
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("stopping the test PostgreSQL: " + e.getMessage());
        }
    }

    private static Optional<Path> findBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(
                            b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        }
    }

    private static void run(List<String> prefix, List<String> command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(command);
        Process p = new ProcessBuilder(all)
                .redirectErrorStream(true)
                .directory(Path.of("/").toFile())
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", all) + " failed: " + new String(out).strip());
        }
    }
}
