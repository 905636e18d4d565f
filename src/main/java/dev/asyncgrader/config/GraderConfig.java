package dev.asyncgrader.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The grader's settings from {@code grader-config/grader.yaml}; every field is optional.
 *
 * @param jobs gradings at once in batch commands; 0 means chosen for this machine
 * @param isolation the OS sandbox around student JVMs, or none (trusted single-user setups only)
 */
public record GraderConfig(
        Path exercises,
        int jobs,
        int compileMaxFiles,
        int compileMaxKb,
        Duration compileTimeout,
        IsolationMode isolation,
        Sandbox sandbox,
        Server server,
        Lti lti,
        Jobe jobe,
        Store store) {
    public static final Path DEFAULT_FILE = Path.of("grader-config", "grader.yaml");

    /** What keeps a student JVM from the grader's machine: {@code isolation} in the settings file. */
    public enum IsolationMode {
        /** The OS sandbox (bubblewrap, namespaces, control groups): the default, for untrusted code. */
        BUBBLEWRAP,
        /** None: student programs run as the grader's user. Trusted single-user setups only. */
        NONE;

        /** The name in the settings file. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Limits the sandbox adds to each run; see {@code grader-config/grader.yaml}. */
    public record Sandbox(int extraMemoryMb, int maxThreads, int diskMb, int openFiles) {}

    /**
     * The web service's settings.
     *
     * @param host address to listen on: 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces)
     * @param workers gradings at once; 0 means chosen for this machine
     * @param apiKeys LMS keys by name, each stored as the SHA-256 hex of the key
     * @param studentSessions whether a browser may open a session for a student id it names (no password:
     *     for classrooms where the page is trusted; an LMS key is the authenticated way)
     * @param webhookSecret secret for signing webhook calls; null means taken from GRADER_WEBHOOK_SECRET
     * @param instructorKeys instructor sign-in keys by name (for use without an LMS), each the SHA-256 hex of
     *     the key, like {@code apiKeys}
     */
    public record Server(
            String host,
            int port,
            Path data,
            int workers,
            Map<String, String> apiKeys,
            boolean studentSessions,
            @Nullable String webhookSecret,
            Uploads uploads,
            Map<String, String> instructorKeys,
            Role role) {
        /** The settings as before roles existed: a node that does everything. */
        public Server(
                String host,
                int port,
                Path data,
                int workers,
                Map<String, String> apiKeys,
                boolean studentSessions,
                @Nullable String webhookSecret,
                Uploads uploads,
                Map<String, String> instructorKeys) {
            this(host, port, data, workers, apiKeys, studentSessions, webhookSecret, uploads, instructorKeys, Role.ALL);
        }
    }

    /** What one {@code serve} process does when several share a PostgreSQL store. */
    public enum Role {
        /** The REST API, the page and grading (one machine). */
        ALL,
        /** The REST API and the page; workers elsewhere grade. */
        API,
        /** Grading only; its HTTP port answers {@code /health} and {@code /metrics} and nothing else. */
        WORKER;

        /** Whether this node grades. */
        public boolean grades() {
            return this != API;
        }

        /** Whether this node serves the REST API and the page. */
        public boolean servesApi() {
            return this != WORKER;
        }

        /** The name in the settings file. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Where submissions, results, events and the queue are kept.
     *
     * @param url a {@code jdbc:postgresql:} URL of a store shared by many machines; null means SQLite in the
     *     server's data folder (one machine)
     * @param passwordEnv the environment variable holding the password (never the password itself), or null
     * @param pool connections per process to PostgreSQL
     * @param lease how long a worker's claim on a submission holds without renewal: after a worker dies, its
     *     submissions wait this long before another worker takes them
     * @param maxAttempts claims of one submission before it ends as an internal error
     */
    public record Store(
            @Nullable String url,
            @Nullable String user,
            @Nullable String passwordEnv,
            int pool,
            Duration lease,
            int maxAttempts) {
        /** The password from {@code passwordEnv}, or null. */
        public @Nullable String password() {
            return passwordEnv == null ? null : System.getenv(passwordEnv);
        }
    }

    /**
     * LTI 1.3: the learning platforms that may launch this tool.
     *
     * @param keyFile the tool's signing keys (PEM), relative to the data folder; created on first start
     * @param platforms one registration per platform (issuer and client id), none when LTI is not used
     * @param scoreCounts which score goes to the LMS gradebook: the student's best so far, or the latest
     */
    public record Lti(Path keyFile, java.util.List<LtiPlatform> platforms, ScoreCounts scoreCounts) {
        /** The settings as before, with LMS scores the student's best (the default). */
        public Lti(Path keyFile, java.util.List<LtiPlatform> platforms) {
            this(keyFile, platforms, ScoreCounts.BEST);
        }
    }

    /** Which of a student's scores on an exercise the LMS gradebook gets. */
    public enum ScoreCounts {
        /** The best score of all the student's submissions: a later worse try does not lower the grade. */
        BEST,
        /** The score of the latest submission. */
        LATEST
    }

    /**
     * One platform registration, as the platform's administrator gave it.
     *
     * @param name a short name, e.g. {@code canvas}; part of each launched person's id
     * @param deploymentIds the deployments of this tool the platform may launch
     */
    public record LtiPlatform(
            String name,
            String issuer,
            String clientId,
            java.util.List<String> deploymentIds,
            String authUrl,
            String tokenUrl,
            String jwksUrl) {}

    /** These settings with self-declared student sessions turned on or off (a trusted classroom demo). */
    public GraderConfig withStudentSessions(boolean on) {
        Server s = server;
        return new GraderConfig(
                exercises,
                jobs,
                compileMaxFiles,
                compileMaxKb,
                compileTimeout,
                isolation,
                sandbox,
                new Server(
                        s.host(),
                        s.port(),
                        s.data(),
                        s.workers(),
                        s.apiKeys(),
                        on,
                        s.webhookSecret(),
                        s.uploads(),
                        s.instructorKeys(),
                        s.role()),
                lti,
                jobe,
                store);
    }

    /** These settings with another {@code lti} section. */
    public GraderConfig withLti(Lti other) {
        return new GraderConfig(
                exercises,
                jobs,
                compileMaxFiles,
                compileMaxKb,
                compileTimeout,
                isolation,
                sandbox,
                server,
                other,
                jobe,
                store);
    }

    /** These settings with another {@code jobe} section. */
    public GraderConfig withJobe(Jobe other) {
        return new GraderConfig(
                exercises,
                jobs,
                compileMaxFiles,
                compileMaxKb,
                compileTimeout,
                isolation,
                sandbox,
                server,
                lti,
                other,
                store);
    }

    /** These settings with another {@code store} section. */
    public GraderConfig withStore(Store other) {
        return new GraderConfig(
                exercises,
                jobs,
                compileMaxFiles,
                compileMaxKb,
                compileTimeout,
                isolation,
                sandbox,
                server,
                lti,
                jobe,
                other);
    }

    /**
     * The Jobe-compatible API for Moodle CodeRunner.
     *
     * @param admissionWait how long a run waits for a free slot before it is answered with outcome 21 (overload)
     */
    public record Jobe(Duration admissionWait) {}

    /** Limits on what a submission may upload. */
    public record Uploads(int maxFiles, int maxFileKb, int maxZipKb, int maxUnzippedKb) {}

    public static final GraderConfig DEFAULTS = new GraderConfig(
            Path.of("exercises"),
            0,
            20,
            256,
            Duration.ofSeconds(20),
            IsolationMode.BUBBLEWRAP,
            new Sandbox(256, 256, 64, 256),
            new Server(
                    "127.0.0.1",
                    7070,
                    Path.of("data"),
                    0,
                    Map.of(),
                    false,
                    null,
                    new Uploads(20, 64, 512, 1024),
                    Map.of()),
            new Lti(Path.of("lti-key.pem"), java.util.List.of()),
            // CodeRunner itself waits about as long for an answer.
            new Jobe(Duration.ofSeconds(30)),
            new Store(null, null, null, 10, Duration.ofSeconds(30), 3));

    /** The environment variable that names the settings file when no {@code --config} option does. */
    public static final String ENV = "GRADER_CONFIG";

    /**
     * The settings a command uses: the file named by {@code option} (the {@code --config} option), else by
     * {@code GRADER_CONFIG} in {@code env}, else {@link #DEFAULT_FILE}. A named file that does not exist is an
     * error; a missing default file means the defaults, which a line on {@code err} says.
     */
    public static GraderConfig choose(Path option, Map<String, String> env, java.io.PrintStream err) {
        return choose(option, env, DEFAULT_FILE, err);
    }

    static GraderConfig choose(Path option, Map<String, String> env, Path defaultFile, java.io.PrintStream err) {
        String named = env.get(ENV);
        if (option != null) {
            return loadNamed(option, "--config " + option);
        }
        if (named != null && !named.isBlank()) {
            return loadNamed(Path.of(named), ENV + "=" + named);
        }
        if (!Files.isRegularFile(defaultFile)) {
            err.println("async-grader: no " + defaultFile + " in " + Path.of("").toAbsolutePath()
                    + "; using the built-in settings (choose a file with --config or " + ENV + ")");
            return DEFAULTS;
        }
        return load(defaultFile);
    }

    private static GraderConfig loadNamed(Path file, String namedBy) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(namedBy + ": no such settings file");
        }
        return load(file);
    }

    /** Loads {@code file}, or the defaults if it does not exist; a bad value names the file and field. */
    public static GraderConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            return DEFAULTS;
        }
        YamlNode root = YamlNode.read(file, file.toString());
        if (!root.present()) {
            return DEFAULTS;
        }
        root.onlyFields(
                Set.of("exercises", "jobs", "compile", "isolation", "sandbox", "server", "lti", "jobe", "store"));
        Path exercises = Path.of(root.get("exercises").text(DEFAULTS.exercises().toString()));
        int jobs = root.get("jobs").present() && root.get("jobs").text().equals("auto")
                ? 0
                : root.get("jobs").integer(0);
        if (jobs < 0 || jobs > 64) {
            throw root.get("jobs").error("must be 'auto' or a number from 1 to 64");
        }
        YamlNode compile = root.get("compile");
        if (compile.present()) {
            compile.onlyFields(Set.of("maxFiles", "maxKb", "timeoutSeconds"));
        }
        int maxFiles = compile.get("maxFiles").integer(DEFAULTS.compileMaxFiles());
        int maxKb = compile.get("maxKb").integer(DEFAULTS.compileMaxKb());
        double timeout =
                compile.get("timeoutSeconds").number(DEFAULTS.compileTimeout().toSeconds());
        if (maxFiles < 1 || maxKb < 1 || timeout <= 0) {
            throw compile.error("maxFiles, maxKb and timeoutSeconds must be positive");
        }
        String isolationName = root.get("isolation").text(IsolationMode.BUBBLEWRAP.wireName());
        IsolationMode isolation = java.util.Arrays.stream(IsolationMode.values())
                .filter(m -> m.wireName().equals(isolationName))
                .findFirst()
                .orElseThrow(() -> root.get("isolation")
                        .error("must be 'bubblewrap' (the sandbox) or 'none' (trusted code only), not '" + isolationName
                                + "'"));
        YamlNode s = root.get("sandbox");
        if (s.present()) {
            s.onlyFields(Set.of("extraMemoryMb", "maxThreads", "diskMb", "openFiles"));
        }
        Sandbox d = DEFAULTS.sandbox();
        Sandbox sandbox = new Sandbox(
                s.get("extraMemoryMb").integer(d.extraMemoryMb()),
                s.get("maxThreads").integer(d.maxThreads()),
                s.get("diskMb").integer(d.diskMb()),
                s.get("openFiles").integer(d.openFiles()));
        if (sandbox.extraMemoryMb() < 64
                || sandbox.maxThreads() < 32
                || sandbox.diskMb() < 1
                || sandbox.openFiles() < 64) {
            throw s.error(
                    "extraMemoryMb must be at least 64, maxThreads 32, diskMb 1 and openFiles 64 for a JVM to start");
        }
        Server server = server(root.get("server"));
        return new GraderConfig(
                exercises,
                jobs,
                maxFiles,
                maxKb,
                Duration.ofMillis((long) (timeout * 1000)),
                isolation,
                sandbox,
                server,
                lti(root.get("lti")),
                jobe(root.get("jobe")),
                store(root.get("store"), server, root.get("server").get("role")));
    }

    /** The store section, checked against the role: only a shared store lets nodes split API and grading. */
    private static Store store(YamlNode n, Server server, YamlNode roleNode) {
        Store store = store(n);
        if (server.role() != Role.ALL && store.url() == null) {
            throw roleNode.error("'" + server.role().wireName() + "' needs a store the nodes share (store.url, a"
                    + " PostgreSQL database); with SQLite in the data folder one node does everything ('all')");
        }
        return store;
    }

    private static Store store(YamlNode n) {
        Store d = DEFAULTS.store();
        if (!n.present()) {
            return d;
        }
        n.onlyFields(Set.of("url", "user", "passwordEnv", "pool", "leaseSeconds", "maxAttempts"));
        String url = n.get("url").optionalText();
        if (url != null && !url.startsWith("jdbc:postgresql://")) {
            throw n.get("url")
                    .error("must be a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/grader (leave it out for"
                            + " SQLite in the data folder), not '" + url + "'");
        }
        String passwordEnv = n.get("passwordEnv").optionalText();
        if (passwordEnv != null && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw n.get("passwordEnv")
                    .error("must name an environment variable (like GRADER_DB_PASSWORD), not hold the password");
        }
        double leaseSeconds = n.get("leaseSeconds").number(d.lease().toMillis() / 1000.0);
        if (leaseSeconds < 1 || leaseSeconds > 3600) {
            throw n.get("leaseSeconds").error("must be a number of seconds from 1 to 3600");
        }
        Store store = new Store(
                url,
                n.get("user").optionalText(),
                passwordEnv,
                n.get("pool").integer(d.pool()),
                Duration.ofMillis((long) (leaseSeconds * 1000)),
                n.get("maxAttempts").integer(d.maxAttempts()));
        if (store.pool() < 2 || store.pool() > 200) {
            throw n.get("pool").error("must be a number from 2 to 200");
        }
        if (store.maxAttempts() < 1 || store.maxAttempts() > 100) {
            throw n.get("maxAttempts").error("must be a number from 1 to 100");
        }
        return store;
    }

    private static Jobe jobe(YamlNode n) {
        if (!n.present()) {
            return DEFAULTS.jobe();
        }
        n.onlyFields(Set.of("admissionWaitSeconds"));
        double seconds = n.get("admissionWaitSeconds")
                .number(DEFAULTS.jobe().admissionWait().toMillis() / 1000.0);
        if (seconds <= 0 || seconds > 600) {
            throw n.get("admissionWaitSeconds").error("must be more than 0 and at most 600 seconds");
        }
        return new Jobe(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    private static Lti lti(YamlNode n) {
        if (!n.present()) {
            return DEFAULTS.lti();
        }
        n.onlyFields(Set.of("keyFile", "platforms", "scoreCounts"));
        String counts = n.get("scoreCounts").text("best");
        if (!counts.equals("best") && !counts.equals("latest")) {
            throw n.get("scoreCounts").error("must be 'best' or 'latest', not '" + counts + "'");
        }
        java.util.List<LtiPlatform> platforms = new java.util.ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (YamlNode p : n.get("platforms").list()) {
            p.onlyFields(Set.of("name", "issuer", "clientId", "deploymentIds", "authUrl", "tokenUrl", "jwksUrl"));
            String name = p.get("name").text();
            if (!name.matches("[a-z0-9][a-z0-9-]{0,39}") || !names.add(name)) {
                throw p.get("name").error("must be a unique short name of lower-case letters, digits and -");
            }
            for (String url : java.util.List.of("issuer", "authUrl", "tokenUrl", "jwksUrl")) {
                if (!p.get(url).text().matches("https?://.+")) {
                    throw p.get(url).error("must be an http or https URL");
                }
            }
            java.util.List<String> deployments = p.get("deploymentIds").texts();
            if (deployments.isEmpty()) {
                throw p.get("deploymentIds").error("must list at least one deployment id");
            }
            platforms.add(new LtiPlatform(
                    name,
                    p.get("issuer").text(),
                    p.get("clientId").text(),
                    java.util.List.copyOf(deployments),
                    p.get("authUrl").text(),
                    p.get("tokenUrl").text(),
                    p.get("jwksUrl").text()));
        }
        return new Lti(
                Path.of(n.get("keyFile").text(DEFAULTS.lti().keyFile().toString())),
                java.util.List.copyOf(platforms),
                ScoreCounts.valueOf(counts.toUpperCase(Locale.ROOT)));
    }

    private static Server server(YamlNode n) {
        Server d = DEFAULTS.server();
        if (!n.present()) {
            return d;
        }
        n.onlyFields(Set.of(
                "host",
                "port",
                "data",
                "workers",
                "apiKeys",
                "studentSessions",
                "webhookSecret",
                "uploads",
                "instructorKeys",
                "role"));
        String roleName = n.get("role").text(d.role().wireName());
        Role role = java.util.Arrays.stream(Role.values())
                .filter(r -> r.wireName().equals(roleName))
                .findFirst()
                .orElseThrow(() -> n.get("role")
                        .error("must be 'all' (API, page and grading), 'api' (no grading) or 'worker' (grading only),"
                                + " not '" + roleName + "'"));
        int port = n.get("port").integer(d.port());
        if (port < 1 || port > 65535) {
            throw n.get("port").error("must be a port number from 1 to 65535");
        }
        int workers = n.get("workers").present() && n.get("workers").text().equals("auto")
                ? 0
                : n.get("workers").integer(0);
        if (workers < 0 || workers > 64) {
            throw n.get("workers").error("must be 'auto' or a number from 1 to 64");
        }
        Map<String, String> keys = hashedKeys(n.get("apiKeys"));
        YamlNode u = n.get("uploads");
        if (u.present()) {
            u.onlyFields(Set.of("maxFiles", "maxFileKb", "maxZipKb", "maxUnzippedKb"));
        }
        Uploads du = d.uploads();
        Uploads uploads = new Uploads(
                u.get("maxFiles").integer(du.maxFiles()),
                u.get("maxFileKb").integer(du.maxFileKb()),
                u.get("maxZipKb").integer(du.maxZipKb()),
                u.get("maxUnzippedKb").integer(du.maxUnzippedKb()));
        if (uploads.maxFiles() < 1
                || uploads.maxFileKb() < 1
                || uploads.maxZipKb() < 1
                || uploads.maxUnzippedKb() < 1) {
            throw u.error("upload limits must be positive");
        }
        return new Server(
                n.get("host").text(d.host()),
                port,
                Path.of(n.get("data").text(d.data().toString())),
                workers,
                keys,
                n.get("studentSessions").bool(d.studentSessions()),
                n.get("webhookSecret").optionalText(),
                uploads,
                hashedKeys(n.get("instructorKeys")),
                role);
    }

    /** A list of {@code name} + {@code sha256} entries (API keys, instructor keys) as hash by name. */
    private static Map<String, String> hashedKeys(YamlNode list) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (YamlNode k : list.list()) {
            k.onlyFields(Set.of("name", "sha256"));
            String hash = k.get("sha256").text().toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw k.get("sha256")
                        .error("must be the SHA-256 of the key in hex (64 characters), e.g. from"
                                + " printf %s \"$KEY\" | sha256sum");
            }
            keys.put(k.get("name").text(), hash);
        }
        return Map.copyOf(keys);
    }
}
