package dev.asyncgrader.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.delivery.DeliverySender;
import dev.asyncgrader.delivery.SendOutcome;
import dev.asyncgrader.store.DeliveryRepository;
import dev.asyncgrader.store.SubmissionRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Calls an LMS back once grading ends: POSTs the result JSON with an {@code X-Grader-Signature:
 * sha256=<hex>} header (HMAC-SHA256 of the body with the webhook secret). A webhook is an outbox entry stored
 * with the result ({@link #pending}); the delivery loop sends it ({@link #send}) and retries it with backoff,
 * also after a restart.
 */
final class Webhooks implements DeliverySender {
    /** The kind of outbox entry a webhook is. */
    static final String KIND = "webhook";

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SIGNATURE_HEADER = "X-Grader-Signature";
    private final String secret;
    private final SubmissionRepository repository;
    /** Attempts in this process, for the attempt count recorded in webhook_deliveries. */
    private final java.util.Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Webhooks(String secret, SubmissionRepository repository) {
        this.secret = secret;
        this.repository = repository;
    }

    boolean configured() {
        return secret != null && !secret.isEmpty();
    }

    /** The outbox entry for calling {@code url} back with {@code body}: stored with the result, sent later. */
    DeliveryRepository.NewDelivery pending(String submissionId, String url, String body) {
        ObjectNode p = JSON.createObjectNode().put("url", url).put("body", body);
        return new DeliveryRepository.NewDelivery(KIND, p.toString());
    }

    /** One attempt at a stored webhook: POST the signed body; every attempt is recorded. */
    @Override
    public SendOutcome send(String submissionId, String payload) throws InterruptedException {
        String url;
        String body;
        try {
            JsonNode p = JSON.readTree(payload);
            url = p.get("url").asText();
            body = p.get("body").asText();
        } catch (java.io.IOException | RuntimeException e) {
            return new SendOutcome.GiveUp("the stored webhook is unreadable: " + e);
        }
        int attempt = attempts.merge(submissionId, 1, Integer::sum);
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
                attempts.remove(submissionId);
                return new SendOutcome.Delivered();
            }
            error = "HTTP " + r.statusCode();
        } catch (java.io.IOException | IllegalArgumentException e) {
            error = e.toString();
        }
        record(submissionId, url, attempt, false, error, null);
        return new SendOutcome.Retry(error);
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
