package dev.asyncgrader.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Every SQL statement about personal sign-in links: minted, looked up by their token's hash, revoked. */
public final class SignInLinkRepository {
    private final Database db;

    public SignInLinkRepository(Database db) {
        this.db = db;
    }

    /** Stores a new link for {@code student}; returns its id (for revoking). */
    public String insert(String tokenSha256, String student, String createdBy, Instant expiresAt) throws SQLException {
        String id = UUID.randomUUID().toString();
        db.call(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO sign_in_links (id, token_sha256, student, created_by, expires_at,"
                            + " revoked) VALUES (?, ?, ?, ?, ?, 0)")) {
                s.setString(1, id);
                s.setString(2, tokenSha256);
                s.setString(3, student);
                s.setString(4, createdBy);
                s.setString(5, expiresAt.toString());
                s.executeUpdate();
            }
            return null;
        });
        return id;
    }

    /** The student of the link with this token hash, when it is neither expired nor revoked. */
    public Optional<String> student(String tokenSha256, Instant now) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT student, expires_at, revoked FROM sign_in_links WHERE token_sha256 = ?")) {
                s.setString(1, tokenSha256);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()
                            || r.getInt(3) != 0
                            || Instant.parse(r.getString(2)).isBefore(now)) {
                        return Optional.empty();
                    }
                    return Optional.of(r.getString(1));
                }
            }
        });
    }

    /** Revokes the link {@code id}; false when there is none such. */
    public boolean revoke(String id) throws SQLException {
        return db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE sign_in_links SET revoked = 1 WHERE id = ?")) {
                s.setString(1, id);
                return s.executeUpdate() > 0;
            }
        });
    }
}
