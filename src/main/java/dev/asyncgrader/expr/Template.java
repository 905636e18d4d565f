package dev.asyncgrader.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Text with {@code ${expression}} holes, such as an expected line or a feedback message. */
public final class Template {
    private final String source;
    private final List<Object> parts; // String literals and Expressions, in order

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** Parses a template; an unclosed {@code ${} or a bad expression is an {@link ExpressionException}. */
    public static Template parse(String source) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (true) {
            int open = source.indexOf("${", i);
            if (open < 0) {
                parts.add(source.substring(i));
                return new Template(source, parts);
            }
            int close = closingBrace(source, open + 2);
            if (close < 0) {
                throw new ExpressionException("'${' without a closing '}' in \"" + source + "\"");
            }
            parts.add(source.substring(i, open));
            parts.add(Expression.parse(source.substring(open + 2, close)));
            i = close + 1;
        }
    }

    private static int closingBrace(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** The text with every hole filled in. */
    public String render(Map<String, Object> variables) {
        return render(variables, UnaryOperator.identity());
    }

    /** The text with every hole filled in and passed through {@code escape}, e.g. regex quoting. */
    public String render(Map<String, Object> variables, UnaryOperator<String> escape) {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            sb.append(part instanceof Expression e ? escape.apply(Values.text(e.evaluate(variables))) : (String) part);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
