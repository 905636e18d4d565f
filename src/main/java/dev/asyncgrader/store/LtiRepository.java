package dev.asyncgrader.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Every SQL statement about LTI: login states with their nonces, and the people platforms launched. */
public final class LtiRepository {
    private final Database db;

    public LtiRepository(Database db) {
        this.db = db;
    }

    /** A login state as the login step stored it. */
    public record LoginState(String nonce, String platform, Instant expiresAt, boolean used) {}

    /** A person as the last launch described them; {@code subject} is their id in the grader. */
    public record LtiPerson(String subject, String platform, String issuer, String sub, String name, String email) {}

    /** Stores a fresh, unused login state; states past their expiry are dropped on the way. */
    public void insertLogin(String state, String nonce, String platform, Instant expiresAt) throws SQLException {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM lti_logins WHERE expires_at < ?")) {
                s.setString(1, StoreTime.of(Instant.now()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO lti_logins (state, nonce, platform, expires_at, used)" + " VALUES (?, ?, ?, ?, 0)")) {
                s.setString(1, state);
                s.setString(2, nonce);
                s.setString(3, platform);
                s.setString(4, StoreTime.of(expiresAt)); // fixed width: the text compares as the time
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The login state {@code state} as it was, marking it used in the same step: of two launches presenting
     * one state, only the first sees it unused.
     */
    public Optional<LoginState> consumeLogin(String state) throws SQLException {
        return db.call(c -> {
            // Marking first, in one statement, keeps this single-use across processes sharing the store.
            boolean firstUse;
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE lti_logins SET used = 1 WHERE state = ? AND used = 0")) {
                s.setString(1, state);
                firstUse = s.executeUpdate() == 1;
            }
            try (PreparedStatement s =
                    c.prepareStatement("SELECT nonce, platform, expires_at FROM lti_logins WHERE state = ?")) {
                s.setString(1, state);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(
                            new LoginState(r.getString(1), r.getString(2), Instant.parse(r.getString(3)), !firstUse));
                }
            }
        });
    }

    /** Records (or refreshes) a launched person: name and e-mail follow the platform's latest claims. */
    public void savePerson(LtiPerson p) throws SQLException {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE lti_people SET name = ?, email = ?, last_launch_at = ? WHERE subject = ?")) {
                s.setString(1, p.name());
                s.setString(2, p.email());
                s.setString(3, StoreTime.now());
                s.setString(4, p.subject());
                if (s.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO lti_people (subject, platform, issuer, sub, name, email, last_launch_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, p.subject());
                s.setString(2, p.platform());
                s.setString(3, p.issuer());
                s.setString(4, p.sub());
                s.setString(5, p.name());
                s.setString(6, p.email());
                s.setString(7, StoreTime.now());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The person with the grader id {@code subject}, if a platform launched them. */
    public Optional<LtiPerson> person(String subject) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT subject, platform, issuer, sub, name, email FROM lti_people WHERE subject = ?")) {
                s.setString(1, subject);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new LtiPerson(
                            r.getString(1),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            r.getString(6)));
                }
            }
        });
    }

    /** What a learner's launch of an exercise said about grade passback. */
    public record LtiContext(
            String subject,
            String exerciseId,
            String platform,
            String sub,
            String resourceLinkId,
            String lineitem,
            String lineitems) {}

    /** Records the latest launch's grade passback endpoints for a person and exercise. */
    public void saveContext(LtiContext c) throws SQLException {
        db.call(conn -> {
            try (PreparedStatement s =
                    conn.prepareStatement("DELETE FROM lti_contexts WHERE subject = ? AND exercise_id = ?")) {
                s.setString(1, c.subject());
                s.setString(2, c.exerciseId());
                s.executeUpdate();
            }
            try (PreparedStatement s = conn.prepareStatement(
                    "INSERT INTO lti_contexts (subject, exercise_id, platform, sub, resource_link_id,"
                            + " lineitem, lineitems, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, c.subject());
                s.setString(2, c.exerciseId());
                s.setString(3, c.platform());
                s.setString(4, c.sub());
                s.setString(5, c.resourceLinkId());
                s.setString(6, c.lineitem());
                s.setString(7, c.lineitems());
                s.setString(8, StoreTime.now());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The grade passback endpoints for {@code subject}'s work on {@code exerciseId}, if launched with them. */
    public Optional<LtiContext> context(String subject, String exerciseId) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT platform, sub, resource_link_id, lineitem, lineitems FROM lti_contexts"
                            + " WHERE subject = ? AND exercise_id = ?")) {
                s.setString(1, subject);
                s.setString(2, exerciseId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new LtiContext(
                            subject,
                            exerciseId,
                            r.getString(1),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5)));
                }
            }
        });
    }

    /** The best score among {@code student}'s finished gradings of {@code exerciseId}, or 0 when none. */
    public double bestScore(String student, String exerciseId) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT MAX(score) FROM submissions WHERE student = ? AND exercise_id = ?"
                            + " AND kind = 'grade' AND status = 'done'")) {
                s.setString(1, student);
                s.setString(2, exerciseId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getDouble(1) : 0;
                }
            }
        });
    }
}
