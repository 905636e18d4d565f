package dev.asyncgrader.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.check.Check;
import dev.asyncgrader.check.CheckInfo;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.report.CsvLayout;
import dev.asyncgrader.report.GradebookCsv;
import dev.asyncgrader.store.StoredSubmission;
import dev.asyncgrader.store.SubmissionKind;
import dev.asyncgrader.store.SubmissionRepository;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instructor's side of the API: sign-in with an instructor key, the gradebook (JSON and CSV), submissions
 * with cursor paging, and re-grading with progress. Only callers who see every student's work (an instructor
 * session or an LMS key) get past {@link #instructor}; a student session gets 403.
 */
final class InstructorRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DISTRIBUTION_BUCKETS = 5;

    /** Adds one route to the server (it keeps the list the OpenAPI test compares). */
    interface Routes {
        void add(String method, String path, Handler handler);
    }

    /** JSON body of {@code POST /instructor/session}. */
    record InstructorSignIn(String key) {}

    /** JSON body of {@code POST /regrades}: one submission, a student's on an exercise, or a whole exercise. */
    record RegradeRequest(String submissionId, String student, String exerciseId) {}

    /** A re-grading asked for once, and the submissions it put back in line. */
    private record Regrade(String id, List<String> submissions) {}

    private final Map<String, String> instructorKeys;
    private final ExerciseCatalog exercises;
    private final SubmissionRepository repository;
    private final Auth auth;
    private final GradingQueue queue;
    private final Map<String, Regrade> regrades = new ConcurrentHashMap<>();

    InstructorRoutes(
            Map<String, String> instructorKeys,
            ExerciseCatalog exercises,
            SubmissionRepository repository,
            Auth auth,
            GradingQueue queue) {
        this.instructorKeys = instructorKeys;
        this.exercises = exercises;
        this.repository = repository;
        this.auth = auth;
        this.queue = queue;
    }

    void register(Routes r) {
        r.add("POST", "/api/v1/instructor/session", this::signIn);
        r.add("GET", "/api/v1/gradebook", this::gradebook);
        r.add("GET", "/api/v1/gradebook/submissions", this::submissions);
        r.add("GET", "/api/v1/submissions/{id}/files", this::files);
        r.add("POST", "/api/v1/regrades", this::regrade);
        r.add("GET", "/api/v1/regrades/{id}", this::regradeProgress);
        r.add("POST", "/api/v1/runs/{id}/stop", this::stopRun);
    }

    /** The Stop button: ends a scratch run of the caller's own (or, for an instructor, anyone's). */
    private void stopRun(Context ctx) throws SQLException {
        Principal who = auth.require(ctx);
        StoredSubmission s = repository
                .find(ctx.pathParam("id"))
                .filter(x -> x.kind() == SubmissionKind.RUN)
                .orElseThrow(() -> ApiError.notFound("No run with id '" + ctx.pathParam("id") + "'."));
        if (!who.mayAccess(s.student())) {
            throw ApiError.forbidden("This run belongs to another student.");
        }
        boolean stopping = queue.stopRun(s.id());
        ctx.status(stopping ? 202 : 200).json(Map.of("id", s.id(), "stopping", stopping));
    }

    private Principal instructor(Context ctx) throws SQLException {
        Principal who = auth.require(ctx);
        if (!who.seesAll()) {
            throw ApiError.forbidden("The gradebook is for instructors; a student session cannot open it.");
        }
        return who;
    }

    private void signIn(Context ctx) throws SQLException {
        String key = JsonBody.read(ctx, InstructorSignIn.class).key();
        String name = auth.instructorKey(instructorKeys, key)
                .orElseThrow(() -> ApiError.unauthorized(
                        instructorKeys.isEmpty()
                                ? "This server has no instructor keys (server.instructorKeys in grader-config)."
                                : "That is not an instructor key of this server."));
        ctx.status(201)
                .json(Map.of(
                        "token",
                        auth.openSession(name, Principal.Role.INSTRUCTOR, name),
                        "instructor",
                        name,
                        "role",
                        "instructor"));
    }

    // ------------------------------------------------------------------ gradebook

    /** One student's standing on one exercise. */
    private static final class Cell {
        Double best;
        Double latest;
        double maxScore;
        String latestStatus;
        String latestId;
        String lastSubmittedAt;
        int attempts;
    }

    private void gradebook(Context ctx) throws SQLException {
        instructor(ctx);
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        List<Exercise> all = List.copyOf(exercises.all());
        Map<String, Map<String, Cell>> byStudent = new TreeMap<>();
        Map<String, List<JsonNode>> latestResults = new LinkedHashMap<>();
        // Newest first, so the first submission seen of a student on an exercise is the latest.
        for (StoredSubmission s : repository.history(null, null, Integer.MAX_VALUE)) {
            Cell c = byStudent
                    .computeIfAbsent(s.student(), k -> new TreeMap<>())
                    .computeIfAbsent(s.exerciseId(), k -> new Cell());
            c.attempts++;
            if (c.lastSubmittedAt == null) {
                c.lastSubmittedAt = s.createdAt();
                c.latestId = s.id();
                c.latestStatus = s.status();
            }
            if (s.resultJson() == null) {
                continue;
            }
            JsonNode r = ResultViews.read(s.resultJson());
            double score = r.path("score").asDouble();
            c.maxScore = r.path("maxScore").asDouble();
            if (c.latest == null) {
                c.latest = score;
                if (s.id().equals(c.latestId) || !"done".equals(c.latestStatus)) {
                    c.latestStatus = s.done() ? r.path("status").asText() : c.latestStatus;
                }
                latestResults
                        .computeIfAbsent(s.exerciseId(), k -> new ArrayList<>())
                        .add(r);
            }
            c.best = c.best == null ? score : Math.max(c.best, score);
        }
        switch (format) {
            case "csv" ->
                ctx.contentType("text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"gradebook.csv\"")
                        .result(csv(csvLayout(ctx), all, byStudent));
            case "json" -> ctx.json(json(all, byStudent, latestResults));
            default -> throw ApiError.badRequest("'format' must be csv or json.");
        }
    }

    /** The {@code csvFormat} query parameter: generic (the default), canvas or moodle. */
    private static CsvLayout csvLayout(Context ctx) {
        String wire = ctx.queryParam("csvFormat");
        try {
            return wire == null ? CsvLayout.GENERIC : CsvLayout.of(wire);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("'csvFormat' must be generic, canvas or moodle.");
        }
    }

    private static ObjectNode json(
            List<Exercise> all, Map<String, Map<String, Cell>> byStudent, Map<String, List<JsonNode>> latest) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode ex = out.putArray("exercises");
        for (Exercise e : all) {
            ObjectNode o = ex.addObject();
            o.put("id", e.id());
            o.put("title", e.title());
            o.put("maxPoints", e.maxPoints());
            stats(o, e, latest.getOrDefault(e.id(), List.of()));
        }
        ArrayNode students = out.putArray("students");
        for (var entry : byStudent.entrySet()) {
            ObjectNode st = students.addObject();
            st.put("student", entry.getKey());
            ObjectNode cells = st.putObject("exercises");
            for (var ce : entry.getValue().entrySet()) {
                Cell c = ce.getValue();
                ObjectNode o = cells.putObject(ce.getKey());
                putScore(o, "best", c.best);
                putScore(o, "latest", c.latest);
                o.put("maxScore", c.maxScore);
                o.put("status", c.latestStatus);
                o.put("attempts", c.attempts);
                o.put("lastSubmittedAt", c.lastSubmittedAt);
                o.put("latestSubmission", c.latestId);
            }
        }
        return out;
    }

    private static void putScore(ObjectNode o, String field, Double score) {
        if (score == null) {
            o.putNull(field);
        } else {
            o.put(field, score);
        }
    }

    /** Each student's latest score in equal fifths of the maximum, and the checks failed most often. */
    private static void stats(ObjectNode o, Exercise e, List<JsonNode> latestResults) {
        int[] buckets = new int[DISTRIBUTION_BUCKETS];
        Map<String, Integer> failed = new TreeMap<>();
        for (JsonNode r : latestResults) {
            double max = r.path("maxScore").asDouble();
            double ratio = max > 0 ? r.path("score").asDouble() / max : 0;
            buckets[Math.min(DISTRIBUTION_BUCKETS - 1, (int) Math.floor(ratio * DISTRIBUTION_BUCKETS))]++;
            for (JsonNode c : r.path("checks")) {
                if (!c.path("passed").asBoolean()) {
                    failed.merge(c.path("name").asText(), 1, Integer::sum);
                }
            }
        }
        ArrayNode dist = o.putArray("distribution");
        for (int i = 0; i < DISTRIBUTION_BUCKETS; i++) {
            ObjectNode b = dist.addObject();
            b.put("fromPercent", i * 100 / DISTRIBUTION_BUCKETS);
            b.put("toPercent", (i + 1) * 100 / DISTRIBUTION_BUCKETS);
            b.put("students", buckets[i]);
        }
        ArrayNode most = o.putArray("mostFailedChecks");
        failed.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(5)
                .forEach(f -> most.addObject().put("check", f.getKey()).put("students", f.getValue()));
    }

    private static String checkTitle(Exercise e, String name) {
        return e.checks().stream()
                .map(Check::info)
                .filter(i -> i.name().equals(name))
                .map(CheckInfo::title)
                .findFirst()
                .orElse(name);
    }

    /** One row per student, one column per exercise (best score; empty when never submitted), in {@code layout}. */
    static String csv(CsvLayout layout, List<Exercise> all, Map<String, Map<String, Cell>> byStudent) {
        List<GradebookCsv.Column> columns = all.stream()
                .map(e -> new GradebookCsv.Column(e.id(), e.title(), e.maxPoints()))
                .toList();
        List<GradebookCsv.Row> rows = new ArrayList<>();
        for (var entry : byStudent.entrySet()) {
            List<Double> scores = new ArrayList<>();
            for (Exercise e : all) {
                Cell c = entry.getValue().get(e.id());
                scores.add(c == null ? null : c.best);
            }
            rows.add(new GradebookCsv.Row(entry.getKey(), scores));
        }
        return GradebookCsv.render(layout, columns, rows);
    }

    // ------------------------------------------------------------------ submissions

    private void submissions(Context ctx) throws SQLException {
        Principal who = instructor(ctx);
        SubmissionPage page =
                SubmissionPage.of(ctx, 50, repository, ctx.queryParam("student"), ctx.queryParam("exercise"));
        ObjectNode out = JSON.createObjectNode();
        out.set("items", ResultViews.list(page.items(), who));
        if (page.nextCursor() != null) {
            out.put("nextCursor", page.nextCursor());
        } else {
            out.putNull("nextCursor");
        }
        ctx.json(out);
    }

    /** A submission's source files: its student and instructors may read them. */
    private void files(Context ctx) throws SQLException {
        Principal who = auth.require(ctx);
        StoredSubmission s = repository
                .find(ctx.pathParam("id"))
                .orElseThrow(() -> ApiError.notFound("No submission with id '" + ctx.pathParam("id") + "'."));
        if (!who.mayAccess(s.student())) {
            throw ApiError.forbidden("This submission belongs to another student.");
        }
        ctx.json(Map.of("id", s.id(), "exerciseId", s.exerciseId(), "student", s.student(), "files", s.files()));
    }

    // ------------------------------------------------------------------ re-grading

    private void regrade(Context ctx) throws SQLException {
        instructor(ctx);
        RegradeRequest req = JsonBody.read(ctx, RegradeRequest.class);
        List<String> ids = new ArrayList<>();
        if (req.submissionId() != null) {
            StoredSubmission s = repository
                    .find(req.submissionId())
                    .filter(x -> x.kind() == SubmissionKind.GRADE)
                    .orElseThrow(() -> ApiError.notFound("No submission with id '" + req.submissionId() + "'."));
            ids.add(s.id());
        } else if (req.exerciseId() != null) {
            if (exercises.all().stream().noneMatch(e -> e.id().equals(req.exerciseId()))) {
                throw ApiError.notFound("No exercise '" + req.exerciseId() + "'.");
            }
            for (StoredSubmission s : repository.history(req.student(), req.exerciseId(), Integer.MAX_VALUE)) {
                ids.add(s.id());
            }
        } else if (req.student() != null) {
            for (StoredSubmission s : repository.history(req.student(), null, Integer.MAX_VALUE)) {
                ids.add(s.id());
            }
        } else {
            throw ApiError.badRequest("Name what to re-grade: 'submissionId', 'student' or 'exerciseId'.");
        }
        for (String id : new TreeSet<>(ids)) {
            if (repository.requeue(id)) {
                queue.regrade(id);
            }
        }
        Regrade r = new Regrade(UUID.randomUUID().toString(), List.copyOf(ids));
        regrades.put(r.id(), r);
        ctx.status(202).json(Map.of("id", r.id(), "total", ids.size(), "progress", "/api/v1/regrades/" + r.id()));
    }

    private void regradeProgress(Context ctx) throws SQLException {
        instructor(ctx);
        Regrade r = regrades.get(ctx.pathParam("id"));
        if (r == null) {
            throw ApiError.notFound("No re-grading with id '" + ctx.pathParam("id") + "' on this server.");
        }
        int done = 0;
        for (String id : r.submissions()) {
            if (repository.find(id).map(StoredSubmission::done).orElse(true)) {
                done++;
            }
        }
        ctx.json(Map.of("id", r.id(), "total", r.submissions().size(), "done", done));
    }
}
