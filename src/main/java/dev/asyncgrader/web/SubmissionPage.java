package dev.asyncgrader.web;

import dev.asyncgrader.store.StoredSubmission;
import dev.asyncgrader.store.SubmissionRepository;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.List;

/**
 * One page of graded submissions as a request asks for it: {@code limit} (1 to {@link #MAX_LIMIT}) and the
 * {@code cursor} a previous page gave out (the last submission's time and id), newest first. A cursor, not an
 * offset, so that submissions arriving while a client pages neither repeat nor go missing.
 *
 * @param items the submissions of this page
 * @param nextCursor where the next page starts, or null on the last page
 */
record SubmissionPage(List<StoredSubmission> items, String nextCursor) {
    static final int MAX_LIMIT = 200;

    /** The page {@code ctx}'s {@code limit} and {@code cursor} ask for, of {@code student}'s and {@code exercise}'s (null: all). */
    static SubmissionPage of(
            Context ctx, int defaultLimit, SubmissionRepository repository, String student, String exercise)
            throws SQLException {
        int limit;
        try {
            limit = ctx.queryParam("limit") == null ? defaultLimit : Integer.parseInt(ctx.queryParam("limit"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiError.badRequest("'limit' must be from 1 to " + MAX_LIMIT + ".");
        }
        String cursor = ctx.queryParam("cursor");
        String afterCreated = null;
        String afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            int bar = cursor.lastIndexOf('|');
            if (bar < 0) {
                throw ApiError.badRequest("'cursor' is not one this server gave out; start without it.");
            }
            afterCreated = cursor.substring(0, bar);
            afterId = cursor.substring(bar + 1);
        }
        List<StoredSubmission> page = repository.page(student, exercise, afterCreated, afterId, limit + 1);
        if (page.size() <= limit) {
            return new SubmissionPage(page, null);
        }
        List<StoredSubmission> shown = page.subList(0, limit);
        StoredSubmission last = shown.getLast();
        return new SubmissionPage(shown, last.createdAt() + "|" + last.id());
    }
}
