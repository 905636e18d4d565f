package dev.asyncgrader.expr;

/** An expression that cannot be parsed or evaluated, with a message an exercise author can act on. */
public final class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExpressionException(String message) {
        super(message);
    }
}
