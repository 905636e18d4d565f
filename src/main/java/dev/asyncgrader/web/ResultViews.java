package dev.asyncgrader.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.store.StoredSubmission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A stored submission as the API shows it to each audience: an LMS or instructor sees the whole result; a student
 * sees a view built by allow-list, which never holds a hidden run's arguments, output or error stream.
 */
public final class ResultViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultViews() {}

    static ObjectNode submission(StoredSubmission s, Principal viewer) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", s.id());
        out.put("kind", s.kind().wireName());
        out.put("exerciseId", s.exerciseId());
        out.put("student", s.student());
        out.put("status", s.status());
        out.put("createdAt", s.createdAt());
        out.put("finishedAt", s.finishedAt());
        if (s.resultJson() != null) {
            JsonNode result = read(s.resultJson());
            out.set("result", viewer.seesAll() ? result : forStudent(result));
        }
        return out;
    }

    /** Fields of a result a student may see as they are; everything else is left out or rebuilt below. */
    private static final List<String> STUDENT_RESULT_FIELDS =
            List.of("exercise", "student", "status", "score", "maxScore", "compileErrors", "gradedAt", "gradingMillis");

    /** Fields of a visible run a student may see (their own program's output on arguments the prompt shows). */
    private static final List<String> VISIBLE_RUN_FIELDS = List.of(
            "name", "hidden", "args", "outcome", "exitCode", "startupMs", "durationMs", "lines", "truncated", "tasks");

    /** Fields of a hidden run a student may see: that it ran and how it ended, never its arguments or output. */
    private static final List<String> HIDDEN_RUN_FIELDS =
            List.of("name", "hidden", "outcome", "exitCode", "durationMs");

    /**
     * The student's view of a result, built by allow-list: the student texts in place of the instructor's, visible
     * runs in full, of hidden runs only how they ended. A field added to results later stays out until listed here.
     */
    public static ObjectNode forStudent(JsonNode result) {
        ObjectNode out = JSON.createObjectNode();
        copy(result, out, STUDENT_RESULT_FIELDS);
        out.set(
                "feedback",
                result.path("studentFeedback").isArray() ? result.get("studentFeedback") : JSON.createArrayNode());
        ArrayNode checks = out.putArray("checks");
        for (JsonNode c : result.path("checks")) {
            checks.add(studentCheck(c));
        }
        ArrayNode runs = out.putArray("runs");
        for (JsonNode run : result.path("runs")) {
            ObjectNode r = JSON.createObjectNode();
            boolean hidden = run.path("hidden").asBoolean(true);
            copy(run, r, hidden ? HIDDEN_RUN_FIELDS : VISIBLE_RUN_FIELDS);
            if (hidden) {
                // Same shape as a visible run, so clients need no special case: nothing in it.
                r.putArray("args");
                r.putArray("lines");
                r.putArray("tasks");
            }
            runs.add(r);
        }
        return out;
    }

    /** A check's result as a student sees it: the student text as its feedback. */
    public static ObjectNode studentCheck(JsonNode check) {
        ObjectNode out = JSON.createObjectNode();
        copy(check, out, List.of("name", "outcome", "passed", "points", "maxPoints", "run", "runHidden"));
        out.set(
                "feedback",
                check.path("studentFeedback").isTextual() ? check.get("studentFeedback") : NullNode.getInstance());
        return out;
    }

    private static void copy(JsonNode from, ObjectNode to, List<String> fields) {
        for (String f : fields) {
            if (from.has(f)) {
                to.set(f, from.get(f).deepCopy());
            }
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ArrayNode list(Iterable<StoredSubmission> submissions, Principal viewer) {
        ArrayNode out = JSON.createArrayNode();
        for (StoredSubmission s : submissions) {
            ObjectNode o = JSON.createObjectNode();
            o.put("id", s.id());
            o.put("exerciseId", s.exerciseId());
            o.put("student", s.student());
            o.put("status", s.status());
            o.put("createdAt", s.createdAt());
            if (s.resultJson() != null) {
                JsonNode r = read(s.resultJson());
                o.set("score", r.get("score"));
                o.set("maxScore", r.get("maxScore"));
                o.set("gradeStatus", r.get("status"));
            }
            out.add(o);
        }
        return out;
    }
}
