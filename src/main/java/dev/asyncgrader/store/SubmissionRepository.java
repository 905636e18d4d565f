package dev.asyncgrader.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Every SQL statement about submissions, sessions and webhook deliveries: the one small repository layer. */
public final class SubmissionRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS =
            "id, kind, exercise_id, student, files_json, status, result_json, callback_url, submitted_by, created_at, finished_at";

    private final Database db;

    public SubmissionRepository(Database db) {
        this.db = db;
    }

    /** A new submission, committed before this returns: once the caller answers 202, it is never lost. */
    public StoredSubmission insert(
            SubmissionKind kind,
            String exerciseId,
            String student,
            Map<String, String> files,
            String callbackUrl,
            String idempotencyKey,
            String submittedBy)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        String now = StoreTime.now();
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO submissions (id, kind, exercise_id, student,"
                    + " files_json, status, callback_url, idempotency_key, submitted_by, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, kind.wireName());
                s.setString(3, exerciseId);
                s.setString(4, student);
                s.setString(5, toJson(files));
                s.setString(6, callbackUrl);
                s.setString(7, idempotencyKey);
                s.setString(8, submittedBy);
                s.setString(9, now);
                s.executeUpdate();
            }
            return null;
        });
        return new StoredSubmission(
                id, kind, exerciseId, student, files, "queued", null, callbackUrl, submittedBy, now, null);
    }

    /** The submission an earlier request with the same idempotency key created, if any. */
    public Optional<StoredSubmission> findByIdempotencyKey(String submittedBy, String key) throws SQLException {
        return one(
                "SELECT " + COLUMNS + " FROM submissions WHERE submitted_by = ? AND idempotency_key = ?",
                submittedBy,
                key);
    }

    public Optional<StoredSubmission> find(String id) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM submissions WHERE id = ?", id);
    }

    /** Graded (not scratch) submissions, newest first, filtered by student and exercise where given. */
    public List<StoredSubmission> history(String student, String exerciseId, int limit) throws SQLException {
        return page(student, exerciseId, null, null, limit);
    }

    /**
     * One page of graded submissions, newest first, after the cursor (the {@code createdAt} and {@code id} of the
     * last one of the page before; both null for the first page), filtered by student and exercise where given.
     */
    public List<StoredSubmission> page(
            String student, String exerciseId, String afterCreatedAt, String afterId, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM submissions WHERE kind = 'grade'");
        List<String> args = new ArrayList<>();
        if (student != null) {
            sql.append(" AND student = ?");
            args.add(student);
        }
        if (exerciseId != null) {
            sql.append(" AND exercise_id = ?");
            args.add(exerciseId);
        }
        if (afterCreatedAt != null && afterId != null) {
            sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
            args.add(afterCreatedAt);
            args.add(afterCreatedAt);
            args.add(afterId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(limit);
        return many(sql.toString(), args.toArray(String[]::new));
    }

    /** Puts a finished graded submission back in line to be graded again; its old result stays until then. */
    public boolean requeue(String id) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE submissions SET status = 'queued', lease_token = NULL, lease_expires = NULL,"
                            + " attempts = 0 WHERE id = ? AND kind = 'grade'")) {
                s.setString(1, id);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Submissions accepted but not finished, oldest first: what a restarted server must grade. */
    public List<StoredSubmission> unfinished() throws SQLException {
        return many("SELECT " + COLUMNS + " FROM submissions WHERE status <> 'done' ORDER BY created_at");
    }

    public void updateStatus(String id, String status) throws SQLException {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE submissions SET status = ? WHERE id = ?")) {
                s.setString(1, status);
                s.setString(2, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Records the result and marks the submission done. */
    public void finish(String id, String resultJson, double score, double maxScore, String gradeStatus)
            throws SQLException {
        finish(id, resultJson, score, maxScore, gradeStatus, List.of());
    }

    /**
     * Records the result, marks the submission done and adds the deliveries that carry it (webhook, LTI score)
     * to the outbox, all in one transaction: a kill leaves either none of it or all of it.
     */
    public void finish(
            String id,
            String resultJson,
            double score,
            double maxScore,
            String gradeStatus,
            List<DeliveryRepository.NewDelivery> deliveries)
            throws SQLException {
        db.transaction(c -> {
            finishRow(c, id, resultJson, score, maxScore, gradeStatus);
            DeliveryRepository.insertAll(c, id, deliveries);
            return null;
        });
    }

    private static void finishRow(
            Connection c, String id, String resultJson, double score, double maxScore, String gradeStatus)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE submissions SET status = 'done', result_json = ?,"
                + " score = ?, max_score = ?, grade_status = ?, finished_at = ? WHERE id = ?")) {
            s.setString(1, resultJson);
            s.setDouble(2, score);
            s.setDouble(3, maxScore);
            s.setString(4, gradeStatus);
            s.setString(5, StoreTime.now());
            s.setString(6, id);
            s.executeUpdate();
        }
    }

    /** Records a scratch run's result; no score is kept for it. */
    public void finishRun(String id, String resultJson) throws SQLException {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE submissions SET status = 'done', result_json = ?, finished_at = ? WHERE id = ?")) {
                s.setString(1, resultJson);
                s.setString(2, StoreTime.now());
                s.setString(3, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Counts of submissions by status, for metrics. */
    public Map<String, Long> countByStatus() throws SQLException {
        Map<String, Long> out = new java.util.TreeMap<>();
        db.call(c -> {
            try (PreparedStatement s =
                            c.prepareStatement("SELECT COALESCE(grade_status, status), COUNT(*) FROM submissions"
                                    + " WHERE kind = 'grade' GROUP BY COALESCE(grade_status, status)");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
            return null;
        });
        return out;
    }

    /**
     * A browser session as stored: whose it is, in which role, and until when.
     *
     * @param subject the student's (or instructor's) id
     * @param role the role's stored name ({@code student} or {@code instructor})
     * @param displayName a name to show, or null
     * @param expiresAt when the session stops being valid
     */
    public record StoredSession(String subject, String role, String displayName, Instant expiresAt) {}

    /** Stores a new session token's hash with whom it belongs to and when it expires. */
    public void insertSession(String tokenSha256, StoredSession session) throws SQLException {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO student_sessions"
                            + " (token_sha256, student, created_at, role, display_name, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, tokenSha256);
                s.setString(2, session.subject());
                s.setString(3, StoreTime.now());
                s.setString(4, session.role());
                s.setString(5, session.displayName());
                s.setString(6, session.expiresAt().toString());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The session a token hash belongs to, if it exists and has not expired. */
    public Optional<StoredSession> session(String tokenSha256) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT student, role, display_name, expires_at"
                    + " FROM student_sessions WHERE token_sha256 = ?")) {
                s.setString(1, tokenSha256);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    // Sessions from before expiry existed have none: they end now.
                    Instant expires = r.getString(4) == null ? Instant.EPOCH : Instant.parse(r.getString(4));
                    if (!Instant.now().isBefore(expires)) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredSession(r.getString(1), r.getString(2), r.getString(3), expires));
                }
            }
        });
    }

    /** Ends a session now (sign-out); true if it existed. */
    public boolean deleteSession(String tokenSha256) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM student_sessions WHERE token_sha256 = ?")) {
                s.setString(1, tokenSha256);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Records a webhook delivery attempt. */
    public void recordDelivery(
            String submissionId, String url, int attempts, boolean delivered, String error, String next)
            throws SQLException {
        db.call(c -> {
            int updated;
            try (PreparedStatement s = c.prepareStatement("UPDATE webhook_deliveries SET url = ?, attempts = ?,"
                    + " delivered = ?, last_error = ?, next_attempt = ? WHERE submission_id = ?")) {
                s.setString(1, url);
                s.setInt(2, attempts);
                s.setInt(3, delivered ? 1 : 0);
                s.setString(4, error);
                s.setString(5, next);
                s.setString(6, submissionId);
                updated = s.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO webhook_deliveries"
                                + " (submission_id, url, attempts, delivered, last_error, next_attempt) VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, submissionId);
                    s.setString(2, url);
                    s.setInt(3, attempts);
                    s.setInt(4, delivered ? 1 : 0);
                    s.setString(5, error);
                    s.setString(6, next);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    private Optional<StoredSubmission> one(String sql, String... args) throws SQLException {
        List<StoredSubmission> all = many(sql, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    private List<StoredSubmission> many(String sql, String... args) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setString(i + 1, args[i]);
                }
                List<StoredSubmission> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredSubmission(
                                r.getString(1),
                                SubmissionKind.fromWire(r.getString(2)),
                                r.getString(3),
                                r.getString(4),
                                fromJson(r.getString(5)),
                                r.getString(6),
                                r.getString(7),
                                r.getString(8),
                                r.getString(9),
                                r.getString(10),
                                r.getString(11)));
                    }
                }
                return out;
            }
        });
    }

    private static String toJson(Map<String, String> files) {
        try {
            return JSON.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored files are not JSON", e);
        }
    }
}
