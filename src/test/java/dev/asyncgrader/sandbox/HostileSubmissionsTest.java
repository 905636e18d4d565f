package dev.asyncgrader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.grading.GradeStatus;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.grading.GradingListener;
import dev.asyncgrader.grading.TestGraders;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Hostile submissions, graded in the sandbox: each attack fails, ends with its own status and feedback
 * below full marks, and leaves no trace outside its run.
 */
@Execution(ExecutionMode.CONCURRENT)
class HostileSubmissionsTest {
    static final Path EXERCISE = Path.of("src/test/resources/test-exercises/hello-wait");
    static Grader grader;
    static Exercise exercise;

    @BeforeAll
    static void setUp() {
        grader = TestGraders.sandboxed();
        exercise = ExerciseCatalog.loadOne(EXERCISE);
    }

    static GradeResult grade(String mainBody, GradingListener listener) {
        String source = "import java.io.*;\nimport java.net.*;\nimport java.nio.file.*;\nimport java.util.*;\n"
                + "public class Main {\n" + mainBody + "\n}\n";
        return grader.grade(exercise, "mallory", Map.of("Main.java", source), listener);
    }

    static GradeResult grade(String mainBody) {
        return grade(mainBody, GradingListener.NONE);
    }

    static String output(GradeResult r) {
        return r.runs().isEmpty()
                ? ""
                : String.join(
                        "\n",
                        r.runs().getFirst().lines().stream()
                                .map(GradeResult.Line::text)
                                .toList());
    }

    static void assertBelowFullMarks(GradeResult r) {
        assertTrue(r.score() < r.maxScore(), "full marks for a hostile submission: " + r.feedback());
        assertFalse(r.feedback().isEmpty());
    }

    @Test
    void readingGraderFilesAndOtherRuns_findsNothing() throws IOException {
        String solution =
                EXERCISE.resolve("solution/Main.java").toAbsolutePath().toString();
        GradeResult r = grade("""
                public static void main(String[] args) {
                    for (String f : List.of("%s", "/etc/passwd", "/root/.bash_history", "/work")) {
                        try { System.out.println("LEAK " + f + " " + Files.readString(Path.of(f)).length()); }
                        catch (Exception e) { System.out.println("denied " + f + ": " + e.getClass().getSimpleName()); }
                    }
                    try (var tmp = Files.list(Path.of("/tmp"))) { System.out.println("tmp entries: " + tmp.count()); }
                    catch (Exception e) { System.out.println("tmp: " + e); }
                }""".formatted(solution));
        String out = output(r);
        assertFalse(out.contains("LEAK"), out);
        assertTrue(out.contains("denied " + solution + ": NoSuchFileException"), out);
        assertTrue(out.contains("tmp entries: 0"), "other gradings' files are visible in /tmp: " + out);
        assertBelowFullMarks(r);
    }

    @Test
    void proc_showsOnlyTheSandboxsOwnProcesses() {
        GradeResult r = grade("""
                public static void main(String[] args) throws Exception {
                    try (var procs = Files.list(Path.of("/proc"))) {
                        System.out.println("processes: " + procs.filter(p -> p.getFileName().toString().matches("\\\\d+")).count());
                    }
                    System.out.println("pid: " + ProcessHandle.current().pid());
                }""");
        String out = output(r);
        int processes = Integer.parseInt(out.lines()
                .filter(l -> l.startsWith("processes: "))
                .findFirst()
                .orElseThrow()
                .substring(11));
        assertTrue(processes <= 3, "the sandbox sees host processes: " + out);
        assertBelowFullMarks(r);
    }

    @Test
    void writingOutsideTheRunFolder_leavesNoTraceOnTheHost() {
        String marker = "async-grader-hostile-" + UUID.randomUUID();
        GradeResult r = grade("""
                public static void main(String[] args) {
                    for (String f : List.of("/tmp/%1$s", "/usr/lib/%1$s", "/%1$s", "%2$s/%1$s")) {
                        try { Files.writeString(Path.of(f), "x"); System.out.println("wrote " + f); }
                        catch (Exception e) { System.out.println("denied " + f + ": " + e.getClass().getSimpleName()); }
                    }
                }""".formatted(marker, Path.of("").toAbsolutePath()));
        assertFalse(Files.exists(Path.of("/tmp", marker)));
        assertFalse(Files.exists(Path.of("/usr/lib", marker)));
        assertFalse(Files.exists(Path.of("/", marker)));
        assertFalse(Files.exists(Path.of("").toAbsolutePath().resolve(marker)));
        assertTrue(output(r).contains("denied /usr/lib/" + marker), output(r));
        assertBelowFullMarks(r);
    }

