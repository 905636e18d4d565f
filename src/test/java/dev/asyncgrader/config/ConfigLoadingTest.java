package dev.asyncgrader.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which settings file is read, and how a bad one is reported: one line with the file and the field. */
class ConfigLoadingTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private Path file(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void configOption_choosesTheFile_beforeTheEnvironmentAndTheDefault() throws IOException {
        Path option = file("option.yaml", "jobs: 3\n");
        Path env = file("env.yaml", "jobs: 5\n");
        Path fallback = file("default.yaml", "jobs: 7\n");
        assertEquals(
                3,
                GraderConfig.choose(option, Map.of("GRADER_CONFIG", env.toString()), fallback, err)
                        .jobs());
        assertEquals(
                5,
                GraderConfig.choose(null, Map.of("GRADER_CONFIG", env.toString()), fallback, err)
                        .jobs());
        assertEquals(7, GraderConfig.choose(null, Map.of(), fallback, err).jobs());
        assertEquals("", errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void namedFileMissing_isAnError_namingHowItWasNamed() {
        Path missing = dir.resolve("nope.yaml");
        ConfigException byOption =
                assertThrows(ConfigException.class, () -> GraderConfig.choose(missing, Map.of(), missing, err));
        assertEquals("--config " + missing + ": no such settings file", byOption.getMessage());
        ConfigException byEnv = assertThrows(
                ConfigException.class,
                () -> GraderConfig.choose(null, Map.of("GRADER_CONFIG", missing.toString()), missing, err));
        assertEquals("GRADER_CONFIG=" + missing + ": no such settings file", byEnv.getMessage());
    }

    @Test
    void defaultFileMissing_meansTheDefaults_andSaysSo() {
        GraderConfig c = GraderConfig.choose(null, Map.of(), dir.resolve("grader.yaml"), err);
        assertEquals(GraderConfig.DEFAULTS, c);
        String said = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("using the built-in settings"), said);
        assertEquals(1, said.lines().count(), said);
    }

    @Test
    void badValue_namesFileAndField_inOneLine() throws IOException {
        Path bad = file("bad.yaml", "compile:\n  timeoutSeconds: soon\n");
        ConfigException e = assertThrows(ConfigException.class, () -> GraderConfig.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ": compile.timeoutSeconds"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void unknownField_isRefused_notSilentlyDropped() throws IOException {
        Path bad = file("typo.yaml", "isolaton: none\n");
        ConfigException e = assertThrows(ConfigException.class, () -> GraderConfig.load(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("isolaton"), e.getMessage());
    }

    @Test
    void brokenYaml_isOneLine_withLineAndColumn() throws IOException {
        Path bad = file("broken.yaml", "jobs: 2\nserver:\n  port: 80: 80\n");
        ConfigException e = assertThrows(ConfigException.class, () -> GraderConfig.load(bad));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith(bad + ": cannot be read as YAML"), e.getMessage());
        assertTrue(e.getMessage().contains("(line 3, column"), e.getMessage());
    }

    @Test
    void goodFile_setsItsValues() throws IOException {
        Path good = file("good.yaml", "compile:\n  timeoutSeconds: 3\nisolation: none\n");
        GraderConfig c = GraderConfig.load(good);
        assertEquals(Duration.ofSeconds(3), c.compileTimeout());
        assertEquals(GraderConfig.IsolationMode.NONE, c.isolation());
    }

    @Test
    void instructorKeys_areReadAsHashesByName_andABadHashNamesItsField() throws IOException {
        String hash = "a".repeat(64);
        Path good = file("keys.yaml", "server:\n  instructorKeys:\n    - name: ada\n      sha256: " + hash + "\n");
        assertEquals(Map.of("ada", hash), GraderConfig.load(good).server().instructorKeys());
        assertEquals(Map.of(), GraderConfig.DEFAULTS.server().instructorKeys());
        Path bad = file("badkey.yaml", "server:\n  instructorKeys:\n    - name: ada\n      sha256: secret\n");
        ConfigException e = assertThrows(ConfigException.class, () -> GraderConfig.load(bad));
        assertTrue(e.getMessage().contains("instructorKeys"), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void ltiScoreCounts_isBestByDefault_latestWhenSaid_andAnythingElseNamesTheField() throws IOException {
        assertEquals(GraderConfig.ScoreCounts.BEST, GraderConfig.DEFAULTS.lti().scoreCounts());
        Path latest = file("latest.yaml", "lti:\n  scoreCounts: latest\n");
        assertEquals(
                GraderConfig.ScoreCounts.LATEST, GraderConfig.load(latest).lti().scoreCounts());
        Path bad = file("bad-counts.yaml", "lti:\n  scoreCounts: average\n");
        ConfigException e = assertThrows(ConfigException.class, () -> GraderConfig.load(bad));
        assertTrue(String.valueOf(e.getMessage()).contains("lti.scoreCounts"), e.getMessage());
    }

    @Test
    void jobeAdmissionWait_isThirtySecondsByDefault_andReadFromTheFile() throws IOException {
        assertEquals(
                java.time.Duration.ofSeconds(30), GraderConfig.DEFAULTS.jobe().admissionWait());
        Path halfSecond = file("jobe.yaml", "jobe:\n  admissionWaitSeconds: 0.5\n");
        assertEquals(
                java.time.Duration.ofMillis(500),
                GraderConfig.load(halfSecond).jobe().admissionWait());
        Path bad = file("bad-jobe.yaml", "jobe:\n  admissionWaitSeconds: 0\n");
        ConfigException e = assertThrows(ConfigException.class, () -> GraderConfig.load(bad));
        assertTrue(String.valueOf(e.getMessage()).contains("jobe.admissionWaitSeconds"), e.getMessage());
    }

    @Test
    void store_isSqliteByDefault_postgresqlWhenNamed_andAPasswordInTheFileIsRefused() throws IOException {
        assertEquals(null, GraderConfig.DEFAULTS.store().url());
        assertEquals(GraderConfig.Role.ALL, GraderConfig.DEFAULTS.server().role());
        Path pg = file(
                "pg.yaml",
                "store:\n  url: jdbc:postgresql://db:5432/grader\n  user: grader\n  passwordEnv: GRADER_DB_PASSWORD\n"
                        + "  pool: 12\n  leaseSeconds: 2.5\n  maxAttempts: 4\nserver:\n  role: worker\n");
        GraderConfig c = GraderConfig.load(pg);
        assertEquals("jdbc:postgresql://db:5432/grader", c.store().url());
        assertEquals("grader", c.store().user());
        assertEquals(12, c.store().pool());
        assertEquals(Duration.ofMillis(2500), c.store().lease());
        assertEquals(4, c.store().maxAttempts());
        assertEquals(GraderConfig.Role.WORKER, c.server().role());
        Path password = file("pw.yaml", "store:\n  passwordEnv: s3cret!\n");
        ConfigException e = assertThrows(ConfigException.class, () -> GraderConfig.load(password));
        assertTrue(String.valueOf(e.getMessage()).contains("store.passwordEnv"), e.getMessage());
        Path role = file("role.yaml", "server:\n  role: everything\n");
        e = assertThrows(ConfigException.class, () -> GraderConfig.load(role));
        assertTrue(String.valueOf(e.getMessage()).contains("server.role"), e.getMessage());
        Path workerOnSqlite = file("worker-sqlite.yaml", "server:\n  role: worker\n");
        e = assertThrows(ConfigException.class, () -> GraderConfig.load(workerOnSqlite));
        assertTrue(String.valueOf(e.getMessage()).contains("store.url"), e.getMessage());
    }
}
