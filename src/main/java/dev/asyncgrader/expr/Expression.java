package dev.asyncgrader.expr;

import java.util.Map;

/**
 * A compiled expression of the exercise language, evaluated against named values.
 *
 * <p>Values are {@link String}, {@link java.math.BigDecimal}, {@link Boolean}, {@link java.util.List}
 * and {@link Map} (an argument split into named fields). See docs/authoring.md for the syntax.
 */
@FunctionalInterface
public interface Expression {

    /** Evaluates this expression with the given variables in scope. */
    Object evaluate(Map<String, Object> variables);

    /** Parses {@code source}; throws {@link ExpressionException} saying where it is malformed. */
    static Expression parse(String source) {
        return new ExpressionParser(source).parseAll();
    }
}
