package dev.asyncgrader.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Recursive-descent parser turning expression text into an {@link Expression} tree of lambdas. */
final class ExpressionParser {
    private final String source;
    private int pos;

    ExpressionParser(String source) {
        this.source = source;
    }

    Expression parseAll() {
        Expression e = ternary();
        skipSpace();
        if (pos < source.length()) {
            throw error("unexpected '" + source.substring(pos) + "'");
        }
        return e;
    }

    private Expression ternary() {
        Expression cond = or();
        if (eat("?")) {
            Expression yes = ternary();
            expect(":");
            Expression no = ternary();
            return v -> Values.truth(cond.evaluate(v)) ? yes.evaluate(v) : no.evaluate(v);
        }
        return cond;
    }

    private Expression or() {
        Expression left = and();
        while (eat("||")) {
            Expression l = left, r = and();
            left = v -> Values.truth(l.evaluate(v)) || Values.truth(r.evaluate(v));
        }
        return left;
    }

    private Expression and() {
        Expression left = comparison();
        while (eat("&&")) {
            Expression l = left, r = comparison();
            left = v -> Values.truth(l.evaluate(v)) && Values.truth(r.evaluate(v));
        }
        return left;
    }

    private Expression comparison() {
        Expression left = additive();
        for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
            if (eat(op)) {
                Expression l = left, r = additive();
                return v -> compare(op, l.evaluate(v), r.evaluate(v));
            }
        }
        return left;
    }

    private static Boolean compare(String op, Object a, Object b) {
        int c;
        if (isNumeric(a) && isNumeric(b)) {
            c = Values.number(a).compareTo(Values.number(b));
        } else {
            c = Values.text(a).compareTo(Values.text(b));
        }
        return switch (op) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<=" -> c <= 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            default -> c > 0;
        };
    }

    private static boolean isNumeric(Object o) {
        if (o instanceof BigDecimal) {
            return true;
        }
        if (o instanceof String s) {
            try {
                new BigDecimal(s.trim());
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private Expression additive() {
        Expression left = multiplicative();
        while (true) {
            if (eat("+")) {
                Expression l = left, r = multiplicative();
                left = v -> plus(l.evaluate(v), r.evaluate(v));
            } else if (peekMinus()) {
                pos++;
                Expression l = left, r = multiplicative();
                left = v -> Values.number(l.evaluate(v)).subtract(Values.number(r.evaluate(v)));
            } else {
                return left;
            }
        }
    }

    private boolean peekMinus() {
        skipSpace();
        return pos < source.length() && source.charAt(pos) == '-' && !source.startsWith("->", pos);
    }

    private static Object plus(Object a, Object b) {
        if (a instanceof BigDecimal && b instanceof BigDecimal) {
            return ((BigDecimal) a).add((BigDecimal) b);
        }
        if (a instanceof BigDecimal && isNumeric(b) || b instanceof BigDecimal && isNumeric(a)) {
            return Values.number(a).add(Values.number(b));
        }
        return Values.text(a) + Values.text(b);
    }

    private Expression multiplicative() {
        Expression left = unary();
        while (true) {
            String op = eat("*") ? "*" : eat("/") ? "/" : eat("%") ? "%" : null;
            if (op == null) {
                return left;
            }
            Expression l = left, r = unary();
            left = v -> {
                BigDecimal a = Values.number(l.evaluate(v)), b = Values.number(r.evaluate(v));
                if (!op.equals("*") && b.signum() == 0) {
                    throw new ExpressionException("division by zero");
                }
                return switch (op) {
                    case "*" -> a.multiply(b);
                    case "/" -> a.divide(b, MathContext.DECIMAL64);
                    default -> a.remainder(b);
                };
            };
        }
    }

    private Expression unary() {
        if (eat("!")) {
            Expression e = unary();
            return v -> !Values.truth(e.evaluate(v));
        }
        if (peekMinus()) {
            pos++;
            Expression e = unary();
            return v -> Values.number(e.evaluate(v)).negate();
        }
        return postfix();
    }

    private Expression postfix() {
        Expression e = primary();
        while (eat(".")) {
            String field = identifier();
            Expression target = e;
            e = v -> {
                Object o = target.evaluate(v);
                if (o instanceof Map<?, ?> m && m.containsKey(field)) {
                    return m.get(field);
                }
                throw new ExpressionException(Values.describe(o) + " has no field '" + field + "'");
            };
        }
        return e;
    }

    private Expression primary() {
        skipSpace();
        if (pos >= source.length()) {
            throw error("expression ends too early");
        }
        char c = source.charAt(pos);
        if (eat("(")) {
            Expression e = ternary();
            expect(")");
            return e;
        }
        if (c == '\'') {
            String s = string();
            return v -> s;
        }
        if (Character.isDigit(c)) {
            int start = pos;
            while (pos < source.length() && (Character.isDigit(source.charAt(pos)) || source.charAt(pos) == '.')) {
                pos++;
            }
            String digits = source.substring(start, pos);
            if (digits.indexOf('.') != digits.lastIndexOf('.') || digits.endsWith(".")) {
                pos = start;
                throw error("malformed number '" + digits + "'");
            }
            BigDecimal n = new BigDecimal(digits);
            return v -> n;
        }
        if (Character.isLetter(c) || c == '_') {
            String name = identifier();
            if (name.equals("true") || name.equals("false")) {
                Boolean b = Boolean.valueOf(name);
                return v -> b;
            }
            if (eat("(")) {
                return call(name);
            }
            return v -> {
                if (!v.containsKey(name)) {
                    throw new ExpressionException("unknown name '" + name + "'; known: " + v.keySet());
                }
                return v.get(name);
            };
        }
        throw error("unexpected '" + c + "'");
    }

    private Expression call(String name) {
        List<Expression> args = new ArrayList<>();
        if (!eat(")")) {
            do {
                args.add(argument());
            } while (eat(","));
            expect(")");
        }
        Function<List<Object>, Object> fn = Functions.named(name, args.size());
        if (fn == null) {
            throw error("unknown function " + name + " with " + args.size() + " argument(s); see docs/authoring.md");
        }
        return v -> {
            List<Object> values = new ArrayList<>(args.size());
            for (Expression a : args) {
                values.add(a instanceof Lambda l ? l.bind(v) : a.evaluate(v));
            }
            return fn.apply(values);
        };
    }

    /** A function argument: either an expression or a lambda {@code x -> expr}. */
    private Expression argument() {
        int mark = pos;
        skipSpace();
        if (pos < source.length() && Character.isLetter(source.charAt(pos))) {
            String param = identifier();
            if (eat("->")) {
                return new Lambda(param, ternary());
            }
        }
        pos = mark;
        return ternary();
    }

    /** A one-parameter function literal, closed over the variables of the call that receives it. */
    record Lambda(String param, Expression body) implements Expression {
        @Override
        public Object evaluate(Map<String, Object> variables) {
            throw new ExpressionException("a function (" + param + " -> ...) can only be passed to map(...)");
        }

        Function<Object, Object> bind(Map<String, Object> outer) {
            return x -> {
                Map<String, Object> inner = new HashMap<>(outer);
                inner.put(param, x);
                return body.evaluate(inner);
            };
        }
    }

    private String identifier() {
        skipSpace();
        int start = pos;
        while (pos < source.length() && (Character.isLetterOrDigit(source.charAt(pos)) || source.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("a name was expected");
        }
        return source.substring(start, pos);
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < source.length() && source.charAt(pos) != '\'') {
            char c = source.charAt(pos++);
            if (c == '\\' && pos < source.length()) {
                c = source.charAt(pos++);
            }
            sb.append(c);
        }
        if (pos >= source.length()) {
            throw error("text in quotes is not closed");
        }
        pos++;
        return sb.toString();
    }

    private boolean eat(String token) {
        skipSpace();
        if (source.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!eat(token)) {
            throw error("'" + token + "' expected");
        }
    }

    private void skipSpace() {
        while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
            pos++;
        }
    }

    private ExpressionException error(String what) {
        return new ExpressionException("in expression '" + source + "' at position " + (pos + 1) + ": " + what);
    }

    /** Rounds half up to {@code digits} decimals and keeps them, for fixed-point output like "2.0". */
    static String fixed(Object x, Object digits) {
        return Values.number(x)
                .setScale(Values.number(digits).intValue(), RoundingMode.HALF_UP)
                .toPlainString();
    }
}
