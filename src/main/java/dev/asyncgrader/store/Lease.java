package dev.asyncgrader.store;

/**
 * A worker's claim on a submission: while {@code token} is the submission's lease token, only this worker may
 * write its status, events and result.
 *
 * @param attempts how many times the submission has been claimed, this claim included
 */
public record Lease(String submissionId, String token, int attempts) {
    /** True when an earlier claim's worker died or lost its lease before finishing. */
    public boolean reclaimed() {
        return attempts > 1;
    }
}
