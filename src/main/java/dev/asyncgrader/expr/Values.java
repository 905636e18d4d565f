package dev.asyncgrader.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Conversions between the expression language's values: numbers, text, truth values and lists. */
public final class Values {
    private Values() {}

    /** The value as a decimal number; text is parsed, so an argument {@code "1.50"} is 1.5. */
    public static BigDecimal number(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new ExpressionException("'" + s + "' is not a number");
            }
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        throw new ExpressionException("expected a number but got " + describe(value));
    }

    /** The value as seconds in a {@code double}, for timing checks. */
    public static double seconds(Object value) {
        return number(value).doubleValue();
    }

    /** The value as a list; anything else is an error naming the value. */
    public static List<?> list(Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new ExpressionException("expected a list but got " + describe(value));
    }

    /** Whether the value counts as true. */
    public static boolean truth(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new ExpressionException("expected true or false but got " + describe(value));
    }

    /**
     * The value as the text a template prints: numbers without trailing zeros, text exactly as written,
     * lists as {@code [a, b]}.
     */
    public static String text(Object value) {
        return switch (value) {
            case null -> "null";
            case BigDecimal d -> plain(d);
            case String s -> s;
            case List<?> l -> l.stream().map(Values::text).toList().toString();
            case Map<?, ?> m -> String.valueOf(m.get(WHOLE));
            default -> String.valueOf(value);
        };
    }

    /** The field under which an argument split by a pattern keeps its whole text. */
    public static final String WHOLE = "text";

    static String plain(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0
                ? stripped.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                : stripped.toPlainString();
    }

    static String describe(Object value) {
        return switch (value) {
            case null -> "nothing";
            case String s -> "the text '" + s + "'";
            case List<?> l -> "a list of " + l.size();
            case Map<?, ?> m -> "the element '" + m.get(WHOLE) + "'";
            default -> "'" + value + "'";
        };
    }
}
