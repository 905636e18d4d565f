package dev.asyncgrader.lti;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.config.GraderConfig.LtiPlatform;
import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.exercise.ExerciseException;
import dev.asyncgrader.store.LtiRepository;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The tool's LTI 1.3 endpoints: {@code GET /lti/jwks} (its public keys), {@code GET|POST /lti/login} (OIDC
 * third-party login initiation) and {@code POST /lti/launch} (the verified launch, answered with the exercise
 * page for that person, its session token handed over in the page: no cookie or web storage needed inside the
 * LMS frame).
 */
public final class LtiRoutes {
    /** How long a login may take to come back as a launch. */
    static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Opens a browser session for a launched person; the web layer's sessions, seen from here. */
    @FunctionalInterface
    public interface Sessions {
        /** A new session token for {@code subject}, an instructor's or a student's, showing {@code displayName}. */
        String open(String subject, boolean instructor, String displayName) throws SQLException;
    }

    private final List<LtiPlatform> platforms;
    private final LtiKeys keys;
    private final LtiRepository store;
    private final ExerciseCatalog exercises;
    private final Sessions sessions;
    private final LaunchValidator validator;
    private final ScorePassback passback;
    private final SecureRandom random = new SecureRandom();
    /** Deep linking requests awaiting the instructor's choice, by a random id in the picker page. */
    private final Map<String, Pending> deepLinks = new java.util.concurrent.ConcurrentHashMap<>();

    private record Pending(Launch launch, java.time.Instant expiresAt) {}

    private LtiRoutes(
            GraderConfig.Lti config, Path dataDir, LtiRepository store, ExerciseCatalog exercises, Sessions sessions)
            throws IOException {
        this.platforms = config.platforms();
        this.keys = LtiKeys.loadOrCreate(dataDir.resolve(config.keyFile()));
        this.store = store;
        this.exercises = exercises;
        this.sessions = sessions;
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.validator = new LaunchValidator(platforms, new PlatformKeys(http), store, Clock.systemUTC());
        this.passback = new ScorePassback(platforms, config.scoreCounts(), store, new AgsClient(http, keys));
    }

    /** The LTI layer of a server over {@code dataDir}; the key file is created now if missing. */
    public static LtiRoutes create(
            GraderConfig.Lti config, Path dataDir, LtiRepository store, ExerciseCatalog exercises, Sessions sessions)
            throws IOException {
        return new LtiRoutes(config, dataDir, store, exercises, sessions);
    }

    /** Adds the LTI routes to the server being configured. */
    public void register(JavalinConfig c) {
        c.routes.get("/lti/jwks", ctx -> ctx.contentType("application/json").result(keys.publicJwks()));
        c.routes.get("/lti/login", this::login);
        c.routes.post("/lti/login", this::login);
        c.routes.post("/lti/launch", this::launch);
        c.routes.post("/lti/deep-link", this::deepLinkChosen);
    }

    /** Grade passback: the scores owed to launching platforms, and their sender for the delivery loop. */
    public ScorePassback passback() {
        return passback;
    }