    @Test
    void startingOtherPrograms_fails() {
        assertEveryProgramDenied("");
    }

    /**
     * With the FORK launch mechanism the JDK execs the program itself (not through jspawnhelper): what stops it
     * is that no such program is in the sandbox.
     */
    @Test
    void startingOtherPrograms_withTheForkLaunchMechanism_fails() {
        assertEveryProgramDenied("System.setProperty(\"jdk.lang.Process.launchMechanism\", \"FORK\");");
    }

    private static void assertEveryProgramDenied(String before) {
        String jdk = Path.of(System.getProperty("java.home")).toAbsolutePath().toString();
        List<String> programs = List.of(
                "/bin/sh",
                "sh",
                "/usr/bin/curl",
                "bash",
                jdk + "/bin/jshell",
                jdk + "/bin/javac",
                jdk + "/lib/jexec",
                "/usr/lib/git-core/git",
                "/usr/lib/x86_64-linux-gnu/glib-2.0/gio-launch-desktop");
        StringBuilder list = new StringBuilder();
        programs.forEach(p ->
                list.append(list.isEmpty() ? "" : ", ").append('"').append(p).append('"'));
        GradeResult r = grade("""
                public static void main(String[] args) {
                    BEFORE
                    for (String p : List.of(PROGRAMS)) {
                        try { new ProcessBuilder(p, "-c", "echo pwned").inheritIO().start().waitFor(); System.out.println("started " + p); }
                        catch (Exception e) { System.out.println("denied " + p + ": " + e.getClass().getSimpleName()); }
                    }
                }""".replace("BEFORE", before).replace("PROGRAMS", list));
        String out = output(r);
        // The submission compiled and ran to its end: every attempt was made, and each was refused.
        assertEquals(GradeStatus.GRADED, r.status(), r.feedback() + "\n" + out);
        assertFalse(r.runs().isEmpty());
        for (String p : programs) {
            assertTrue(out.contains("denied " + p + ": IOException"), p + " not denied:\n" + out);
        }
        assertFalse(out.contains("pwned") || out.contains("started"), out);
        assertBelowFullMarks(r);
    }

    @Test
    void connectingToTheHostsLoopback_includingTheGradersPort_fails() throws Exception {
        ServerSocket graderPort = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicInteger accepted = new AtomicInteger();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    graderPort.accept().close();
                    accepted.incrementAndGet();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        GradeResult r;
        try (graderPort) {
            r = grade("""
                    public static void main(String[] args) {
                        for (String host : List.of("127.0.0.1", "localhost", "::1")) {
                            try (Socket s = new Socket(host, %d)) { System.out.println("connected " + host); }
                            catch (Exception e) { System.out.println("refused " + host + ": " + e.getClass().getSimpleName()); }
                        }
                    }""".formatted(graderPort.getLocalPort()));
        }
        acceptor.join();
        assertEquals(0, accepted.get(), output(r));
        assertFalse(output(r).contains("connected"), output(r));
        assertTrue(output(r).contains("refused 127.0.0.1"), output(r));
        assertBelowFullMarks(r);
    }

