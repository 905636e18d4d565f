package dev.asyncgrader.kernel;

import java.util.List;

/** How a cell ended: with a value or none, with an error, or stopped by an interrupt. */
sealed interface CellOutcome {
    /** The cell ran to its end; {@code value} is its last expression's, shown as text, or null. */
    record Completed(String value) implements CellOutcome {}

    /** A compile error, an uncaught exception, or the end of the cell's JVM, as Jupyter shows errors. */
    record Failed(String ename, String evalue, List<String> traceback) implements CellOutcome {}

    /** The cell was interrupted; {@code restarted} says whether its JVM had to be replaced (state lost). */
    record Interrupted(boolean restarted) implements CellOutcome {}
}
