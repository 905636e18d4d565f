package dev.asyncgrader.store;

/**
 * One event of a submission's stream as kept in the store.
 *
 * @param seq 1, 2, ... per submission; the SSE event id a client resumes from with {@code Last-Event-ID}
 * @param hiddenRun output of a run whose arguments students must not see
 * @param writtenBy the worker that held the lease when it was written; null for the API's own events
 */
public record StoredEvent(
        String submissionId, long seq, String name, String dataJson, boolean hiddenRun, String writtenBy) {}
