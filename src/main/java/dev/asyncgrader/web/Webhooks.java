package dev.asyncgrader.web;

import dev.asyncgrader.store.SubmissionRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Calls an LMS back once grading ends: POSTs the result JSON with an {@code X-Grader-Signature:
 * sha256=<hex>} header (HMAC-SHA256 of the body with the webhook secret), retrying with exponential backoff.
 */
final class Webhooks {
    static final String SIGNATURE_HEADER = "X-Grader-Signature";
    private final String secret;
    private final SubmissionRepository repository;
    private final int attempts;
    private final Duration firstBackoff;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Webhooks(String secret, SubmissionRepository repository, int attempts, Duration firstBackoff) {
        this.secret = secret;
        this.repository = repository;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
    }

    boolean configured() {
        return secret != null && !secret.isEmpty();
    }

    /** Delivers in the background; every attempt is recorded. */
    void deliver(String submissionId, String url, String body) {
        Thread.ofVirtual().name("webhook-" + submissionId).start(() -> {
            Duration wait = firstBackoff;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                String error;
                try {
                    HttpResponse<Void> r = http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/json")
                                    .header(SIGNATURE_HEADER, "sha256=" + sign(body))
                                    .header("X-Grader-Submission", submissionId)
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() / 100 == 2) {
                        record(submissionId, url, attempt, true, null, null);
                        return;
                    }
                    error = "HTTP " + r.statusCode();
                } catch (Exception e) {
                    error = e.toString();
                }
                boolean last = attempt == attempts;
                record(
                        submissionId,
                        url,
                        attempt,
                        false,
                        error,
                        last ? null : Instant.now().plus(wait).toString());
                if (last) {
                    return;
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
                wait = wait.multipliedBy(2);
            }
        });
    }

    String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    private void record(String id, String url, int attempt, boolean delivered, String error, String next) {
        try {
            repository.recordDelivery(id, url, attempt, delivered, error, next);
        } catch (SQLException e) {
            System.err.println("webhook delivery for " + id + " could not be recorded: " + e.getMessage());
        }
    }
}
