package dev.asyncgrader.web;

import dev.asyncgrader.store.SubmissionRepository;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code Authorization: Bearer <key>} to a {@link Principal}. LMS keys are configured as SHA-256
 * hashes (never stored in clear); student session tokens are random and stored hashed as well.
 */
final class Auth {
    private final Map<String, String> lmsKeyHashes; // hash -> name
    private final SubmissionRepository repository;
    private final SecureRandom random = new SecureRandom();

    Auth(Map<String, String> configuredKeys, String envKey, SubmissionRepository repository) {
        Map<String, String> byHash = new LinkedHashMap<>();
        configuredKeys.forEach((name, hash) -> byHash.put(hash, name));
        if (envKey != null && !envKey.isBlank()) {
            byHash.put(sha256(envKey), "env");
        }
        this.lmsKeyHashes = Map.copyOf(byHash);
        this.repository = repository;
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
        String hash = sha256(token);
        String lms = lmsKeyHashes.get(hash);
        if (lms != null) {
            return new Principal(lms, null);
        }
        Optional<String> student = repository.sessionStudent(hash);
        if (student.isPresent()) {
            return new Principal("student:" + student.get(), student.get());
        }
        throw ApiError.unauthorized("This API key or session token is not valid.");
    }

    /** A new session token for {@code student}; only its hash is stored. */
    String openSession(String student) throws SQLException {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "st_" + HexFormat.of().formatHex(bytes);
        repository.insertSession(sha256(token), student);
        return token;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
