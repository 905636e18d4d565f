package dev.asyncgrader.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every SQL statement about the outbox of deliveries (webhooks, LTI scores): written with the result they
 * carry, then read back by the one delivery loop until each is delivered or given up.
 */
public final class DeliveryRepository {
    /** Fixed-width UTC times, so that comparing the text compares the instants. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Database db;

    public DeliveryRepository(Database db) {
        this.db = db;
    }

    /** A delivery to make: its kind names the sender, its payload is everything the sender needs. */
    public record NewDelivery(String kind, String payload) {}

    /** A delivery owed, as stored. */
    public record Delivery(String id, String kind, String submissionId, String payload, int attempts) {}

    static String time(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Inserts the deliveries of a finished submission, due now; the caller holds the transaction. */
    static void insertAll(Connection c, String submissionId, List<NewDelivery> deliveries) throws SQLException {
        String now = time(Instant.now());
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

    /** Deliveries due at {@code now}, oldest first (so one person's scores go out in the order they were made). */
    public List<Delivery> due(Instant now, int limit) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT id, kind, submission_id, payload, attempts FROM deliveries"
                            + " WHERE next_attempt IS NOT NULL AND next_attempt <= ? ORDER BY created_at, id")) {
                s.setString(1, time(now));
                s.setMaxRows(limit);
                List<Delivery> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Delivery(
                                r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5)));
                    }
                }
                return out;
            }
        });
    }

    /** The earliest time a delivery is due, or null when none is owed. */
    public Instant nextDue() throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MIN(next_attempt) FROM deliveries");
                    ResultSet r = s.executeQuery()) {
                String t = r.next() ? r.getString(1) : null;
                return t == null ? null : Instant.parse(t);
            }
        });
    }

    public void delivered(String id, int attempts) throws SQLException {
        update(id, attempts, null, time(Instant.now()), null);
    }

    /** A failed attempt: tried again at {@code next}, or never again when {@code next} is null. */
    public void failed(String id, int attempts, String error, Instant next) throws SQLException {
        update(id, attempts, next == null ? null : time(next), null, error);
    }

    private void update(String id, int attempts, String next, String deliveredAt, String error) throws SQLException {
        db.call(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE deliveries SET attempts = ?, next_attempt = ?, delivered_at = ?,"
                            + " last_error = ? WHERE id = ?")) {
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