    private static @Nullable String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null && ctx.method().name().equals("POST")) {
            v = ctx.formParam(name);
        }
        return v == null || v.isBlank() ? null : v;
    }

    private void login(Context ctx) throws SQLException {
        String issuer = param(ctx, "iss");
        String clientId = param(ctx, "client_id");
        String loginHint = param(ctx, "login_hint");
        String targetLink = param(ctx, "target_link_uri");
        if (issuer == null || loginHint == null || targetLink == null) {
            refusal(ctx, "The login request lacks iss, login_hint or target_link_uri.");
            return;
        }
        List<LtiPlatform> candidates = platforms.stream()
                .filter(p -> p.issuer().equals(issuer)
                        && (clientId == null || p.clientId().equals(clientId)))
                .toList();
        if (candidates.size() != 1) {
            refusal(
                    ctx,
                    candidates.isEmpty()
                            ? "The platform '" + issuer + "' (client id " + clientId
                                    + ") is not registered with this tool (unknown issuer)."
                            : "Several registrations of '" + issuer + "' match; the platform must send client_id.");
            return;
        }
        LtiPlatform platform = candidates.getFirst();
        String state = randomToken();
        String nonce = randomToken();
        store.insertLogin(state, nonce, platform.name(), java.time.Instant.now().plus(LOGIN_LIFETIME));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("scope", "openid");
        q.put("response_type", "id_token");
        q.put("response_mode", "form_post");
        q.put("prompt", "none");
        q.put("client_id", platform.clientId());
        q.put("redirect_uri", launchUrl(ctx, targetLink));
        q.put("login_hint", loginHint);
        q.put("state", state);
        q.put("nonce", nonce);
        String messageHint = param(ctx, "lti_message_hint");
        if (messageHint != null) {
            q.put("lti_message_hint", messageHint);
        }
        String query = q.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String auth = platform.authUrl();
        ctx.redirect(auth + (auth.contains("?") ? "&" : "?") + query);
    }

    /** The tool's launch URL: the target link when it is this tool's launch endpoint, else built from the request. */
    private static String launchUrl(Context ctx, String targetLink) {
        if (URI.create(targetLink).getPath().equals("/lti/launch")) {
            return targetLink;
        }
        URI here = URI.create(ctx.fullUrl());
        return here.getScheme() + "://" + here.getRawAuthority() + "/lti/launch";
    }

    private String randomToken() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void launch(Context ctx) throws SQLException, IOException {
        LaunchOutcome outcome = validator.validate(ctx.formParam("state"), ctx.formParam("id_token"));
        switch (outcome) {
            case LaunchOutcome.Refused r -> refusal(ctx, r.reason());
            case LaunchOutcome.Accepted a -> open(ctx, a.launch());
        }
    }

    private void open(Context ctx, Launch launch) throws SQLException, IOException {
        if (launch.deepLinking()) {
            picker(ctx, launch);
            return;
        }
        Optional<Exercise> exercise = Optional.empty();
        if (launch.exerciseId() != null) {
            try {
                exercise = Optional.of(exercises.get(launch.exerciseId()));
            } catch (ExerciseException e) {
                refusal(ctx, "This link's exercise '" + launch.exerciseId() + "' is not in the grader's catalog.");
                return;
            }
        } else if (!launch.instructor()) {
            refusal(ctx, "This link names no exercise (custom parameter 'exercise'): ask your instructor to add it.");
            return;
        }
        String subject = launch.subject();
        String shown = launch.name() != null ? launch.name() : subject;
        store.savePerson(new LtiRepository.LtiPerson(
                subject,
                launch.platform().name(),
                launch.platform().issuer(),
                launch.sub(),
                launch.name(),
                launch.email()));
        if (!launch.instructor() && exercise.isPresent()) {
            store.saveContext(new LtiRepository.LtiContext(
                    subject,
                    exercise.get().id(),
                    launch.platform().name(),
                    launch.sub(),
                    launch.resourceLinkId(),
                    launch.lineitem(),
                    launch.lineitems()));
        }
        String token = sessions.open(subject, launch.instructor(), shown);
        Map<String, Object> handed = new LinkedHashMap<>();
        handed.put("token", token);
        handed.put("student", launch.instructor() ? null : subject);
        handed.put("name", shown);
        handed.put("role", launch.instructor() ? "instructor" : "student");
        handed.put("exercise", exercise.map(Exercise::id).orElse(null));
        String landing = launch.instructor()
                ? "/?view=instructor" + exercise.map(e -> "#/e/" + e.id()).orElse("")
                : "/#/e/" + exercise.orElseThrow().id();
        ctx.contentType("text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .result(page(handed, landing));
    }

    /**
     * The browser page, booted with the launch in memory: the token never touches a cookie, web storage or the
     * URL, and the address shown becomes the exercise's (or the instructor view's).
     */
    public static String page(Map<String, Object> handed, String landing) throws IOException {
        String index;
        try (InputStream in = LtiRoutes.class.getResourceAsStream("/web/index.html")) {
            if (in == null) {
                throw new IOException("the bundled page web/index.html is not on the class path");
            }
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String boot = "<base href=\"/\">\n<script>window.graderLaunch = " + scriptJson(handed)
                + ";\nhistory.replaceState(null, '', " + scriptJson(landing) + ");</script>\n";
        return index.replaceFirst("<head>", java.util.regex.Matcher.quoteReplacement("<head>\n" + boot));
    }

    private static String scriptJson(Object value) {
        try {
            return JSON.writeValueAsString(value)
                    .replace("<", "\\u003c")
                    .replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The deep linking picker: every exercise of the catalog, each with a button that adds it to the course. */
    private void picker(Context ctx, Launch launch) {
        java.time.Instant now = java.time.Instant.now();
        deepLinks.values().removeIf(p -> p.expiresAt().isBefore(now));
        String id = randomToken();
        deepLinks.put(id, new Pending(launch, now.plus(LOGIN_LIFETIME.multipliedBy(3))));
        StringBuilder list = new StringBuilder();
        for (Exercise e : exercises.all()) {
            list.append("<li><form method=\"post\" action=\"/lti/deep-link\">")
                    .append("<input type=\"hidden\" name=\"request\" value=\"")
                    .append(id)
                    .append("\"><input type=\"hidden\" name=\"exercise\" value=\"")
                    .append(LtiText.html(e.id()))
                    .append("\"><strong>")
                    .append(LtiText.html(e.title()))
                    .append("</strong> <code>")
                    .append(LtiText.html(e.id()))
                    .append("</code> ")
                    .append(LtiText.html(points(e.maxPoints())))
                    .append(" points <button type=\"submit\" aria-label=\"Add ")
                    .append(LtiText.html(e.title()))
                    .append("\">Add</button></form></li>");
        }
        ctx.contentType("text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .result("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Add an exercise ·"
                        + " async-grader</title></head><body><main><h1>Add an exercise to the course</h1>"
                        + "<ul id=\"exercises\">" + list + "</ul></main></body></html>");
    }

    private static String points(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    /**
     * The instructor chose an exercise: an {@code LtiDeepLinkingResponse}, signed by the tool, carrying one
     * {@code ltiResourceLink} (the exercise in {@code custom}, a line item of its points and title), posted back
     * to the platform by an auto-submitting form.
     */
    private void deepLinkChosen(Context ctx) throws IOException {
        Pending pending = deepLinks.remove(String.valueOf(ctx.formParam("request")));
        if (pending == null || pending.expiresAt().isBefore(java.time.Instant.now())) {
            refusal(
                    ctx,
                    "This choice is not part of a deep linking request at this tool, or it expired: add the"
                            + " tool again from the course.");
            return;
        }
        Exercise exercise;
        try {
            exercise = exercises.get(String.valueOf(ctx.formParam("exercise")));
        } catch (ExerciseException e) {
            refusal(ctx, "There is no exercise '" + ctx.formParam("exercise") + "' in the catalog.");
            return;
        }
        Launch launch = pending.launch();
        URI here = URI.create(ctx.fullUrl());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "ltiResourceLink");
        item.put("title", exercise.title());
        item.put("url", here.getScheme() + "://" + here.getRawAuthority() + "/lti/launch");
        item.put("custom", Map.of("exercise", exercise.id()));
        item.put(
                "lineItem",
                Map.of("scoreMaximum", exercise.maxPoints(), "label", exercise.title(), "resourceId", exercise.id()));
        java.time.Instant now = java.time.Instant.now();
        com.nimbusds.jwt.JWTClaimsSet.Builder claims = new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .issuer(launch.platform().clientId())
                .audience(launch.platform().issuer())
                .issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(300)))
                .claim("nonce", randomToken())
                .claim(LaunchValidator.CLAIM + "deployment_id", launch.deploymentId())
                .claim(LaunchValidator.CLAIM + "message_type", "LtiDeepLinkingResponse")
                .claim(LaunchValidator.CLAIM + "version", "1.3.0")
                .claim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items", List.of(item));
        if (launch.deepLinkData() != null) {
            claims.claim("https://purl.imsglobal.org/spec/lti-dl/claim/data", launch.deepLinkData());
        }
        String jwt;
        try {
            com.nimbusds.jwt.SignedJWT signed = new com.nimbusds.jwt.SignedJWT(
                    new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                            .keyID(keys.signing().getKeyID())
                            .type(com.nimbusds.jose.JOSEObjectType.JWT)
                            .build(),
                    claims.build());
            signed.sign(new com.nimbusds.jose.crypto.RSASSASigner(keys.signing()));
            jwt = signed.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IOException("the deep linking response could not be signed", e);
        }
        ctx.contentType("text/html; charset=utf-8")
                .header("Cache-Control", "no-store")
                .result("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Adding ·"
                        + " async-grader</title></head><body onload=\"document.forms[0].submit()\"><form method=\"post\""
                        + " action=\""
                        + LtiText.html(Objects.requireNonNull(
                                launch.deepLinkReturnUrl(),
                                "the validator accepts no deep linking without a return URL"))
                        + "\"><input type=\"hidden\""
                        + " name=\"JWT\" value=\"" + LtiText.html(jwt) + "\"><noscript><button>Add "
                        + LtiText.html(exercise.title()) + "</button></noscript></form></body></html>");
    }

    /** A refused login or launch: a page saying why, status 400; nothing about the person was stored. */
    private static void refusal(Context ctx, String reason) {
        ctx.status(400)
                .contentType("text/html; charset=utf-8")
                .result("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Launch refused ·"
                        + " async-grader</title></head><body><main><h1>This launch was refused</h1><p id=\"reason\">"
                        + LtiText.html(reason)
                        + "</p><p>Nothing was recorded. Open the exercise again from your course; if this keeps"
                        + " happening, show this page to your instructor.</p></main></body></html>");
    }
}
