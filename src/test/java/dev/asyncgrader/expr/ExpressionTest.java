package dev.asyncgrader.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {
    private static String eval(String source, Map<String, Object> vars) {
        return Values.text(Expression.parse(source).evaluate(vars));
    }

    @Test
    void arithmetic_onArgumentText_printsWithoutTrailingZeros() {
        Map<String, Object> vars = Map.of("n", "2", "s", "1.50");
        assertEquals("20", eval("n * 10", vars));
        assertEquals("3", eval("s * 2", vars));
        assertEquals("0.5", eval("1 / 2", vars));
        assertEquals("-1", eval("1 - 2", vars));
    }

    @Test
    void argumentUsedAsText_isEchoedExactlyAsWritten() {
        assertEquals("1.50", Template.parse("${s}").render(Map.of("s", "1.50")));
    }

    @Test
    void gatherErrorsLine_builtWithMapJoinAndTernary() {
        Map<String, Object> vars = Map.of("fail", "2", "ns", List.of("1", "2", "3"));
        String line = Template.parse(
                        "[${join(', ', map(ns, n -> n == fail ? 'java.lang.IllegalArgumentException: Failed on ' + n : n * 10))}]")
                .render(vars);
        assertEquals("[10, java.lang.IllegalArgumentException: Failed on 2, 30]", line);
    }

    @Test
    void listFunctions_sumMaxLenRange() {
        Map<String, Object> vars = Map.of("xs", List.of("3", "1", "2.5"));
        assertEquals("6.5", eval("sum(xs)", vars));
        assertEquals("3", eval("max(xs)", vars));
        assertEquals("1", eval("min(xs)", vars));
        assertEquals("3", eval("len(xs)", vars));
        assertEquals("[1, 2, 3]", eval("range(1, 3)", vars));
        assertEquals("2", eval("ceil(1.2)", vars));
        assertEquals("2.50", eval("fixed(2.5, 2)", vars));
    }

    @Test
    void fieldsOfSplitArguments_andPrecedence() {
        Map<String, Object> vars = Map.of("t", Map.of("name", "A", "seconds", "3", "text", "A:3"));
        assertEquals(
                "A finished after 3s",
                Template.parse("${t.name} finished after ${t.seconds}s").render(vars));
        assertEquals("7", eval("1 + t.seconds * 2", vars));
        assertEquals("true", eval("t.seconds > 2 && !(t.name == 'B')", vars));
    }

    @Test
    void unknownName_errorListsKnownNames() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> eval("secnds", Map.of("seconds", "1")));
        assertTrue(e.getMessage().contains("secnds") && e.getMessage().contains("seconds"), e.getMessage());
    }

    @Test
    void malformedExpression_errorSaysWhere() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse("1 + (2"));
        assertTrue(e.getMessage().contains("')' expected"), e.getMessage());
        assertTrue(e.getMessage().contains("at position 7"), e.getMessage()); // the end, where ')' is missing
        assertThrows(ExpressionException.class, () -> Template.parse("${unclosed"));
    }

    @Test
    void malformedNumber_isAnExpressionError_atTheNumber() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse("seconds * 1.2.3"));
        assertTrue(e.getMessage().contains("malformed number '1.2.3'"), e.getMessage());
        assertTrue(e.getMessage().contains("at position 11"), e.getMessage());
    }
}
