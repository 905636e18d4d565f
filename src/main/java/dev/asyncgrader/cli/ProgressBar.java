package dev.asyncgrader.cli;

import java.io.PrintStream;
import java.util.Locale;

/** Batch progress: a bar redrawn in place on a terminal, one line per submission elsewhere (logs, CI). */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private int done;

    ProgressBar(PrintStream out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    synchronized void advance(String line) {
        done++;
        if (terminal) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            out.printf(
                    Locale.ROOT,
                    "\r\033[K%s%n[%s%s] %d/%d",
                    line,
                    "#".repeat(filled),
                    " ".repeat(WIDTH - filled),
                    done,
                    total);
            if (done == total) {
                out.println();
            }
        } else {
            out.printf(Locale.ROOT, "[%d/%d] %s%n", done, total, line);
        }
        out.flush();
    }
}
