package dev.asyncgrader.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.delivery.Deliveries;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.exercise.ExerciseException;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.GradingListener;
import dev.asyncgrader.lti.LtiRoutes;
import dev.asyncgrader.lti.ScorePassback;
import dev.asyncgrader.store.Database;
import dev.asyncgrader.store.DeliveryRepository;
import dev.asyncgrader.store.LtiRepository;
import dev.asyncgrader.store.StoredSubmission;
import dev.asyncgrader.store.SubmissionKind;
import dev.asyncgrader.store.SubmissionRepository;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web service: the REST API under {@code /api/v1} for LMSs and the browser page, backed by the store and
 * the grading queue, with the same grading core as batch grading.
 */
public final class GraderServer implements AutoCloseable {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int MAX_STUDENT_ID = 200;

    private final GraderConfig config;
    private final ExerciseCatalog exercises;
    private final Grader grader;
    private final Database database;
    private final SubmissionRepository repository;
    private final Auth auth;
    private final EventHub events = new EventHub();
    private final GradingQueue queue;
    /** This process's name in a shared store: who holds a lease, who wrote an event. */
    private final String node = nodeName();
    /** The event streams of a store many nodes share; null with SQLite, where the hub has them all. */
    private final StoredStreams storedStreams;

    private final Webhooks webhooks;
    private final ServerMetrics metrics;
    private final UploadReader uploads;
    private final String isolation;
    private final LtiRoutes lti;
    private final Deliveries deliveries;
    private final SignInLinks signInLinks;
    private final dev.asyncgrader.jobe.JobeRoutes jobe;
    private final Map<String, CompletableFuture<GradeResult>> referenceRuns = new ConcurrentHashMap<>();
    private final List<String> routes = Collections.synchronizedList(new ArrayList<>());
    /** Gradings block for seconds: never on the common pool, which the JDK needs for its own completions. */
    private final java.util.concurrent.ExecutorService referenceThreads =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private Javalin app;

    /** JSON body of {@code POST /submissions} and {@code POST /runs}. */
    record SubmissionRequest(String exerciseId, String student, Map<String, String> files, String callbackUrl) {}

    /** JSON body of {@code POST /session}. */
    record SessionRequest(String student) {}

    /**
     * A server over {@code dataDir} with its own store; {@code envApiKey} (GRADER_API_KEY) adds an LMS key and
     * {@code envWebhookSecret} (GRADER_WEBHOOK_SECRET) signs webhooks when the configuration has no secret.
     */
    public GraderServer(
            GraderConfig config,
            ExerciseCatalog exercises,
            Grader grader,
            String isolation,
            Path dataDir,
            int workers,
            String envApiKey,
            String envWebhookSecret)
            throws IOException, SQLException {
        this.config = config;
        this.exercises = exercises;
        this.grader = grader;
        this.isolation = isolation;
        GraderConfig.Store store = config.store();
        this.database = Database.open(
                new Database.Settings(store.url(), store.user(), store.password(), store.pool()), dataDir);
        this.repository = new SubmissionRepository(database);
        this.auth = new Auth(config.server().apiKeys(), envApiKey, repository);
        String secret =
                config.server().webhookSecret() != null ? config.server().webhookSecret() : envWebhookSecret;
        this.webhooks = new Webhooks(secret, repository);
        this.metrics = new ServerMetrics(this::queueLength);
        this.uploads = new UploadReader(config.server().uploads());
        this.lti = LtiRoutes.create(
                config.lti(),
                dataDir,
                new LtiRepository(database),
                exercises,
                (subject, instructor, name) -> auth.openSession(
                        subject, instructor ? Principal.Role.INSTRUCTOR : Principal.Role.STUDENT, name));
        this.signInLinks = new SignInLinks(new dev.asyncgrader.store.SignInLinkRepository(database), auth);
        this.deliveries = new Deliveries(
                new DeliveryRepository(database), Map.of(Webhooks.KIND, webhooks, ScorePassback.KIND, lti.passback()));
        this.jobe = new dev.asyncgrader.jobe.JobeRoutes(
                grader.compiler(),
                grader.launcher(),
                grader.gate(),
                new dev.asyncgrader.store.JobeFileRepository(database),
                auth::isLmsKey,
                workers > 0 ? workers : Runtime.getRuntime().availableProcessors(),
                config.jobe().admissionWait());
        this.storedStreams =
                database.shared() && config.server().role().servesApi() ? new StoredStreams(database) : null;
        this.queue = new GradingQueue(
                grader,
                exercises,
                database,
                repository,
                events,
                this::owed,
                deliveries::wake,
                metrics,
                config.server().role().grades() ? workers : 0,
                new GradingQueue.Leasing(store.lease(), store.maxAttempts(), node));
    }

