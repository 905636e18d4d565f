package dev.asyncgrader.grading;

import java.util.concurrent.Semaphore;

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