    @Test
    void listeningInsideTheSandbox_isNotReachableFromTheHost() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        AtomicBoolean reached = new AtomicBoolean();
        AtomicBoolean listening = new AtomicBoolean();
        GradeResult r = grade("""
                public static void main(String[] args) throws Exception {
                    try (ServerSocket s = new ServerSocket(%d, 5, InetAddress.getLoopbackAddress())) {
                        System.out.println("listening");
                        s.setSoTimeout(2000);
                        try { s.accept(); System.out.println("accepted"); } catch (SocketTimeoutException e) { System.out.println("nobody came"); }
                    }
                }""".formatted(port), new GradingListener() {
            @Override
            public void line(String run, OutputLine line) {
                if (line.text().equals("listening")) {
                    listening.set(true);
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        reached.set(s.isConnected());
                    } catch (IOException refused) {
                        // as it should be
                    }
                }
            }
        });
        assertTrue(listening.get(), output(r));
        assertFalse(reached.get(), "the host reached a port opened inside the sandbox");
        assertTrue(output(r).contains("nobody came"), output(r));
        assertBelowFullMarks(r);
    }

    @Test
    void threadBomb_isStoppedByTheThreadLimit() {
        GradeResult r = grade("""
                public static void main(String[] args) {
                    while (true) {
                        new Thread(() -> { try { Thread.sleep(60_000); } catch (InterruptedException e) { } }).start();
                    }
                }""");
        assertEquals(GradeStatus.CRASHED, r.status(), r.feedback().toString());
        assertTrue(
                r.feedback().getFirst().contains("more threads or processes than allowed"),
                r.feedback().toString());
        assertBelowFullMarks(r);
    }

    @Test
    void memoryBomb_endsWithOutOfMemory() {
        GradeResult r = grade("""
                public static void main(String[] args) {
                    List<long[]> hoard = new ArrayList<>();
                    while (true) hoard.add(new long[1_000_000]);
                }""");
        assertEquals(GradeStatus.CRASHED, r.status());
        assertTrue(
                r.feedback().getFirst().contains("OutOfMemoryError"),
                r.feedback().toString());
        assertBelowFullMarks(r);
    }

    @Test
    void offHeapMemoryBomb_isCapped() {
        GradeResult r = grade("""
                public static void main(String[] args) {
                    List<java.nio.ByteBuffer> hoard = new ArrayList<>();
                    while (true) hoard.add(java.nio.ByteBuffer.allocateDirect(16 << 20));
                }""");
        assertEquals(GradeStatus.CRASHED, r.status());
        assertTrue(
                r.feedback().getFirst().contains("OutOfMemoryError"),
                r.feedback().toString());
    }

    @Test
    void diskFiller_hitsTheRunFolderCap() {
        GradeResult r = grade("""
                public static void main(String[] args) throws Exception {
                    byte[] mb = new byte[1 << 20];
                    int written = 0;
                    try (OutputStream out = Files.newOutputStream(Path.of("filler.bin"))) {
                        while (written < 10_000) { out.write(mb); written++; }
                    } catch (IOException e) {
                        System.out.println("stopped after " + written + " MB: " + e.getMessage());
                    }
                }""");
        String out = output(r);
        assertTrue(out.matches("(?s).*stopped after \\d+ MB.*"), out + " " + r.feedback());
        int mb = Integer.parseInt(out.replaceAll("(?s).*stopped after (\\d+) MB.*", "$1"));
        assertTrue(mb <= 64, "wrote " + mb + " MB");
        assertBelowFullMarks(r);
    }

    @Test
    void sleepingForever_isATimeout() {
        GradeResult r =
                grade("public static void main(String[] args) throws Exception { Thread.sleep(Long.MAX_VALUE); }");
        assertEquals(GradeStatus.TIMEOUT, r.status());
        assertBelowFullMarks(r);
    }

    @Test
    void mixedBatch_eightAtOnce_correctSubmissionsKeepFullMarks() throws Exception {
        List<String> hostile = List.of(
                "public static void main(String[] a) { while (true) new Thread(() -> { try { Thread.sleep(60_000); } catch (InterruptedException e) { } }).start(); }",
                "public static void main(String[] a) { List<long[]> h = new ArrayList<>(); while (true) h.add(new long[1_000_000]); }",
                "public static void main(String[] a) { while (true) System.out.println(\"flood\"); }",
                "public static void main(String[] a) { while (true) { } }",
                "public static void main(String[] a) throws Exception { Thread.sleep(Long.MAX_VALUE); }",
                "public static void main(String[] a) throws Exception { byte[] b = new byte[1 << 20]; try (OutputStream o = Files.newOutputStream(Path.of(\"f\"))) { while (true) o.write(b); } }");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<GradeResult>> correct = new ArrayList<>();
            List<Future<GradeResult>> bad = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String body = hostile.get(i);
                bad.add(pool.submit(() -> grade(body)));
                correct.add(
                        pool.submit(() -> grader.grade(exercise, "honest", exercise.solution(), GradingListener.NONE)));
            }
            for (Future<GradeResult> f : correct) {
                GradeResult r = f.get();
                assertTrue(r.fullMarks(), r.status() + " " + r.feedback());
            }
            List<GradeStatus> expected = List.of(
                    GradeStatus.CRASHED, // threads past the cap: OutOfMemoryError, unable to create thread
                    GradeStatus.CRASHED, // heap exhausted
                    GradeStatus.OUTPUT_LIMIT,
                    GradeStatus.TIMEOUT,
                    GradeStatus.TIMEOUT,
                    GradeStatus.CRASHED); // file size limit
            for (int i = 0; i < bad.size(); i++) {
                GradeResult r = bad.get(i).get();
                assertBelowFullMarks(r);
                // Each attack compiled, ran and was stopped by its own limit, not by a compile error or the grader.
                assertFalse(r.runs().isEmpty(), hostile.get(i) + ": " + r.feedback());
                assertEquals(expected.get(i), r.status(), hostile.get(i) + ": " + r.feedback());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
