package dev.asyncgrader.web;

import dev.asyncgrader.config.Sha256;
import dev.asyncgrader.store.SubmissionRepository;
import dev.asyncgrader.store.SubmissionRepository.StoredSession;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code Authorization: Bearer <key>} to a {@link Principal}. LMS keys are configured as SHA-256
 * hashes (never stored in clear); session tokens (students, instructors) are random, stored hashed as well, and
 * expire.
 */
final class Auth {
    /** How long a browser session lasts: a teaching day; the person signs in (or launches) again after. */
    static final Duration SESSION_LIFETIME = Duration.ofHours(8);

    private final Map<String, String> lmsKeyHashes; // hash -> name
    private final SubmissionRepository repository;
    private final SecureRandom random = new SecureRandom();

    Auth(Map<String, String> configuredKeys, String envKey, SubmissionRepository repository) {
        Map<String, String> byHash = new LinkedHashMap<>();
        configuredKeys.forEach((name, hash) -> byHash.put(hash, name));
        if (envKey != null && !envKey.isBlank()) {
            byHash.put(Sha256.hex(envKey), "env");
        }
        this.lmsKeyHashes = Map.copyOf(byHash);
        this.repository = repository;
    }

    /** The name of the instructor key {@code key} is, if it is one; only hashes are compared. */
    Optional<String> instructorKey(Map<String, String> instructorKeyHashesByName, String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = Sha256.hex(key.strip()).getBytes(StandardCharsets.US_ASCII);
        for (Map.Entry<String, String> e : instructorKeyHashesByName.entrySet()) {
            if (MessageDigest.isEqual(hash, e.getValue().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code key} is one of the LMS keys; only hashes are compared. */
    boolean isLmsKey(String key) {
        return key != null && !key.isBlank() && lmsKeyHashes.containsKey(Sha256.hex(key.strip()));
    }

    boolean hasLmsKeys() {
        return !lmsKeyHashes.isEmpty();
    }

    /** The caller, or 401 saying how to authenticate. */
    Principal require(Context ctx) throws SQLException {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() <= 7) {
            throw ApiError.unauthorized(
                    "Send an API key or a student session token as 'Authorization: Bearer <token>'.");
        }
        return requireToken(header.substring(7).trim());
    }

    /** The caller holding {@code token}, or 401. */
    Principal requireToken(String token) throws SQLException {
        String hash = Sha256.hex(token);
        String lms = lmsKeyHashes.get(hash);
        if (lms != null) {
            return Principal.lms(lms);
        }
        Optional<StoredSession> session = repository.session(hash);
        if (session.isPresent()) {
            StoredSession s = session.get();
            Principal.Role role = Principal.Role.ofStored(s.role());
            String name = s.displayName() == null ? s.subject() : s.displayName();
            return switch (role) {
                case STUDENT -> new Principal("student:" + s.subject(), s.subject(), role, name);
                case INSTRUCTOR -> new Principal("instructor:" + s.subject(), null, role, name);
                case LMS -> throw new IllegalStateException("an LMS is a key, never a session");
            };
        }
        throw ApiError.unauthorized("This API key or session token is not valid or has expired; sign in again.");
    }

    /**
     * A new session token for a person ({@code subject} is a student's or instructor's id); only its hash is
     * stored, and it stops working after {@link #SESSION_LIFETIME}.
     */
    String openSession(String subject, Principal.Role role, String displayName) throws SQLException {
        if (role == Principal.Role.LMS) {
            throw new IllegalArgumentException("an LMS authenticates with its key, not a session");
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = (role == Principal.Role.STUDENT ? "st_" : "in_")
                + HexFormat.of().formatHex(bytes);
        repository.insertSession(
                Sha256.hex(token),
                new StoredSession(
                        subject, role.storedName(), displayName, Instant.now().plus(SESSION_LIFETIME)));
        return token;
    }

    /** Ends the session holding {@code token}; an LMS key or unknown token is left alone. */
    void closeSession(String token) throws SQLException {
        repository.deleteSession(Sha256.hex(token));
    }
}
