package dev.asyncgrader.lti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.asyncgrader.config.GraderConfig.LtiPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LTI Advantage Assignment and Grade Services, the tool's side: access tokens by OAuth 2 client credentials
 * with a signed JWT assertion (kept until shortly before they expire), line items found or made, and scores
 * posted.
 */
final class AgsClient {
    static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
    static final String LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";
    static final String LINEITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
    static final String LINEITEMS_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    /** A token is not used in its last minute: a request on its way must not arrive with it expired. */
    static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final LtiKeys keys;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant usableUntil) {}

    /** An answer the platform gave that is not a success; {@code status} 0 when it could not be reached. */
    static final class AgsException extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        AgsException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** Whether trying again later may help: unreachable, throttled or a server error. */
        boolean transientFailure() {
            return status == 0 || status == 429 || status >= 500 || status == 401;
        }
    }

    AgsClient(HttpClient http, LtiKeys keys) {
        this.http = http;
        this.keys = keys;
    }

    /** A bearer token for the score and line item scopes at {@code platform}, from the cache when still good. */
    String token(LtiPlatform platform) throws AgsException, InterruptedException {
        Token t = tokens.get(platform.name());
        if (t != null && Instant.now().isBefore(t.usableUntil())) {
            return t.value();
        }
        String assertion = assertion(platform);
        String form = "grant_type=client_credentials"
                + "&client_assertion_type="
                + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(assertion)
                + "&scope=" + enc(SCORE_SCOPE + " " + LINEITEM_SCOPE);
        JsonNode answer = call(HttpRequest.newBuilder(URI.create(platform.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        String value = answer.path("access_token").asText(null);
        if (value == null) {
            throw new AgsException(502, "the token endpoint answered no access_token");
        }
        long seconds = answer.path("expires_in").asLong(3600);
        tokens.put(
                platform.name(),
                new Token(value, Instant.now().plusSeconds(seconds).minus(TOKEN_MARGIN)));
        return value;
    }

    /** Forgets a token the platform refused (it may have been revoked before it expired). */
    void forget(LtiPlatform platform) {
        tokens.remove(platform.name());
    }

    private String assertion(LtiPlatform platform) throws AgsException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(platform.clientId())
                .subject(platform.clientId())
                .audience(platform.tokenUrl()) // exactly the token URL: platforms compare it as text
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(keys.signing().getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(keys.signing()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AgsException(0, "the client assertion could not be signed: " + e.getMessage());
        }
    }

    /**
     * The line item of a resource link in the course's {@code lineitems}: the one tagged with the link, made
     * (with {@code scoreMaximum} and {@code label}) when there is none yet.
     */
    String lineItem(LtiPlatform platform, String lineitems, String resourceLinkId, double scoreMaximum, String label)
            throws AgsException, InterruptedException {
        String token = token(platform);
        JsonNode found =
                call(HttpRequest.newBuilder(URI.create(withQuery(lineitems, "resource_link_id=" + enc(resourceLinkId))))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", LINEITEMS_TYPE)
                        .GET());
        for (JsonNode item : found) {
            if (resourceLinkId.equals(item.path("resourceLinkId").asText(null)) && item.has("id")) {
                return item.get("id").asText();
            }
        }
        String body = JSON.createObjectNode()
                .put("scoreMaximum", scoreMaximum)
                .put("label", label)
                .put("resourceLinkId", resourceLinkId)
                .put("tag", "async-grader")
                .toString();
        JsonNode made = call(HttpRequest.newBuilder(URI.create(lineitems))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", LINEITEM_TYPE)
                .header("Accept", LINEITEM_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (!made.has("id")) {
            throw new AgsException(502, "the platform made a line item without an id");
        }
        return made.get("id").asText();
    }

    /** Posts {@code score} (the AGS score JSON) to {@code lineitem}'s scores. */
    void postScore(LtiPlatform platform, String lineitem, String score) throws AgsException, InterruptedException {
        call(HttpRequest.newBuilder(URI.create(scoresUrl(lineitem)))
                .header("Authorization", "Bearer " + token(platform))
                .header("Content-Type", SCORE_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(score)));
    }

    /** The scores URL of a line item: {@code /scores} added to its path, before any query string. */
    static String scoresUrl(String lineitem) {
        int q = lineitem.indexOf('?');
        String path = q < 0 ? lineitem : lineitem.substring(0, q);
        String query = q < 0 ? "" : lineitem.substring(q);
        return (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/scores" + query;
    }

    static String withQuery(String url, String param) {
        return url + (url.contains("?") ? "&" : "?") + param;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonNode call(HttpRequest.Builder request) throws AgsException, InterruptedException {
        HttpResponse<String> r;
        try {
            r = http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AgsException(0, "the platform could not be reached: " + e);
        }
        if (r.statusCode() / 100 != 2) {
            String body = r.body() == null ? "" : r.body();
            throw new AgsException(
                    r.statusCode(),
                    "HTTP " + r.statusCode() + " from " + r.request().uri() + ": "
                            + body.substring(0, Math.min(body.length(), 300)));
        }
        try {
            return r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AgsException(502, "the platform answered something other than JSON: " + e.getMessage());
        }
    }
}
