package dev.asyncgrader.lti;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platforms' public keys, fetched from each platform's JWKS URL and kept; a key id not seen yet makes one
 * fresh fetch (the platform rotated), never more per launch.
 */
final class PlatformKeys {
    private final HttpClient http;
    private final Map<String, JWKSet> byUrl = new ConcurrentHashMap<>();

    PlatformKeys(HttpClient http) {
        this.http = http;
    }

    /** The key {@code kid} of the platform publishing at {@code jwksUrl}, or empty when it has none such. */
    Optional<JWK> key(String jwksUrl, String kid) throws IOException, InterruptedException {
        JWKSet known = byUrl.get(jwksUrl);
        if (known != null && known.getKeyByKeyId(kid) != null) {
            return Optional.of(known.getKeyByKeyId(kid));
        }
        JWKSet fresh = fetch(jwksUrl);
        byUrl.put(jwksUrl, fresh);
        return Optional.ofNullable(fresh.getKeyByKeyId(kid));
    }

    private JWKSet fetch(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the platform's JWKS URL " + url + " answered HTTP " + r.statusCode());
        }
        try {
            return JWKSet.parse(r.body());
        } catch (ParseException e) {
            throw new IOException("the platform's JWKS URL " + url + " did not answer a JWK set: " + e.getMessage(), e);
        }
    }
}
