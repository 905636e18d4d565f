package dev.asyncgrader.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.asyncgrader.config.GraderConfig.LtiPlatform;
import dev.asyncgrader.store.LtiRepository;
import dev.asyncgrader.store.LtiRepository.LoginState;
import java.io.IOException;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks an LTI 1.3 launch ({@code id_token} and {@code state} posted by the platform) by the rules of the LTI
 * 1.3 core and OpenID Connect: the state this tool handed out and not yet used, RS256 signed by the
 * platform's key, issuer and audience of a registration, fresh, the state's nonce, a known deployment,
 * version 1.3.0 and a message type this tool handles.
 */
final class LaunchValidator {
    static final String CLAIM = "https://purl.imsglobal.org/spec/lti/claim/";
    static final String AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
    static final String DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
    static final Duration SKEW = Duration.ofSeconds(60);

    private final List<LtiPlatform> platforms;
    private final PlatformKeys keys;
    private final LtiRepository store;
    private final Clock clock;

    LaunchValidator(List<LtiPlatform> platforms, PlatformKeys keys, LtiRepository store, Clock clock) {
        this.platforms = List.copyOf(platforms);
        this.keys = keys;
        this.store = store;
        this.clock = clock;
    }

    LaunchOutcome validate(String state, String idToken) throws SQLException {
        if (idToken == null || idToken.isBlank()) {
            return refuse("The launch carries no id_token.");
        }
        if (state == null || state.isBlank()) {
            return refuse("The launch carries no state: it did not start at this tool's login.");
        }
        Optional<LoginState> login = store.consumeLogin(state);
        if (login.isEmpty()) {
            return refuse("The launch's state does not match a login at this tool (state mismatch): start the"
                    + " launch again from the course.");
        }
        if (login.get().used()) {
            return refuse("This launch was already used once (a replayed state and nonce): start it again from the"
                    + " course.");
        }
        if (login.get().expiresAt().isBefore(clock.instant())) {
            return refuse("The login for this launch expired: start it again from the course.");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(idToken);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return refuse("The id_token is not a signed JWT: " + e.getMessage());
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return refuse("The id_token is signed with " + jwt.getHeader().getAlgorithm() + "; LTI 1.3 needs RS256.");
        }
        String issuer = claims.getIssuer();
        Optional<LtiPlatform> byIssuer =
                platforms.stream().filter(p -> p.issuer().equals(issuer)).findFirst();
        if (byIssuer.isEmpty()) {
            return refuse("The platform '" + issuer + "' (unknown issuer) is not registered with this tool.");
        }
        List<String> aud = claims.getAudience();
        Optional<LtiPlatform> registration = platforms.stream()
                .filter(p -> p.issuer().equals(issuer) && aud.contains(p.clientId()))
                .findFirst();
        if (registration.isEmpty()) {
            return refuse("The id_token's audience " + aud + " is not this tool's client id at " + issuer + ".");
        }
        LtiPlatform platform = registration.get();
        if (!platform.name().equals(login.get().platform())) {
            return refuse("The launch comes from another platform than its login (state mismatch).");
        }
        Object azp = claims.getClaim("azp");
        if (aud.size() > 1 && !platform.clientId().equals(azp)) {
            return refuse("The id_token has several audiences, and its azp is not this tool's client id.");
        }
        if (azp != null && !platform.clientId().equals(azp)) {
            return refuse("The id_token's azp '" + azp + "' is not this tool's client id.");
        }
        try {
            String kid = jwt.getHeader().getKeyID();
            Optional<JWK> key = kid == null ? Optional.empty() : keys.key(platform.jwksUrl(), kid);
            if (key.isEmpty() || !(key.get() instanceof RSAKey rsa)) {
                return refuse("The platform publishes no RSA key with the id_token's key id '" + kid + "'.");
            }
            if (!jwt.verify(new RSASSAVerifier(rsa))) {
                return refuse("The id_token's signature is not valid (bad signature).");
            }
        } catch (IOException e) {
            return refuse("The platform's keys could not be fetched: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse("The launch was interrupted.");
        } catch (JOSEException e) {
            return refuse("The id_token's signature could not be checked: " + e.getMessage());
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            return refuse("The id_token lacks exp or iat.");
        }
        if (exp.toInstant().plus(SKEW).isBefore(now)) {
            return refuse("The id_token expired at " + exp.toInstant() + " (expired token).");
        }
        if (iat.toInstant().minus(SKEW).isAfter(now)) {
            return refuse("The id_token was issued in the future (" + iat.toInstant() + ").");
        }
        if (!login.get().nonce().equals(claims.getClaim("nonce"))) {
            return refuse(
                    "The id_token's nonce is not the one this tool gave its login (a replayed or foreign" + " nonce).");
        }
        Object deployment = claims.getClaim(CLAIM + "deployment_id");
        if (!(deployment instanceof String d) || !platform.deploymentIds().contains(d)) {
            return refuse("The deployment '" + deployment + "' (unknown deployment) is not registered for "
                    + platform.name() + ".");
        }
        if (!"1.3.0".equals(claims.getClaim(CLAIM + "version"))) {
            return refuse(
                    "The launch is LTI version " + claims.getClaim(CLAIM + "version") + "; this tool speaks 1.3.0.");
        }
        Object messageType = claims.getClaim(CLAIM + "message_type");
        if (!"LtiResourceLinkRequest".equals(messageType) && !"LtiDeepLinkingRequest".equals(messageType)) {
            return refuse("The message type '" + messageType + "' is not one this tool handles.");
        }
        Object settings = claims.getClaim(DL_CLAIM);
        String returnUrl = member(settings, "deep_link_return_url");
        if ("LtiDeepLinkingRequest".equals(messageType)) {
            if (returnUrl == null) {
                return refuse("The deep linking request has no deep_link_return_url.");
            }
            if (!instructor(claims.getClaim(CLAIM + "roles"))) {
                return refuse("Only an instructor may add exercises to a course (deep linking).");
            }
        }
        String sub = claims.getSubject();
        if (sub == null || sub.isBlank()) {
            return refuse("The launch names no person (no sub): anonymous launches cannot be graded.");
        }
        return new LaunchOutcome.Accepted(new Launch(
                platform,
                sub,
                text(claims.getClaim("name")),
                text(claims.getClaim("email")),
                instructor(claims.getClaim(CLAIM + "roles")),
                exercise(claims.getClaim(CLAIM + "custom")),
                (String) messageType,
                member(claims.getClaim(CLAIM + "resource_link"), "id"),
                member(claims.getClaim(AGS_CLAIM), "lineitem"),
                member(claims.getClaim(AGS_CLAIM), "lineitems"),
                (String) deployment,
                returnUrl,
                member(settings, "data")));
    }

    private static LaunchOutcome refuse(String reason) {
        return new LaunchOutcome.Refused(reason);
    }

    private static @Nullable String text(Object o) {
        return o instanceof String s && !s.isBlank() ? s : null;
    }

    /** Whether the course roles make the person staff: Instructor or TeachingAssistant (LIS v2 membership). */
    static boolean instructor(Object roles) {
        if (!(roles instanceof List<?> list)) {
            return false;
        }
        for (Object r : list) {
            String role = String.valueOf(r);
            if (role.equals("Instructor")
                    || role.equals("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor")
                    || role.startsWith("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#")
                    || role.equals("http://purl.imsglobal.org/vocab/lis/v2/membership#TeachingAssistant")) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String member(Object object, String field) {
        return object instanceof Map<?, ?> m && m.get(field) instanceof String s && !s.isBlank() ? s : null;
    }

    private static @Nullable String exercise(Object custom) {
        if (custom instanceof Map<?, ?> m && m.get("exercise") instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        return null;
    }
}
