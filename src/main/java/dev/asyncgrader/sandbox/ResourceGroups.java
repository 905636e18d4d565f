package dev.asyncgrader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Control groups that cap one run's memory and process/thread count: the cgroup v1 {@code memory} and
 * {@code pids} hierarchies where writable, else cgroup v2 where its controllers can be enabled.
 */
final class ResourceGroups {
    private static final Path V1 = Path.of("/sys/fs/cgroup");
    private static final String PARENT = "async-grader";

    private final List<Path> parents; // v1: [memory/async-grader, pids/async-grader]; v2: [async-grader]
    private final boolean v2;

    private ResourceGroups(List<Path> parents, boolean v2) {
        this.parents = parents;
        this.v2 = v2;
    }

    /** The control groups this host lets the grader create, or null if it lets it create none. */
    static @Nullable ResourceGroups detect() {
        try {
            Path memory = V1.resolve("memory");
            Path pids = V1.resolve("pids");
            if (Files.isWritable(memory.resolve("cgroup.procs")) && Files.isWritable(pids.resolve("cgroup.procs"))) {
                List<Path> parents = List.of(memory.resolve(PARENT), pids.resolve(PARENT));
                for (Path p : parents) {
                    Files.createDirectories(p);
                }
                return new ResourceGroups(parents, false);
            }
            Path controllers = V1.resolve("cgroup.controllers");
            if (Files.isReadable(controllers)) {
                String available = Files.readString(controllers);
                if (available.contains("memory") && available.contains("pids")) {
                    Files.writeString(V1.resolve("cgroup.subtree_control"), "+memory +pids");
                    Path parent = V1.resolve(PARENT);
                    Files.createDirectories(parent);
                    Files.writeString(parent.resolve("cgroup.subtree_control"), "+memory +pids");
                    return new ResourceGroups(List.of(parent), true);
                }
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        return null;
    }

    String describe() {
        return v2 ? "cgroup v2 memory and pids" : "cgroup v1 memory and pids";
    }

    /** A fresh group for one run, capped at {@code memoryBytes} and {@code maxTasks} processes and threads. */
    RunGroup create(long memoryBytes, int maxTasks) throws IOException {
        String name = "run-" + UUID.randomUUID();
        List<Path> dirs = new ArrayList<>();
        for (Path parent : parents) {
            Path dir = parent.resolve(name);
            Files.createDirectory(dir);
            dirs.add(dir);
        }
        if (v2) {
            Path dir = dirs.getFirst();
            Files.writeString(dir.resolve("memory.max"), Long.toString(memoryBytes));
            writeIfPresent(dir.resolve("memory.swap.max"), "0");
            Files.writeString(dir.resolve("pids.max"), Integer.toString(maxTasks));
        } else {
            Path memory = dirs.get(0);
            Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
            writeIfPresent(memory.resolve("memory.memsw.limit_in_bytes"), Long.toString(memoryBytes));
            Files.writeString(dirs.get(1).resolve("pids.max"), Integer.toString(maxTasks));
        }
        return new RunGroup(dirs, v2);
    }

    private static void writeIfPresent(Path file, String value) {
        try {
            if (Files.exists(file)) {
                Files.writeString(file, value);
            }
        } catch (IOException e) {
            // Swap accounting is off on this host: the memory limit alone still holds.
        }
    }

    /** One run's groups: its {@code cgroup.procs} files to join, and what the kernel counted. */
    static final class RunGroup implements AutoCloseable {
        private final List<Path> dirs;
        private final boolean v2;

        private RunGroup(List<Path> dirs, boolean v2) {
            this.dirs = dirs;
            this.v2 = v2;
        }

        /** The files a process writes its pid into to join every group. */
        List<Path> procsFiles() {
            return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
        }

        /** "memory" if the kernel killed a process for memory, "threads" if a fork or thread was refused; else null. */
        @Nullable
        String limitReached() {
            try {
                if (v2) {
                    Path dir = dirs.getFirst();
                    if (counter(Files.readString(dir.resolve("memory.events")), "oom_kill") > 0) {
                        return "memory";
                    }
                    return counter(Files.readString(dir.resolve("pids.events")), "max") > 0 ? "threads" : null;
                }
                if (counter(Files.readString(dirs.get(0).resolve("memory.oom_control")), "oom_kill") > 0) {
                    return "memory";
                }
                return counter(Files.readString(dirs.get(1).resolve("pids.events")), "max") > 0 ? "threads" : null;
            } catch (IOException e) {
                return null;
            }
        }

        private static long counter(String text, String key) {
            for (String line : text.split("\n")) {
                String[] kv = line.trim().split("\\s+");
                if (kv.length == 2 && kv[0].equals(key)) {
                    return Long.parseLong(kv[1]);
                }
            }
            return 0;
        }

        /** Removes the groups; the run's processes are gone by now (the launcher killed the tree). */
        @Override
        public void close() {
            for (Path dir : dirs) {
                for (int attempt = 0; attempt < 500; attempt++) {
                    try {
                        Files.deleteIfExists(dir);
                        break;
                    } catch (IOException busy) {
                        // The kernel releases a group a moment after its last task exits.
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }
        }
    }
}
