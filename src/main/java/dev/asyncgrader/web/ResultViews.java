package dev.asyncgrader.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.store.StoredSubmission;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A stored submission as the API shows it; students never see hidden runs' arguments or output. */
final class ResultViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultViews() {}

    static ObjectNode submission(StoredSubmission s, Principal viewer) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", s.id());
        out.put("kind", s.kind());
        out.put("exerciseId", s.exerciseId());
        out.put("student", s.student());
        out.put("status", s.status());
        out.put("createdAt", s.createdAt());
        out.put("finishedAt", s.finishedAt());
        if (s.resultJson() != null) {
            JsonNode result = read(s.resultJson());
            out.set("result", viewer.seesAll() ? result : redact(result));
        }
        return out;
    }

    /** The result without what hidden runs reveal: their arguments, output lines and task bars. */
    static JsonNode redact(JsonNode result) {
        JsonNode copy = result.deepCopy();
        for (JsonNode run : copy.path("runs")) {
            if (run.path("hidden").asBoolean()) {
                ObjectNode r = (ObjectNode) run;
                r.set("args", JSON.createArrayNode());
                r.set("lines", JSON.createArrayNode());
                r.set("tasks", JSON.createArrayNode());
            }
        }
        return copy;
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
