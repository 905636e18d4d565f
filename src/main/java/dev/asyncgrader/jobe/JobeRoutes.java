package dev.asyncgrader.jobe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncgrader.compile.CompileDiagnostic;
import dev.asyncgrader.compile.CompileOutcome;
import dev.asyncgrader.compile.SourceCompiler;
import dev.asyncgrader.grading.StartGate;
import dev.asyncgrader.sandbox.JavaProgram;
import dev.asyncgrader.sandbox.JvmLauncher;
import dev.asyncgrader.sandbox.OutputLine;
import dev.asyncgrader.sandbox.RunLimits;
import dev.asyncgrader.sandbox.RunOutcome;
import dev.asyncgrader.sandbox.RunTranscript;
import dev.asyncgrader.store.JobeFileRepository;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jobe REST API (the protocol of Moodle CodeRunner's sandbox server) for Java: {@code GET languages}, a
 * synchronous {@code POST runs}, and {@code PUT}/{@code HEAD files/{id}}, under {@code /jobe/index.php/restapi/} and
 * {@code /restapi/}. Errors are an HTTP status with a JSON-encoded string, in Jobe's words; every run is compiled
 * by the grader's compiler and run in its sandboxed launcher, through its start gate, a few at a time (the rest wait briefly, then get
 * outcome 21, server overload).
 */
public final class JobeRoutes {
    /** Jobe's outcome codes that a Java run can have. */
    static final int COMPILE_ERROR = 11;

    static final int RUNTIME_ERROR = 12;
    static final int TIME_LIMIT = 13;
    static final int OK = 15;
    static final int MEMORY_LIMIT = 17;
    static final int INTERNAL_ERROR = 20;
    static final int SERVER_OVERLOAD = 21;

    /** Jobe's defaults and the largest values a client may ask for. */
    static final int DEFAULT_CPUTIME = 5;

    static final int MAX_CPUTIME = 50;
    static final int DEFAULT_HEAP_MB = 200; // Jobe runs Java with -Xmx200m
    static final int MAX_HEAP_MB = 1024;

    /** Time a JVM needs to start in the sandbox, added to the client's CPU time to give the wall limit. */
    private static final Duration JVM_START_ALLOWANCE = Duration.ofSeconds(2);

    private static final int MAX_OUTPUT_LINES = 20_000;
    private static final long MAX_OUTPUT_BYTES = 2L * 1024 * 1024;
    private static final int CPUS = 2;
    private static final int MAX_FILE_ID = 200;

