package dev.asyncgrader.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every SQL statement about submissions' event streams in a shared store: events are rows, so a client on any
 * API node reads them; a worker's appends are fenced by its lease, and PostgreSQL {@code NOTIFY} wakes readers.
 */
public final class EventStore {
    /** PostgreSQL channel carrying the id of a submission that has new events. */
    public static final String CHANNEL = "grader_events";

    private static final String NEXT_SEQ =
            "(SELECT COALESCE(MAX(seq), 0) + 1 FROM submission_events WHERE submission_id = ?)";

    private final Database db;

    public EventStore(Database db) {
        this.db = db;
    }

    /** One event to append: its name and JSON data as the SSE stream carries them. */
    public record NewEvent(String name, String dataJson, boolean hiddenRun) {}

    /**
     * Starts a submission's stream afresh with the API's own first event ({@code queued}): a re-grading's stream
     * does not replay the last grading's.
     */
    public void restart(String submissionId, NewEvent first) throws SQLException {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM submission_events WHERE submission_id = ?")) {
                s.setString(1, submissionId);
                s.executeUpdate();
            }
            insert(c, submissionId, null, first);
            return null;
        });
        db.call(c -> {
            notify(db, c, submissionId);
            return null;
        });
    }

    /** Appends an event if {@code lease} still holds; false (nothing written) if the lease was lost. */
    public boolean append(Lease lease, String worker, NewEvent e) throws SQLException {
        return db.call(c -> {
            int n;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO submission_events"
                    + " (submission_id, seq, name, data_json, hidden_run, written_by, created_at)"
                    + " SELECT id, " + NEXT_SEQ + ", ?, ?, ?, ?, ? FROM submissions"
                    + " WHERE id = ? AND lease_token = ? AND status <> 'done'")) {
                s.setString(1, lease.submissionId());
                s.setString(2, e.name());
                s.setString(3, e.dataJson());
                s.setInt(4, e.hiddenRun() ? 1 : 0);
                s.setString(5, worker);
                s.setString(6, StoreTime.now());
                s.setString(7, lease.submissionId());
                s.setString(8, lease.token());
                n = s.executeUpdate();
            }
            if (n == 1) {
                notify(db, c, lease.submissionId());
            }
            return n == 1;
        });
    }

    /** Appends inside the caller's transaction, which has already checked the lease (the closing events). */
    static void insert(Connection c, String submissionId, String worker, NewEvent e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO submission_events (submission_id, seq, name, data_json, hidden_run, written_by,"
                        + " created_at) VALUES (?, " + NEXT_SEQ + ", ?, ?, ?, ?, ?)")) {
            s.setString(1, submissionId);
            s.setString(2, submissionId);
            s.setString(3, e.name());
            s.setString(4, e.dataJson());
            s.setInt(5, e.hiddenRun() ? 1 : 0);
            s.setString(6, worker);
            s.setString(7, StoreTime.now());
            s.executeUpdate();
        }
    }

    /** The events of a submission after {@code seq} (0 for all), in order. */
    public List<StoredEvent> after(String submissionId, long seq) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT seq, name, data_json, hidden_run, written_by FROM submission_events"
                            + " WHERE submission_id = ? AND seq > ? ORDER BY seq")) {
                s.setString(1, submissionId);
                s.setLong(2, seq);
                List<StoredEvent> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredEvent(
                                submissionId,
                                r.getLong(1),
                                r.getString(2),
                                r.getString(3),
                                r.getInt(4) == 1,
                                r.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    /** Wakes the API nodes following {@code submissionId} (PostgreSQL; SQLite has one node, which knows). */
    static void notify(Database db, Connection c, String submissionId) throws SQLException {
        if (!db.shared()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, submissionId);
            s.executeQuery().close();
        }
    }
}
