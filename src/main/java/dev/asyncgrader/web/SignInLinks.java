package dev.asyncgrader.web;

import dev.asyncgrader.config.Sha256;
import dev.asyncgrader.lti.LtiRoutes;
import dev.asyncgrader.store.SignInLinkRepository;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Personal sign-in links, for courses without LTI: an LMS key mints one per student ({@code POST
 * /api/v1/sign-in-links}), revokes it ({@code DELETE /api/v1/sign-in-links/{id}}); opening it ({@code GET
 * /signin/<token>}) starts that student's session, handed to the page in memory. The token is random and
 * stored only as its hash; a link works until it expires or is revoked.
 */
final class SignInLinks {
    static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    static final Duration MAX_LIFETIME = Duration.ofDays(120);

    private final SignInLinkRepository store;
    private final Auth auth;
    private final SecureRandom random = new SecureRandom();

    /** JSON body of {@code POST /sign-in-links}. */
    record MintRequest(String student, Integer days) {}

    SignInLinks(SignInLinkRepository store, Auth auth) {
        this.store = store;
        this.auth = auth;
    }

    /** Mints a link for a student; the caller has checked the LMS key and the student id. */
    Map<String, Object> mint(Context ctx, Principal lms, String student, Integer days) throws SQLException {
        Duration life = days == null ? DEFAULT_LIFETIME : Duration.ofDays(days);
        if (life.isNegative() || life.isZero() || life.compareTo(MAX_LIFETIME) > 0) {
            throw ApiError.badRequest("'days' must be from 1 to " + MAX_LIFETIME.toDays() + ".");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "sl_" + HexFormat.of().formatHex(bytes);
        Instant expires = Instant.now().plus(life);
        String id = store.insert(Sha256.hex(token), student, lms.name(), expires);
        URI here = URI.create(ctx.fullUrl());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("student", student);
        out.put("url", here.getScheme() + "://" + here.getRawAuthority() + "/signin/" + token);
        out.put("expiresAt", expires.toString());
        return out;
    }

    void revoke(Context ctx) throws SQLException {
        if (!store.revoke(ctx.pathParam("id"))) {
            throw ApiError.notFound("No sign-in link with id '" + ctx.pathParam("id") + "'.");
        }
        ctx.status(204);
    }

    /** Opening a link: the page with that student's session in memory, or a page saying the link is dead. */
    void open(Context ctx) throws SQLException, IOException {
        Optional<String> student = store.student(Sha256.hex(ctx.pathParam("token")), Instant.now());
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
        if (student.isEmpty()) {
            ctx.status(404)
                    .contentType("text/html; charset=utf-8")
                    .result("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in link not"
                            + " valid · async-grader</title></head><body><main><h1>This sign-in link does not work"
                            + "</h1><p>It has expired or was withdrawn. Ask your instructor for a new one.</p></main>"
                            + "</body></html>");
            return;
        }
        String token = auth.openSession(student.get(), Principal.Role.STUDENT, student.get());
        Map<String, Object> handed = new LinkedHashMap<>();
        handed.put("token", token);
        handed.put("student", student.get());
        handed.put("name", student.get());
        handed.put("role", "student");
        handed.put("exercise", null);
        ctx.contentType("text/html; charset=utf-8").result(LtiRoutes.page(handed, "/#/"));
    }
}
