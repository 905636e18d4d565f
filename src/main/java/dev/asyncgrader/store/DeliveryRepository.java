package dev.asyncgrader.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every SQL statement about the outbox of deliveries (webhooks, LTI scores): written with the result they
 * carry, then read back by the one delivery loop until each is delivered or given up.
 */
public final class DeliveryRepository {

    /** How long a server's claim on a delivery holds: longer than any one attempt (a send times out sooner). */
    public static final java.time.Duration CLAIM = java.time.Duration.ofMinutes(2);

    private final Database db;

    public DeliveryRepository(Database db) {
        this.db = db;
    }

    /** A delivery to make: its kind names the sender, its payload is everything the sender needs. */
    public record NewDelivery(String kind, String payload) {}

    /** A delivery owed, as stored. */
    public record Delivery(String id, String kind, String submissionId, String payload, int attempts) {}

    /** Inserts the deliveries of a finished submission, due now; the caller holds the transaction. */
    static void insertAll(Connection c, String submissionId, List<NewDelivery> deliveries) throws SQLException {
        String now = StoreTime.now();
        for (NewDelivery d : deliveries) {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO deliveries (id, kind, submission_id, payload, created_at, attempts,"
                            + " next_attempt) VALUES (?, ?, ?, ?, ?, 0, ?)")) {
                s.setString(1, UUID.randomUUID().toString());
                s.setString(2, d.kind());
                s.setString(3, submissionId);
                s.setString(4, d.payload());
                s.setString(5, now);
                s.setString(6, now);
                s.executeUpdate();
            }
        }
    }

    /**
     * Claims the deliveries due at {@code now}, oldest first (so one person's scores go out in the order they were
     * made), for {@link #CLAIM}: of several servers sharing the store, each delivery goes to one. A claim ends with
     * the attempt's outcome, or runs out when its server died, and then another server sends it.
     */
    public List<Delivery> due(Instant now, int limit) throws SQLException {
        String dbNow = db.dialect().nowMillis;
        String sql = "UPDATE deliveries SET lease_token = ?, lease_expires = " + dbNow + " + ?"
                + " WHERE id IN (SELECT id FROM deliveries WHERE next_attempt IS NOT NULL AND next_attempt <= ?"
                + " AND (lease_expires IS NULL OR lease_expires < " + dbNow + ")"
                + " ORDER BY created_at, id LIMIT ?" + db.dialect().skipLocked + ")"
                + " RETURNING id, kind, submission_id, payload, attempts, created_at";
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, UUID.randomUUID().toString());
                s.setLong(2, CLAIM.toMillis());
                s.setString(3, StoreTime.of(now));
                s.setInt(4, limit);
                record Claimed(String createdAt, Delivery delivery) {}
                List<Claimed> claimed = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        claimed.add(new Claimed(
                                r.getString(6),
                                new Delivery(
                                        r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5))));
                    }
                }
                // RETURNING keeps no order: oldest first again, by creation and id.
                return claimed.stream()
                        .sorted(java.util.Comparator.comparing(Claimed::createdAt)
                                .thenComparing(x -> x.delivery().id()))
                        .map(Claimed::delivery)
                        .toList();
            }
        });
    }

    /**
     * Lets go of every claim at once: only for SQLite, whose one server process restarted after a kill, so that
     * what it was sending goes out at once rather than when the dead claims run out.
     */
    public int releaseClaimsOnOneMachine() throws SQLException {
        if (db.shared()) {
            return 0;
        }
        return db.call(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE deliveries SET lease_expires = NULL WHERE next_attempt IS NOT NULL")) {
                return s.executeUpdate();
            }
        });
    }

    /** The earliest time a delivery nobody has claimed is due, or null when none is owed. */
    public Instant nextDue() throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MIN(next_attempt) FROM deliveries"
                            + " WHERE lease_expires IS NULL OR lease_expires < " + db.dialect().nowMillis);
                    ResultSet r = s.executeQuery()) {
                String t = r.next() ? r.getString(1) : null;
                return t == null ? null : Instant.parse(t);
            }
        });
    }

    public void delivered(String id, int attempts) throws SQLException {
        update(id, attempts, null, StoreTime.now(), null);
    }

    /** A failed attempt: tried again at {@code next}, or never again when {@code next} is null. */
    public void failed(String id, int attempts, String error, Instant next) throws SQLException {
        update(id, attempts, next == null ? null : StoreTime.of(next), null, error);
    }

    private void update(String id, int attempts, String next, String deliveredAt, String error) throws SQLException {
        db.call(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE deliveries SET attempts = ?, next_attempt = ?, delivered_at = ?,"
                            + " last_error = ?, lease_expires = NULL WHERE id = ?")) {
                s.setInt(1, attempts);
                s.setString(2, next);
                s.setString(3, deliveredAt);
                s.setString(4, error == null ? null : error.substring(0, Math.min(error.length(), 2000)));
                s.setString(5, id);
                s.executeUpdate();
            }
            return null;
        });
    }
}
