package dev.asyncgrader.store;

import java.util.Map;

/**
 * A submission as kept in the store.
 *
 * @param kind graded and kept, or a scratch run
 * @param status queued, compiling, running, checking or done
 * @param resultJson the grading result (same object as batch grading) once done, else null
 * @param submittedBy who submitted it: an API key's name, or {@code student:<id>} for a browser session
 */
public record StoredSubmission(
        String id,
        SubmissionKind kind,
        String exerciseId,
        String student,
        Map<String, String> files,
        String status,
        String resultJson,
        String callbackUrl,
        String submittedBy,
        String createdAt,
        String finishedAt) {

    public boolean done() {
        return "done".equals(status);
    }
}
