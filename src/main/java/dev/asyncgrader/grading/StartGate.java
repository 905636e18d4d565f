package dev.asyncgrader.grading;

import dev.asyncgrader.sandbox.JavaProgram;
import dev.asyncgrader.sandbox.JvmLauncher;
import dev.asyncgrader.sandbox.OutputLine;
import dev.asyncgrader.sandbox.RunLimits;
import dev.asyncgrader.sandbox.RunTranscript;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Admits CPU-heavy phases (compiling, starting a JVM) only while a core is free, so that they do not
 * stretch the timing of runs already in flight. A run that is only waiting holds no permit: it gives its
 * permit back when its program prints its first line.
 */
public final class StartGate {
    private final Semaphore permits;

    public StartGate(int cores) {
        this.permits = new Semaphore(Math.max(1, cores), true);
    }

    /** A gate sized to this machine's cores. */
    public static StartGate forThisMachine() {
        return new StartGate(Runtime.getRuntime().availableProcessors());
    }

    /** Waits for a free core; the returned permit must be released exactly once (releasing again is a no-op). */
    public Permit enter() throws InterruptedException {
        permits.acquire();
        return new Permit();
    }

    /**
     * Runs {@code program} once a core is free. A program that prints is past its start and usually waiting, so
     * its first line gives the core back; one that computes ({@code keepsCore}) holds it until it ends.
     *
     * @param live receives each line as it arrives, after the core is given back
     * @param network a fixture's network namespace, or null for a network of its own
     */
    public RunTranscript run(
            JvmLauncher launcher,
            JavaProgram program,
            RunLimits limits,
            boolean keepsCore,
            Consumer<OutputLine> live,
            @Nullable String network)
            throws IOException, InterruptedException {
        Permit permit = enter();
        try {
            return launcher.run(
                    program,
                    limits,
                    line -> {
                        if (!keepsCore) {
                            permit.close();
                        }
                        live.accept(line);
                    },
                    network);
        } finally {
            permit.close();
        }
    }

    /** One admission through the gate. */
    public final class Permit implements AutoCloseable {
        private boolean released;

        private Permit() {}

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                permits.release();
            }
        }
    }
}
