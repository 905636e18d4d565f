package dev.asyncgrader.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every SQL statement of the grading queue: claims with leases on the submissions table, renewals, and the
 * writes of a lease holder, each fenced by its token, so that a worker that lost its lease writes nothing.
 * Lease times come from the database's clock, the one clock all workers share.
 */
public final class QueueStore {
    /** PostgreSQL channel that wakes workers when a submission arrives. */
    public static final String CHANNEL = "grader_queue";

    /** PostgreSQL channel carrying the id of a scratch run a student asked to stop. */
    public static final String STOP_CHANNEL = "grader_stop";

    private final Database db;
    private final String now;

    public QueueStore(Database db) {
        this.db = db;
        this.now = db.dialect().nowMillis;
    }

    /**
     * A finished grading, written at once: the result, the deliveries it owes and the stream's closing events.
     *
     * @param score null for a scratch run, which keeps no score
     */
    public record Finish(
            String resultJson,
            Double score,
            Double maxScore,
            String gradeStatus,
            List<DeliveryRepository.NewDelivery> deliveries,
            List<EventStore.NewEvent> closingEvents) {}

    /**
     * Claims the oldest submission that is not done and not leased (or whose lease ran out), for {@code lease}
     * by the database's clock, and commits the claim at once. PostgreSQL skips rows another worker is claiming
     * at the same moment; SQLite has one writer at a time, so its claim is atomic as it is.
     */
    public Optional<Lease> claim(String worker, Duration lease) throws SQLException {
        String token = UUID.randomUUID().toString();
        String sql = "UPDATE submissions SET lease_token = ?, leased_by = ?, lease_expires = " + now + " + ?,"
                + " attempts = attempts + 1"
                + " WHERE id = (SELECT id FROM submissions WHERE status <> 'done'"
                + " AND (lease_expires IS NULL OR lease_expires < " + now + ")"
                + " ORDER BY created_at, id LIMIT 1" + db.dialect().skipLocked + ")"
                + " RETURNING id, attempts";
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, token);
                s.setString(2, worker);
                s.setLong(3, lease.toMillis());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Lease(r.getString(1), token, r.getInt(2))) : Optional.empty();
                }
            }
        });
    }

    /** Extends a lease by {@code lease} from now; false if it is no longer this lease (taken over or done). */
    public boolean renew(Lease l, Duration lease) throws SQLException {
        return fenced(
                "UPDATE submissions SET lease_expires = " + now + " + ? WHERE id = ? AND lease_token = ?"
                        + " AND status <> 'done'",
                l,
                lease.toMillis());
    }

    /** Sets the phase (compiling, running, checking) if the lease still holds. */
    public boolean updateStatus(Lease l, String status) throws SQLException {
        return fenced(
                "UPDATE submissions SET status = ? WHERE id = ? AND lease_token = ? AND status <> 'done'", l, status);
    }

    /**
     * Records the result, marks the submission done, adds the deliveries it owes to the outbox and appends the
     * closing events, in one transaction and only if {@code l} still holds: a worker that lost its lease (or was
     * killed half-way) leaves none of it, and the worker that took over writes all of it.
     */
    public boolean finish(Lease l, String worker, Finish f) throws SQLException {
        boolean written = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE submissions SET status = 'done', result_json = ?, score = ?, max_score = ?,"
                            + " grade_status = ?, finished_at = ?, lease_expires = NULL WHERE id = ?"
                            + " AND lease_token = ? AND status <> 'done'")) {
                s.setString(1, f.resultJson());
                if (f.score() == null || f.maxScore() == null) {
                    s.setNull(2, Types.DOUBLE);
                    s.setNull(3, Types.DOUBLE);
                } else {
                    s.setDouble(2, f.score());
                    s.setDouble(3, f.maxScore());
                }
                s.setString(4, f.gradeStatus());
                s.setString(5, StoreTime.now());
                s.setString(6, l.submissionId());
                s.setString(7, l.token());
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            DeliveryRepository.insertAll(c, l.submissionId(), f.deliveries());
            for (EventStore.NewEvent e : f.closingEvents()) {
                EventStore.insert(c, l.submissionId(), worker, e);
            }
            return true;
        });
        if (written && !f.closingEvents().isEmpty()) {
            db.call(c -> {
                EventStore.notify(db, c, l.submissionId());
                return null;
            });
        }
        return written;
    }

    /**
     * Lets go of every lease at once: only for SQLite, whose one server process restarted after a kill, so that
     * what it was grading is taken again at once rather than when the dead leases run out.
     */
    public int releaseAllOnOneMachine() throws SQLException {
        if (db.shared()) {
            return 0;
        }
        return db.call(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE submissions SET lease_expires = NULL WHERE status <> 'done'");
            }
        });
    }

    /**
     * Marks a scratch run to be stopped, for whichever worker grades it (or will), and tells the workers; false
     * when there is no such run not yet done.
     */
    public boolean requestStop(String id) throws SQLException {
        return db.call(c -> {
            int n;
            try (PreparedStatement s = c.prepareStatement("UPDATE submissions SET stop_requested = 1"
                    + " WHERE id = ? AND kind = 'run' AND status <> 'done'")) {
                s.setString(1, id);
                n = s.executeUpdate();
            }
            if (n == 1 && db.shared()) {
                try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    s.setString(1, STOP_CHANNEL);
                    s.setString(2, id);
                    s.executeQuery().close();
                }
            }
            return n == 1;
        });
    }

    /** Whether a student asked to stop the scratch run {@code id}. */
    public boolean stopRequested(String id) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT stop_requested FROM submissions WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() && r.getInt(1) == 1;
                }
            }
        });
    }

    /** Submissions not yet done, in all workers' queues together. */
    public long waiting() throws SQLException {
        return db.call(c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM submissions WHERE status <> 'done'")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** Wakes every worker listening on the store (PostgreSQL); others find the work by polling. */
    public void announce() throws SQLException {
        if (!db.shared()) {
            return;
        }
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, '')")) {
                s.setString(1, CHANNEL);
                s.executeQuery().close();
            }
            return null;
        });
    }

    private boolean fenced(String sql, Lease l, Object first) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setObject(1, first);
                s.setString(2, l.submissionId());
                s.setString(3, l.token());
                return s.executeUpdate() == 1;
            }
        });
    }
}
