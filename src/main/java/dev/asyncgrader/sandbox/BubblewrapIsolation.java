package dev.asyncgrader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The OS sandbox around each student JVM, built with bubblewrap: new user, PID, IPC, UTS, cgroup and
 * network namespaces (only a loopback of its own), an unprivileged user, a read-only view of only what the JVM
 * needs: the JDK's {@code bin/java}, {@code lib} (without {@code jexec}) and {@code conf}, and the shared
 * libraries they link (no shells, no other programs of the host, none of the grader's folders), the program's folder read-only, size-capped private {@code /tmp} and
 * working folder, and limits on memory and processes (control groups) and on CPU time, file size and open
 * files (rlimits).
 */
public final class BubblewrapIsolation implements Isolation {
    private static final Path PROGRAM = Path.of("/program");
    private static final Path WORK = Path.of("/sandbox");
    private static final String NOBODY = "65534";

    private final Path bwrap;
    private final Path javaHome;
    private final SandboxLimits limits;
    private final @Nullable ResourceGroups groups; // null where the host offers no writable control groups
    private final List<String> systemView; // bubblewrap arguments that show the JDK and its libraries

    /**
     * Limits the sandbox adds to a run's own (heap, wall time).
     *
     * @param extraMemoryMb memory allowed beyond the heap (metaspace, thread stacks, code, files in tmpfs)
     * @param maxTasks processes plus threads
     * @param diskMb size of the writable working folder and of {@code /tmp}, each
     */
    public record SandboxLimits(int extraMemoryMb, int maxTasks, int diskMb, int openFiles) {
        public static final SandboxLimits DEFAULT = new SandboxLimits(256, 256, 64, 256);
    }

    private BubblewrapIsolation(
            Path bwrap, Path javaHome, SandboxLimits limits, @Nullable ResourceGroups groups, List<String> systemView) {
        this.bwrap = bwrap;
        this.javaHome = javaHome;
        this.limits = limits;
        this.groups = groups;
        this.systemView = systemView;
    }

    /** The sandbox for student JVMs of {@code javaHome}; call {@link #probe()} before trusting it. */
    public static BubblewrapIsolation create(Path javaHome, SandboxLimits limits) throws IOException {
        Path bwrap = Path.of("/usr/bin/bwrap");
        Path home = javaHome.toRealPath();
        return new BubblewrapIsolation(bwrap, home, limits, ResourceGroups.detect(), systemView(home));
    }

    /**
     * Files of the JDK's {@code lib} the sandbox does not need: {@code jexec} runs JAR files as programs. ({@code
     * jspawnhelper} stays: ProcessBuilder needs it to start even {@code java}, and it can start nothing that the
     * sandbox does not show.)
     */
    private static final List<String> LAUNCH_HELPERS = List.of("jexec");

    /**
     * The bubblewrap arguments that show the sandbox only what a JVM of {@code javaHome} needs: its {@code
     * bin/java}, {@code lib} without {@code jexec}, {@code conf} and {@code release}, and each shared
     * library that {@code ldd} finds the JDK's binaries link, with the dynamic loader. Nothing else of the
     * host's {@code /usr} is visible, so the only program the sandbox can start from the host is {@code java}.
     */
    static List<String> systemView(Path javaHome) throws IOException {
        List<String> view = new ArrayList<>(List.of("--symlink", "usr/lib", "/lib"));
        Path java = javaHome.resolve("bin/java");
        view.addAll(List.of("--ro-bind", java.toString(), java.toString()));
        List<Path> binaries = new ArrayList<>(List.of(java));
        try (var entries = Files.list(javaHome.resolve("lib"))) {
            for (Path e : entries.sorted().toList()) {
                if (LAUNCH_HELPERS.contains(e.getFileName().toString())) {
                    continue;
                }
                view.addAll(List.of("--ro-bind", e.toString(), e.toString()));
            }
        }
        try (var libs = Files.walk(javaHome.resolve("lib"))) {
            libs.filter(f -> f.toString().endsWith(".so")).forEach(binaries::add);
        }
        for (String optional : List.of("conf", "release")) {
            Path p = javaHome.resolve(optional);
            if (Files.exists(p)) {
                view.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        java.util.Set<String> bound = new java.util.TreeSet<>();
        for (String library : linkedLibraries(binaries)) {
            Path asLinked = Path.of(library);
            Path folder = asLinked.getParent();
            if (folder == null || !Files.exists(asLinked) || asLinked.startsWith(javaHome)) {
                continue;
            }
            // Where the loader looks (/lib/x86_64-linux-gnu/... is /usr/lib/... once /lib is a symlink to usr/lib).
            Path inside = folder.toRealPath().resolve(asLinked.getFileName());
            Path real = asLinked.toRealPath();
            if (bound.add(inside.toString())) {
                view.addAll(List.of("--ro-bind", real.toString(), inside.toString()));
            }
            if (!real.equals(inside) && real.startsWith("/usr") && bound.add(real.toString())) {
                view.addAll(List.of("--ro-bind", real.toString(), real.toString()));
            }
            if (!asLinked.toString().startsWith("/usr/") && !asLinked.toString().startsWith("/lib/")) {
                // e.g. the loader at /lib64/ld-linux-x86-64.so.2, named by that path in every binary
                view.addAll(List.of("--symlink", real.toString(), asLinked.toString()));
            }
        }
        return List.copyOf(view);
    }

    /** The shared libraries (and the dynamic loader) {@code ldd} reports for {@code binaries}, by path. */
    private static java.util.Set<String> linkedLibraries(List<Path> binaries) throws IOException {
        List<String> command = new ArrayList<>(List.of("ldd"));
        binaries.forEach(b -> command.add(b.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing the JDK's libraries");
        }
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (String line : out.lines().toList()) {
            String t = line.strip();
            int arrow = t.indexOf("=> ");
            String path = arrow >= 0 ? t.substring(arrow + 3) : t;
            int paren = path.indexOf(" (");
            if (paren >= 0) {
                path = path.substring(0, paren);
            }
            if (path.startsWith("/")) {
                found.add(path.strip());
            }
        }
        if (found.stream().noneMatch(f -> f.contains("libc.so"))) {
            throw new IOException("ldd found no C library for " + binaries.getFirst() + ": " + out.strip());
        }
        return found;
    }

    @Override
    public String describe() {
        return "bubblewrap (namespaces, read-only system, no network"
                + (groups == null
                        ? "; no writable control groups: memory and process limits by heap flag only"
                        : "; " + groups.describe())
                + ")";
    }

    /**
     * Starts {@code java -version} in the sandbox: null if it works, else what went wrong, so the grader can
     * refuse to grade untrusted code on a host where the sandbox does not work.
     */
    public @Nullable String probe() {
        if (!Files.isExecutable(bwrap)) {
            return bwrap + " is missing: install bubblewrap (Debian: apt-get install bubblewrap)";
        }
        try {
            Path runDir = Files.createTempDirectory("async-grader-probe-");
            try (Isolation.Confinement c =
                    confine(runDir, runDir, new RunLimits(java.time.Duration.ofSeconds(20), 64, 100, 65536, 1), null)) {
                List<String> command =
                        c.wrap(List.of(javaHome.resolve("bin/java").toString(), "-Xshare:auto", "-version"));
                Process p = new ProcessBuilder(command)
                        .directory(runDir.toFile())
                        .redirectErrorStream(true)
                        .start();
                p.getOutputStream().close();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    ProcessTermination.killTree(p);
                    return "java -version in the sandbox did not finish within 20 s";
                }
                String output = new String(p.getInputStream().readAllBytes()).trim();
                return p.exitValue() == 0
                        ? null
                        : "java -version in the sandbox failed (exit " + p.exitValue() + "): " + output;
            } finally {
                JvmLauncher.deleteTree(runDir);
            }
        } catch (IOException e) {
            return "the sandbox could not be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing the sandbox";
        }
    }

    @Override
    public Confinement confine(Path runDir, Path programDir, RunLimits run, @Nullable String network)
            throws IOException {
        ResourceGroups.@Nullable RunGroup group = groups == null
                ? null
                : groups.create((run.heapMb() + limits.extraMemoryMb()) * 1024L * 1024L, limits.maxTasks());
        List<String> prefix = new ArrayList<>();
        if (network != null) {
            // Join the fixture's network (loopback only, the fixture on it) instead of an empty one.
            prefix.addAll(List.of("/usr/bin/nsenter", "--net=" + network));
        }
        prefix.add("/bin/sh");
        prefix.add("-c");
        prefix.add(joinAndLimit(group, run));
        prefix.add("sh");
        prefix.add(bwrap.toString());
        prefix.addAll(List.of("--unshare-all", "--unshare-user", "--uid", NOBODY, "--gid", NOBODY, "--disable-userns"));
        if (network != null) {
            prefix.add("--share-net");
        }
        prefix.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname", "sandbox"));
        prefix.addAll(systemView);
        prefix.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        String disk = Long.toString(limits.diskMb() * 1024L * 1024L);
        prefix.addAll(List.of("--size", disk, "--tmpfs", "/tmp", "--size", disk, "--tmpfs", WORK.toString()));
        prefix.addAll(List.of("--ro-bind", programDir.toString(), PROGRAM.toString(), "--chdir", WORK.toString()));
        // The folders made for the mounts above (/usr, /usr/lib, ...) are on the sandbox's root: keep it read-only,
        // so that only /tmp and the working folder take writes.
        prefix.addAll(List.of("--remount-ro", "/"));
        prefix.add("--");
        return new Confinement() {
            @Override
            public Path programInside() {
                return PROGRAM;
            }

            @Override
            public Path workDirInside(Path hostRunDir) {
                return WORK;
            }

            @Override
            public List<String> wrap(List<String> javaCommand) {
                List<String> command = new ArrayList<>(prefix);
                command.addAll(javaCommand);
                return command;
            }

            @Override
            public @Nullable String limitReached() {
                return group == null ? null : group.limitReached();
            }

            @Override
            public void close() {
                if (group != null) {
                    group.close();
                }
            }
        };
    }

    /**
     * The shell step before bubblewrap: join the run's control groups (race-free: before anything of the
     * student's runs) and set rlimits that the sandbox's processes inherit.
     */
    private String joinAndLimit(ResourceGroups.@Nullable RunGroup group, RunLimits run) {
        StringBuilder sh = new StringBuilder();
        if (group != null) {
            for (Path procs : group.procsFiles()) {
                sh.append("echo $$ > '").append(procs).append("' && ");
            }
        }
        long cpuSeconds = 2 * (long) Math.ceil(run.wallTime().toMillis() / 1000.0) + 2;
        long fileBlocks = limits.diskMb() * 2048L; // dash counts file size in 512-byte blocks
        sh.append("ulimit -t ")
                .append(cpuSeconds)
                .append(" && ulimit -f ")
                .append(fileBlocks)
                .append(" && ulimit -n ")
                .append(limits.openFiles())
                .append(" && exec \"$@\"");
        return sh.toString();
    }
}