    /** What a finished grading owes other systems: its webhook, and its score to a launching LMS. */
    private List<DeliveryRepository.NewDelivery> owed(StoredSubmission s, GradeResult result, String resultJson)
            throws SQLException {
        List<DeliveryRepository.NewDelivery> out = new ArrayList<>();
        if (s.callbackUrl() != null) {
            out.add(webhooks.pending(s.id(), s.callbackUrl(), resultJson));
        }
        lti.passback().owed(result, exercise(s.exerciseId()).title()).ifPresent(out::add);
        return out;
    }

    private long queueLength() {
        return queue == null ? 0 : queue.length();
    }

    private static String nodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /** Starts listening on {@code port} (0 for any free port) and takes back unfinished submissions. */
    public GraderServer start(int port) throws SQLException {
        app = Javalin.create(this::configure);
        app.start(config.server().host(), port);
        deliveries.start();
        int recovered = queue.start();
        if (recovered > 0) {
            System.err.println("Took back " + recovered + " submission(s) accepted before the last stop.");
        }
        return this;
    }

    /** Where the store is ({@code sqlite:<file>} or {@code postgresql://host:port/db}), never a password. */
    public String storeDescription() {
        return database.describe();
    }

    public int port() {
        return app.port();
    }

    /** Every route as "METHOD path", for the test that holds the OpenAPI file to the real routes. */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    private void configure(JavalinConfig c) {
        c.http.maxRequestSize = 4L * 1024 * 1024;
        c.startup.showJavalinBanner = false;
        if (config.server().role().servesApi()) {
            c.staticFiles.add("/web", Location.CLASSPATH);
        }
        c.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
        c.routes.exception(Exception.class, (e, ctx) -> {
            System.err.println("internal error on " + ctx.method() + " " + ctx.path() + ": " + e);
            error(ctx, 500, "The grader failed on this request; this is logged. Please try again.");
        });
        c.routes.error(404, ctx -> {
            boolean alreadyJson = String.valueOf(ctx.res().getContentType()).startsWith("application/json");
            if (ctx.path().startsWith("/api/") && !alreadyJson) {
                error(ctx, 404, "No such route: " + ctx.method() + " " + ctx.path() + ". See /api/v1/openapi.json.");
            }
        });

        route(
                c,
                "GET",
                "/health",
                ctx -> ctx.json(Map.of(
                        "status",
                        "ok",
                        "queueLength",
                        queue.length(),
                        "exercises",
                        exercises.all().size(),
                        "isolation",
                        isolation,
                        "store",
                        database.describe(),
                        "role",
                        config.server().role().wireName(),
                        "node",
                        node)));
        route(
                c,
                "GET",
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.scrape()));
        if (!config.server().role().servesApi()) {
            return; // a worker node: grading only, its port answers health and metrics
        }
        route(
                c,
                "GET",
                "/api/v1/openapi.json",
                ctx -> ctx.contentType("application/json").result(openApi()));
        route(c, "POST", "/api/v1/session", this::openSession);
        route(
                c,
                "GET",
                "/api/v1/exercises",
                ctx -> ctx.json(exercises.all().stream()
                        .map(e -> ExerciseViews.summary(e, exercises.course(e.id())))
                        .toList()));
        route(c, "GET", "/api/v1/exercises/{id}", ctx -> ctx.json(ExerciseViews.detail(exercise(ctx.pathParam("id")))));
        route(c, "GET", "/api/v1/exercises/{id}/reference-run", this::referenceRun);
        route(c, "POST", "/api/v1/submissions", ctx -> accept(ctx, SubmissionKind.GRADE));
        route(c, "GET", "/api/v1/submissions", this::history);
        route(c, "GET", "/api/v1/submissions/{id}", ctx -> show(ctx, SubmissionKind.GRADE));
        routeSse(c, "/api/v1/submissions/{id}/events");
        route(c, "POST", "/api/v1/runs", ctx -> accept(ctx, SubmissionKind.RUN));
        route(c, "GET", "/api/v1/runs/{id}", ctx -> show(ctx, SubmissionKind.RUN));
        routeSse(c, "/api/v1/runs/{id}/events");
        new InstructorRoutes(config.server().instructorKeys(), exercises, repository, auth, queue)
                .register((method, path, handler) -> route(c, method, path, handler));
        lti.register(c);
        jobe.register((method, path, handler) -> route(c, method, path, handler));
        route(c, "POST", "/api/v1/sign-in-links", this::mintSignInLink);
        route(c, "DELETE", "/api/v1/sign-in-links/{id}", ctx -> {
            requireLms(ctx);
            signInLinks.revoke(ctx);
        });
        c.routes.get("/signin/{token}", signInLinks::open);
    }

    private Principal requireLms(Context ctx) throws SQLException {
        Principal who = auth.require(ctx);
        if (!who.isLms()) {
            throw ApiError.forbidden("Only an LMS key may manage sign-in links.");
        }
        return who;
    }

    private void mintSignInLink(Context ctx) throws SQLException {
        Principal lms = requireLms(ctx);
        SignInLinks.MintRequest req = JsonBody.read(ctx, SignInLinks.MintRequest.class);
        ctx.status(201).json(signInLinks.mint(ctx, lms, studentId(req.student()), req.days()));
    }

    private void route(JavalinConfig c, String method, String path, Handler handler) {
        routes.add(method + " " + path);
        switch (method) {
            case "GET" -> c.routes.get(path, handler);
            case "POST" -> c.routes.post(path, handler);
            case "DELETE" -> c.routes.delete(path, handler);
            case "PUT" -> c.routes.put(path, handler);
            case "HEAD" -> c.routes.head(path, handler);
            default -> throw new IllegalArgumentException(method);
        }
    }

    private void routeSse(JavalinConfig c, String path) {
        routes.add("GET " + path);
        c.routes.sse(path, this::stream);
    }

    private static void error(Context ctx, int status, String message) {
        String code = HttpStatus.forStatus(status).name().toLowerCase(java.util.Locale.ROOT);
        ctx.status(status).json(Map.of("error", code, "message", message));
    }

    private String openApi() throws IOException {
        try (InputStream in = GraderServer.class.getResourceAsStream("/openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Exercise exercise(String id) {
        try {
            return exercises.get(id);
        } catch (ExerciseException e) {
            throw ApiError.notFound(e.getMessage());
        }
    }

    private void openSession(Context ctx) throws SQLException {
        if (!config.server().studentSessions()) {
            throw ApiError.forbidden("Student sessions are turned off on this server; use an LMS API key.");
        }
        SessionRequest req = JsonBody.read(ctx, SessionRequest.class);
        String student = studentId(req.student());
        ctx.status(201)
                .json(Map.of("token", auth.openSession(student, Principal.Role.STUDENT, student), "student", student));
    }

    private static String studentId(String student) {
        if (student == null || student.isBlank()) {
            throw ApiError.badRequest("'student' is missing: give the student's id.");
        }
        String s = student.strip();
        if (s.length() > MAX_STUDENT_ID || !s.matches("[\\p{L}\\p{N}._@+-]+")) {
            throw ApiError.badRequest("'student' must be at most " + MAX_STUDENT_ID
                    + " letters, digits or . _ @ + - (no spaces), like a login name.");
        }
        return s;
    }

    private void accept(Context ctx, SubmissionKind kind) throws Exception {
        Principal who = auth.require(ctx);
        String exerciseId;
        String student;
        String callbackUrl;
        Map<String, String> files;
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        if (contentType.startsWith("multipart/form-data")) {
            exerciseId = ctx.formParam("exerciseId");
            student = ctx.formParam("student");
            callbackUrl = ctx.formParam("callbackUrl");
            exercise(required(exerciseId, "exerciseId"));
            files = uploads.fromMultipart(ctx.uploadedFiles());
        } else {
            SubmissionRequest req = JsonBody.read(ctx, SubmissionRequest.class);
            exerciseId = req.exerciseId();
            student = req.student();
            callbackUrl = req.callbackUrl();
            exercise(required(exerciseId, "exerciseId"));
            files = uploads.fromJson(req.files());
        }
        if (student == null && who.student() != null) {
            student = who.student();
        }
        student = studentId(student);
        if (!who.mayAccess(student)) {
            throw ApiError.forbidden("A student session may submit only as its own student ('" + who.student() + "').");
        }
        if (callbackUrl != null) {
            if (!who.isLms()) {
                throw ApiError.forbidden("Only an LMS key may ask for a webhook.");
            }
            if (!callbackUrl.matches("https?://.+")) {
                throw ApiError.badRequest("'callbackUrl' must be an http or https URL.");
            }
            if (!webhooks.configured()) {
                throw ApiError.badRequest("This server has no webhook secret (server.webhookSecret in grader-config, or"
                        + " GRADER_WEBHOOK_SECRET), so it cannot sign callbacks.");
            }
        }
        String key = ctx.header("Idempotency-Key");
        if (key != null) {
            if (key.isBlank() || key.length() > 200) {
                throw ApiError.badRequest("'Idempotency-Key' must be 1 to 200 characters.");
            }
            var earlier = repository.findByIdempotencyKey(who.name(), key);
            if (earlier.isPresent()) {
                ctx.status(202)
                        .json(Map.of(
                                "id",
                                earlier.get().id(),
                                "status",
                                earlier.get().status()));
                return;
            }
        }
        StoredSubmission s = repository.insert(kind, exerciseId, student, files, callbackUrl, key, who.name());
        queue.enqueue(s.id());
        String base = kind == SubmissionKind.RUN ? "/api/v1/runs/" : "/api/v1/submissions/";
        ctx.status(202)
                .header("Location", base + s.id())
                .json(Map.of("id", s.id(), "status", "queued", "events", base + s.id() + "/events"));
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiError.badRequest("'" + field + "' is missing.");
        }
        return value;
    }

    private StoredSubmission visible(Context ctx, SubmissionKind kind, Principal who) throws SQLException {
        StoredSubmission s = repository
                .find(ctx.pathParam("id"))
                .filter(x -> x.kind() == kind)
                .orElseThrow(() -> ApiError.notFound("No " + (kind == SubmissionKind.RUN ? "run" : "submission")
                        + " with id '" + ctx.pathParam("id") + "'."));
        if (!who.mayAccess(s.student())) {
            throw ApiError.forbidden("This submission belongs to another student.");
        }
        return s;
    }

    private void show(Context ctx, SubmissionKind kind) throws SQLException {
        Principal who = auth.require(ctx);
        ctx.json(ResultViews.submission(visible(ctx, kind, who), who));
    }

    private void history(Context ctx) throws SQLException {
        Principal who = auth.require(ctx);
        String student = ctx.queryParam("student");
        if (!who.seesAll()) {
            if (student != null && !student.equals(who.student())) {
                throw ApiError.forbidden("A student session sees only its own submissions.");
            }
            student = who.student();
        }
        String exercise = ctx.queryParam("exercise");
        SubmissionPage page = SubmissionPage.of(ctx, SubmissionPage.MAX_LIMIT, repository, student, exercise);
        if (page.nextCursor() != null) {
            // The body stays a list, as it always was; where it goes on is said beside it (RFC 8288).
            String next = "/api/v1/submissions?cursor=" + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8)
                    + (student != null ? "&student=" + URLEncoder.encode(student, StandardCharsets.UTF_8) : "")
                    + (exercise != null ? "&exercise=" + URLEncoder.encode(exercise, StandardCharsets.UTF_8) : "")
                    + (ctx.queryParam("limit") != null ? "&limit=" + ctx.queryParam("limit") : "");
            ctx.header("Link", "<" + next + ">; rel=\"next\"");
            ctx.header("Next-Cursor", page.nextCursor());
        }
        ctx.json(ResultViews.list(page.items(), who));
    }

    private void referenceRun(Context ctx) throws Exception {
        Exercise e = exercise(ctx.pathParam("id"));
        GradeResult r = referenceRuns
                .computeIfAbsent(
                        e.id(),
                        id -> CompletableFuture.supplyAsync(
                                () -> grader.grade(e, "reference", e.solution(), GradingListener.NONE, true),
                                referenceThreads))
                .get();
        ctx.json(Map.of("exerciseId", e.id(), "runs", r.runs()));
    }

    /** Server-Sent Events of a submission; browsers' EventSource cannot send headers, so ?access_token= works too. */
    private void stream(SseClient client) {
        Context ctx = client.ctx();
        Principal who;
        StoredSubmission s;
        SubmissionKind kind = ctx.path().startsWith("/api/v1/runs/") ? SubmissionKind.RUN : SubmissionKind.GRADE;
        try {
            String token = ctx.queryParam("access_token");
            who = token != null && ctx.header("Authorization") == null ? auth.requireToken(token) : auth.require(ctx);
            s = visible(ctx, kind, who);
        } catch (ApiError e) {
            client.sendEvent("failure", toJson(Map.of("error", e.status, "message", e.getMessage())));
            client.close();
            return;
        } catch (SQLException e) {
            client.sendEvent("failure", toJson(Map.of("error", 500, "message", "store unavailable")));
            client.close();
            return;
        }
        String id = s.id();
        if (storedStreams != null && streamFromStore(client, who, s)) {
            return;
        }
        EventHub.Subscriber subscriber = new EventHub.Subscriber() {
            @Override
            public void send(EventHub.Event event) {
                sendEvent(client, who, event.name(), event.data(), event.hiddenRun(), null);
            }

            @Override
            public void end() {
                client.close();
            }
        };
        client.onClose(() -> events.unsubscribe(id, subscriber));
        if (!events.subscribe(id, subscriber)) {
            // Graded before this server started: the stored result is the whole story.
            try {
                StoredSubmission now = repository.find(id).orElseThrow();
                if (now.done()) {
                    var view = ResultViews.submission(now, who);
                    client.sendEvent("status", toJson(Map.of("status", "done")));
                    client.sendEvent("result", toJson(view.get("result")));
                    client.close();
                    return;
                }
                queue.enqueue(id);
                if (storedStreams != null && streamFromStore(client, who, now)) {
                    return; // accepted before events were stored: its stream starts now, in the store
                }
                events.subscribe(id, subscriber);
            } catch (SQLException e) {
                client.close();
                return;
            }
        }
        client.keepAlive();
    }

    /** One event to one client, as its audience may see it: hidden runs and the student view filtered. */
    private static void sendEvent(
            SseClient client, Principal who, String name, Object data, boolean hiddenRun, String eventId) {
        if (hiddenRun && !who.seesAll()) {
            return;
        }
        Object shown = data;
        if (!who.seesAll()) {
            if (name.equals("result")) {
                shown = ResultViews.forStudent(JSON.valueToTree(data));
            } else if (name.equals("check")) {
                shown = ResultViews.studentCheck(JSON.valueToTree(data));
            }
        }
        if (eventId == null) {
            client.sendEvent(name, toJson(shown));
        } else {
            client.sendEvent(name, toJson(shown), eventId);
        }
    }

    /**
     * A shared store's stream: the events as stored, from after the client's {@code Last-Event-ID}, whichever node
     * grades. False (and nothing sent) for a submission with no stored events, graded before they were kept.
     */
    private boolean streamFromStore(SseClient client, Principal who, StoredSubmission s) {
        long after = 0;
        String last = client.ctx().header("Last-Event-ID");
        if (last != null && last.strip().matches("[0-9]{1,18}")) {
            after = Long.parseLong(last.strip());
        }
        try {
            if (!storedStreams.hasEvents(s.id())) {
                return false;
            }
        } catch (SQLException e) {
            return false;
        }
        Object follower = storedStreams.follow(s.id(), after, new StoredStreams.Sink() {
            @Override
            public void send(dev.asyncgrader.store.StoredEvent e) {
                try {
                    sendEvent(
                            client, who, e.name(), JSON.readTree(e.dataJson()), e.hiddenRun(), Long.toString(e.seq()));
                } catch (JsonProcessingException bad) {
                    throw new IllegalStateException(bad);
                }
            }

            @Override
            public void end() {
                client.close();
            }
        });
        client.onClose(() -> storedStreams.unfollow(s.id(), follower));
        client.keepAlive();
        return true;
    }

    private static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        queue.stop();
        if (storedStreams != null) {
            storedStreams.close();
        }
        deliveries.close();
        if (app != null) {
            app.stop();
        }
        database.close();
    }
}
