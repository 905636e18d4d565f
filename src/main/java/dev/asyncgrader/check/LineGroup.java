package dev.asyncgrader.check;

import dev.asyncgrader.expr.Expression;
import dev.asyncgrader.expr.Template;
import dev.asyncgrader.expr.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A named group of expected lines declared by an exercise: one line, or one per element of a list.
 *
 * @param eachVariable the element variable of {@code each: x in list}, or null for a single line
 * @param eachList the list expression of {@code each}, or null
 * @param template the line's text or, if {@code isPattern}, its regular expression
 */
public record LineGroup(String name, String eachVariable, Expression eachList, Template template, boolean isPattern) {

    /** The expected lines of this group for a run whose arguments are bound in {@code variables}. */
    public List<ExpectedLine> resolve(Map<String, Object> variables) {
        List<Map<String, Object>> scopes = new ArrayList<>();
        if (eachList == null) {
            scopes.add(variables);
        } else {
            for (Object element : Values.list(eachList.evaluate(variables))) {
                Map<String, Object> scope = new HashMap<>(variables);
                scope.put(eachVariable, element);
                scopes.add(scope);
            }
        }
        List<ExpectedLine> lines = new ArrayList<>();
        for (int i = 0; i < scopes.size(); i++) {
            Map<String, Object> scope = scopes.get(i);
            if (isPattern) {
                lines.add(new ExpectedLine(
                        name, i, scope, null, Pattern.compile(template.render(scope, Pattern::quote))));
            } else {
                lines.add(new ExpectedLine(name, i, scope, template.render(scope), null));
            }
        }
        return lines;
    }
}