    private static final List<String> PREFIXES = List.of("/jobe/index.php/restapi/", "/restapi/");
    private static final Pattern PUBLIC_CLASS =
            Pattern.compile("\\bpublic\\s+(?:(?:final|abstract|static)\\s+)*class\\s+([A-Za-z_$][A-Za-z0-9_$]*)");
    private static final Pattern MAIN = Pattern.compile("\\bstatic\\s+(?:final\\s+)?void\\s+main\\s*\\(");
    private static final Pattern SOURCE_FILE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*\\.java");
    /** Jobe's file specifiers: an alphanumeric id of at least 8 characters, a name of letters, digits, -_. */
    private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9]{8,200}");

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern DATA_FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Jobe's programs find their data files in their working folder, but the sandbox mounts the program's folder
     * read-only elsewhere and gives it an empty working folder: when a run has data files, this class (compiled
     * with the program) copies them from beside its own classes into the working folder, then calls the
     * program's main, so that the program sees what it would on Jobe.
     */
    private static final String FILE_PLACER_CLASS = "JobeFilePlacer";

    private static final String FILE_PLACER_SOURCE = """
            final class JobeFilePlacer {
                public static void main(String[] args) throws Throwable {
                    java.nio.file.Path classes = java.nio.file.Path.of(
                            JobeFilePlacer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                    try (var files = java.nio.file.Files.list(classes.resolveSibling("files"))) {
                        for (java.nio.file.Path f : files.toList()) {
                            java.nio.file.Files.copy(f, java.nio.file.Path.of(f.getFileName().toString()));
                        }
                    }
                    try {
                        Class.forName(args[0]).getMethod("main", String[].class)
                                .invoke(null, (Object) java.util.Arrays.copyOfRange(args, 1, args.length));
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
            """;

    private final SourceCompiler compiler;
    private final JvmLauncher launcher;
    private final StartGate gate;
    private final JobeFileRepository files;
    private final Predicate<String> isLmsKey;
    private final Semaphore admission;
    private final Duration admissionWait;

    /**
     * Routes running at most {@code maxRuns} programs at once; a run that cannot start within {@code
     * admissionWait} is answered with outcome 21. {@code isLmsKey} says whether an {@code X-API-KEY} is accepted.
     */
    public JobeRoutes(
            SourceCompiler compiler,
            JvmLauncher launcher,
            StartGate gate,
            JobeFileRepository files,
            Predicate<String> isLmsKey,
            int maxRuns,
            Duration admissionWait) {
        this.compiler = compiler;
        this.launcher = launcher;
        this.gate = gate;
        this.files = files;
        this.isLmsKey = isLmsKey;
        this.admission = new Semaphore(Math.max(1, maxRuns), true);
        this.admissionWait = admissionWait;
    }

    /** Where the routes go: the server's table, which also lists them for the OpenAPI check. */
    public interface Routes {
        void add(String method, String path, Handler handler);
    }

    /** Adds the routes under both prefixes (a trailing slash is ignored by the server's router). */
    public void register(Routes r) {
        for (String prefix : PREFIXES) {
            r.add("GET", prefix + "languages", ctx -> guarded(ctx, this::languages));
            r.add("POST", prefix + "runs", ctx -> guarded(ctx, this::run));
            r.add("PUT", prefix + "files/{id}", ctx -> guarded(ctx, this::putFile));
            r.add("HEAD", prefix + "files/{id}", ctx -> guarded(ctx, this::headFile));
        }
    }

    /** A Jobe request's failure: its HTTP status and Jobe's message. */
    private static final class JobeError extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        JobeError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private interface JobeHandler {
        void handle(Context ctx) throws JobeError, SQLException, IOException;
    }

    /** Checks the key, then answers; every failure is a JSON string, as Jobe's clients expect. */
    private void guarded(Context ctx, JobeHandler handler) throws JsonProcessingException {
        try {
            if (!isLmsKey.test(ctx.header("X-API-KEY"))) {
                throw new JobeError(403, "Unauthorized: send an LMS key of the grader as X-API-KEY");
            }
            handler.handle(ctx);
        } catch (JobeError e) {
            ctx.status(e.status).contentType("application/json").result(JSON.writeValueAsString(e.getMessage()));
        } catch (SQLException | IOException | RuntimeException e) {
            System.err.println("internal error on Jobe " + ctx.method() + " " + ctx.path() + ": " + e);
            ctx.status(500).contentType("application/json").result(JSON.writeValueAsString("Internal server error"));
        }
    }

    private void languages(Context ctx) throws JsonProcessingException {
        ctx.contentType("application/json")
                .result(JSON.writeValueAsString(
                        List.of(List.of("java", String.valueOf(Runtime.version().feature())))));
    }

    private void putFile(Context ctx) throws JobeError, SQLException {
        String id = fileId(ctx);
        JsonNode body = parse(ctx);
        JsonNode contents = body.get("file_contents");
        if (contents == null || !contents.isTextual()) {
            throw new JobeError(400, "put: missing file_contents parameter");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(contents.asText());
        } catch (IllegalArgumentException e) {
            throw new JobeError(400, "put: file_contents is not valid base64");
        }
        files.put(id, bytes);
        ctx.status(204);
    }

    private void headFile(Context ctx) throws JobeError, SQLException {
        ctx.status(files.exists(fileId(ctx)) ? 204 : 404);
    }

    private static String fileId(Context ctx) throws JobeError {
        String id = ctx.pathParam("id");
        if (id.isEmpty() || id.length() > MAX_FILE_ID) {
            throw new JobeError(400, "file id is missing or too long");
        }
        return id;
    }

    private static JsonNode parse(Context ctx) throws JobeError {
        try {
            JsonNode node = JSON.readTree(ctx.bodyAsBytes());
            if (node == null || !node.isObject()) {
                throw new JobeError(400, "The request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new JobeError(400, "The request body is not valid JSON");
        }
    }

    /** A validated run: Java sources, other files, the class to run, its stdin and limits. */
    private record RunRequest(
            Map<String, String> sources,
            Map<String, byte[]> dataFiles,
            String mainClass,
            byte[] stdin,
            RunLimits limits) {}

    private void run(Context ctx) throws JobeError, SQLException, IOException {
        RunRequest request = validated(parse(ctx));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("run_id", UUID.randomUUID().toString());
        boolean admitted;
        try {
            admitted = admission.tryAcquire(admissionWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            answer.putAll(result(SERVER_OVERLOAD, "", "", ""));
        } else {
            try {
                answer.putAll(execute(request));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.putAll(result(INTERNAL_ERROR, "", "", "The run was interrupted"));
            } catch (IOException | RuntimeException e) {
                System.err.println("Jobe run failed internally: " + e);
                answer.putAll(result(INTERNAL_ERROR, "", "", "The grader failed to run this program"));
            } finally {
                admission.release();
            }
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(answer));
    }

    /**
     * Jobe's checks, in Jobe's order (its RunSpecifier, then its file loading): source code, language id, language,
     * limits, source file name, file specifiers, and last whether every listed file is stored.
     */
    private RunRequest validated(JsonNode body) throws JobeError, SQLException {
        JsonNode spec = body.get("run_spec");
        if (spec == null || !spec.isObject()) {
            throw new JobeError(400, "No run_spec attribute found in post data");
        }
        for (String required : List.of("sourcecode", "language_id")) {
            if (!spec.hasNonNull(required)) {
                throw new JobeError(400, "run_spec is missing the required attribute '" + required + "'");
            }
        }
        String source = spec.get("sourcecode").asText();
        String language = spec.get("language_id").asText();
        if (!language.equals("java")) {
            throw new JobeError(400, "Language '" + language + "' is not known");
        }
        JsonNode parameters = spec.path("parameters");
        int asked = parameters.path("cputime").asInt(0);
        int cputime = asked > 0 ? asked : DEFAULT_CPUTIME;
        if (cputime > MAX_CPUTIME) {
            throw new JobeError(400, "cputime exceeds maximum allowed on this Jobe server (" + MAX_CPUTIME + " secs)");
        }
        int heapMb =
                parameters.has("memorylimit") && parameters.get("memorylimit").asInt() > 0
                        ? Math.min(MAX_HEAP_MB, parameters.get("memorylimit").asInt())
                        : DEFAULT_HEAP_MB;
        // compileargs, interpreterargs and runargs are not honoured: they must never loosen the sandbox.

        // Jobe ignores 'prog.java', the name legacy CodeRunner versions sent for every Java program.
        String given = spec.path("sourcefilename").asText("");
        String fileName = given.isBlank() || given.equals("prog.java") ? mainClassOf(source) + ".java" : given;
        if (!SOURCE_FILE_NAME.matcher(fileName).matches()) {
            throw new JobeError(400, "sourcefilename '" + fileName + "' is not a Java source file name");
        }
        List<String[]> fileSpecs = new ArrayList<>();
        JsonNode fileList = spec.get("file_list");
        if (fileList != null && !fileList.isNull()) {
            if (!fileList.isArray()) {
                throw new JobeError(400, "Invalid file specifier: " + fileList);
            }
            for (JsonNode pair : fileList) {
                if (!pair.isArray()
                        || pair.size() < 2
                        || pair.size() > 3
                        || !FILE_ID.matcher(pair.get(0).asText()).matches()
                        || !FILE_NAME.matcher(pair.get(1).asText()).matches()) {
                    throw new JobeError(400, "Invalid file specifier: " + pair);
                }
                fileSpecs.add(new String[] {pair.get(0).asText(), pair.get(1).asText()});
            }
        }
        Map<String, byte[]> listed = new LinkedHashMap<>();
        for (String[] f : fileSpecs) {
            Optional<byte[]> stored = files.get(f[0]);
            if (stored.isEmpty()) {
                throw new JobeError(404, "One or more of the specified files is missing/unavailable");
            }
            listed.put(f[1], stored.get());
        }
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, byte[]> dataFiles = new LinkedHashMap<>();
        for (var e : listed.entrySet()) {
            if (SOURCE_FILE_NAME.matcher(e.getKey()).matches()) {
                sources.put(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8));
            } else if (DATA_FILE_NAME.matcher(e.getKey()).matches()) {
                dataFiles.put(e.getKey(), e.getValue());
            } else {
                throw new JobeError(400, "file name '" + e.getKey() + "' is not allowed");
            }
        }
        sources.put(fileName, source);
        String mainClass = fileName.substring(0, fileName.length() - ".java".length());
        if (!dataFiles.isEmpty()) {
            sources.put(FILE_PLACER_CLASS + ".java", FILE_PLACER_SOURCE);
        }
        byte[] stdin = spec.path("input").asText("").getBytes(StandardCharsets.UTF_8);
        RunLimits limits = new RunLimits(
                Duration.ofSeconds(cputime).plus(JVM_START_ALLOWANCE),
                heapMb,
                MAX_OUTPUT_LINES,
                MAX_OUTPUT_BYTES,
                CPUS);
        return new RunRequest(sources, dataFiles, mainClass, stdin, limits);
    }

    /** As Jobe names a Java program: the public class declaring {@code main}, else the first public class. */
    static String mainClassOf(String source) {
        Matcher m = PUBLIC_CLASS.matcher(source);
        List<String> names = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            starts.add(m.start());
        }
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : source.length();
            if (MAIN.matcher(source.substring(starts.get(i), end)).find()) {
                return names.get(i);
            }
        }
        return names.isEmpty() ? "Main" : names.getFirst();
    }

    private Map<String, Object> execute(RunRequest request) throws IOException, InterruptedException {
        CompileOutcome compiled;
        // Through the grading's start gate, as a grading's compile and JVM start: a burst of CodeRunner runs must
        // not crowd the cores that concurrent gradings' timings depend on.
        StartGate.Permit compilePermit = gate.enter();
        try {
            compiled = compiler.compile(request.sources(), Runtime.version().feature());
        } finally {
            compilePermit.close();
        }
        return switch (compiled) {
            case CompileOutcome.Failed f -> result(COMPILE_ERROR, diagnostics(f), "", "");
            case CompileOutcome.Rejected r -> result(COMPILE_ERROR, r.reason(), "", "");
            case CompileOutcome.TimedOut t -> result(COMPILE_ERROR, "Compilation took longer than its limit", "", "");
            case CompileOutcome.Compiled c -> launch(request, c);
        };
    }

    private Map<String, Object> launch(RunRequest request, CompileOutcome.Compiled compiled)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("async-grader-jobe-");
        try {
            for (var e : compiled.classes().entrySet()) {
                Path file = dir.resolve("classes").resolve(e.getKey().replace('.', '/') + ".class");
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
            List<String> main = List.of(request.mainClass());
            if (!request.dataFiles().isEmpty()) {
                Files.createDirectories(dir.resolve("files"));
                for (var e : request.dataFiles().entrySet()) {
                    Files.write(dir.resolve("files").resolve(e.getKey()), e.getValue());
                }
                main = List.of(FILE_PLACER_CLASS, request.mainClass());
            }
            JavaProgram program = new JavaProgram(dir, List.of("classes"), List.of(), main, request.stdin());
            RunTranscript t = gate.run(launcher, program, request.limits(), false, line -> {}, null);
            String stdout = text(t, OutputLine.Stream.STDOUT);
            // As Jobe: a stack trace's tab indents become spaces.
            String stderr = text(t, OutputLine.Stream.STDERR).replace("\n\t", "\n        ");
            int outcome = switch (t.outcome()) {
                case RunOutcome.Exited e when stderr.contains("java.lang.OutOfMemoryError") -> MEMORY_LIMIT;
                case RunOutcome.Exited e -> e.code() == 0 && stderr.isEmpty() ? OK : RUNTIME_ERROR;
                case RunOutcome.TimedOut to -> TIME_LIMIT;
                case RunOutcome.LimitExceeded l -> l.limit().equals("memory") ? MEMORY_LIMIT : RUNTIME_ERROR;
                case RunOutcome.OutputLimitExceeded o -> RUNTIME_ERROR;
                case RunOutcome.FailedToStart f -> INTERNAL_ERROR;
            };
            return result(outcome, "", stdout, stderr);
        } finally {
            JvmLauncher.deleteTree(dir);
        }
    }

    private static String diagnostics(CompileOutcome.Failed failed) {
        StringBuilder out = new StringBuilder();
        for (CompileDiagnostic d : failed.diagnostics()) {
            out.append(d.describe()).append('\n');
        }
        if (failed.omitted() > 0) {
            out.append("... and ").append(failed.omitted()).append(" more\n");
        }
        return out.toString();
    }

    /** One stream's lines, each ended by a newline (the sandbox records lines, not raw bytes). */
    private static String text(RunTranscript t, OutputLine.Stream stream) {
        StringBuilder out = new StringBuilder();
        for (OutputLine l : t.lines()) {
            if (l.stream() == stream) {
                out.append(l.text()).append('\n');
            }
        }
        return out.toString();
    }

    private static Map<String, Object> result(int outcome, String cmpinfo, String stdout, String stderr) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("outcome", outcome);
        r.put("cmpinfo", cmpinfo);
        r.put("stdout", stdout);
        r.put("stderr", stderr);
        return r;
    }
}
