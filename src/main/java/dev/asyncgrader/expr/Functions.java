package dev.asyncgrader.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The built-in functions of the expression language, looked up by name and argument count. */
final class Functions {
    private Functions() {}

    @SuppressWarnings("unchecked")
    static @Nullable Function<List<Object>, Object> named(String name, int arity) {
        return switch (name + "/" + arity) {
            case "len/1" -> a -> BigDecimal.valueOf(Values.list(a.get(0)).size());
            case "sum/1" -> a -> numbers(a.get(0)).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            case "max/1" -> a -> extreme(numbers(a.get(0)), Comparator.naturalOrder());
            case "min/1" -> a -> extreme(numbers(a.get(0)), Comparator.reverseOrder());
            case "max/2" -> a -> Values.number(a.get(0)).max(Values.number(a.get(1)));
            case "min/2" -> a -> Values.number(a.get(0)).min(Values.number(a.get(1)));
            case "range/2" ->
                a -> range(
                        Values.number(a.get(0)).intValue(),
                        Values.number(a.get(1)).intValue());
            case "join/2" ->
                a -> String.join(
                        Values.text(a.get(0)),
                        Values.list(a.get(1)).stream().map(Values::text).toList());
            case "map/2" ->
                a -> {
                    if (!(a.get(1) instanceof Function<?, ?> f)) {
                        throw new ExpressionException("map(list, x -> ...) needs a function as its second argument");
                    }
                    return Values.list(a.get(0)).stream()
                            .map(x -> ((Function<Object, Object>) f).apply(x))
                            .toList();
                };
            case "ceil/1" -> a -> Values.number(a.get(0)).setScale(0, RoundingMode.CEILING);
            case "floor/1" -> a -> Values.number(a.get(0)).setScale(0, RoundingMode.FLOOR);
            case "num/1" -> a -> Values.number(a.get(0));
            case "random/2" ->
                a -> BigDecimal.valueOf(java.util.concurrent.ThreadLocalRandom.current()
                        .nextLong(
                                Values.number(a.get(0)).longValue(),
                                Values.number(a.get(1)).longValue() + 1));
            case "fixed/2" -> a -> ExpressionParser.fixed(a.get(0), a.get(1));
            default -> null;
        };
    }

    private static List<BigDecimal> numbers(Object list) {
        List<BigDecimal> out = new ArrayList<>();
        for (Object o : Values.list(list)) {
            out.add(Values.number(o));
        }
        return out;
    }

    private static BigDecimal extreme(List<BigDecimal> values, Comparator<BigDecimal> order) {
        if (values.isEmpty()) {
            throw new ExpressionException("max/min of an empty list");
        }
        return values.stream().max(order).orElseThrow();
    }

    private static List<Object> range(int from, int to) {
        List<Object> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(BigDecimal.valueOf(i));
        }
        return out;
    }
}
