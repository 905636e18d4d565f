package dev.asyncgrader.gradescope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Validates a results.json against {@code src/test/resources/gradescope/results.schema.json} (written from
 * Gradescope's published specification) with Python's {@code jsonschema} (Debian's python3-jsonschema): a validator
 * that is not this project's.
 */
final class GradescopeSchema {
    static final Path SCHEMA = Path.of("src/test/resources/gradescope/results.schema.json");

    private static final String VALIDATE = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            jsonschema.Draft7Validator.check_schema(schema)
            document = json.load(open(sys.argv[2], encoding="utf-8"))
            errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(document), key=lambda e: list(e.path))
            for e in errors:
                print("/".join(str(p) for p in e.path) + ": " + e.message)
            sys.exit(1 if errors else 0)
            """;

    private GradescopeSchema() {}

    /** The schema's complaints about {@code resultsJson}, one a line; empty if it is valid. */
    static String problems(Path resultsJson) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", VALIDATE, SCHEMA.toString(), resultsJson.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jsonschema did not finish");
        }
        if (p.exitValue() != 0 && out.isBlank()) {
            throw new IOException("jsonschema failed without a message");
        }
        return p.exitValue() == 0 ? "" : out.strip();
    }
}
