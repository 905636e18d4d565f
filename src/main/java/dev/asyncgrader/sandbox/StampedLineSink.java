package dev.asyncgrader.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Receives one output stream of the student process, splits it into lines, and stamps each line with
 * the grader's monotonic clock at the moment its newline arrived.
 */
final class StampedLineSink extends OutputStream {
    private final OutputLine.Stream stream;
    private final long launchNanos;
    private final Consumer<OutputLine> onLine;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final OutputBudget budget;

    StampedLineSink(OutputLine.Stream stream, long launchNanos, OutputBudget budget, Consumer<OutputLine> onLine) {
        this.stream = stream;
        this.launchNanos = launchNanos;
        this.budget = budget;
        this.onLine = onLine;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (!budget.spend(length)) {
            return;
        }
        long now = System.nanoTime();
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                emit(now);
            } else if (current.size() < RunLimits.MAX_LINE_CHARS * 4) {
                current.write(b);
            }
        }
    }

    private void emit(long now) {
        String text = current.toString(StandardCharsets.UTF_8);
        current.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.length() > RunLimits.MAX_LINE_CHARS) {
            text = text.substring(0, RunLimits.MAX_LINE_CHARS) + "…";
        }
        if (budget.countLine()) {
            onLine.accept(new OutputLine(now - launchNanos, stream, text));
        }
    }

    @Override
    public synchronized void close() {
        if (current.size() > 0) {
            emit(System.nanoTime());
        }
    }

    /** The output cap shared by stdout and stderr of one run; calls {@code onExceeded} once when crossed. */
    static final class OutputBudget {
        private final int maxLines;
        private final long maxBytes;
        private final Runnable onExceeded;
        private int lines;
        private long bytes;
        private boolean exceeded;

        OutputBudget(int maxLines, long maxBytes, Runnable onExceeded) {
            this.maxLines = maxLines;
            this.maxBytes = maxBytes;
            this.onExceeded = onExceeded;
        }

        synchronized boolean spend(int n) {
            bytes += n;
            return bytes <= maxBytes || exceed();
        }

        synchronized boolean countLine() {
            lines++;
            return lines <= maxLines || exceed();
        }

        private boolean exceed() {
            if (!exceeded) {
                exceeded = true;
                onExceeded.run();
            }
            return false;
        }

        synchronized boolean exceeded() {
            return exceeded;
        }

        String describe() {
            return maxLines + " lines or " + maxBytes / 1024 + " KB";
        }
    }
}
