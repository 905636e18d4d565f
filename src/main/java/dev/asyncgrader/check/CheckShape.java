package dev.asyncgrader.check;

import dev.asyncgrader.config.ConfigException;
import dev.asyncgrader.config.YamlNode;
import dev.asyncgrader.expr.Expression;
import dev.asyncgrader.expr.ExpressionException;
import dev.asyncgrader.expr.Template;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One check as declared in an exercise's YAML, as its kind reads it: the fields every check has (read into a
 * {@link CheckInfo} by the loader), and the kind's own fields, each error naming file and field.
 */
public final class CheckShape {
    private static final Set<String> COMMON = Set.of("name", "kind", "points", "feedback", "runs", "title");

    private final YamlNode node;
    private final Set<String> groups;
    private final Supplier<CheckInfo> info;

    /**
     * @param groups the exercise's line groups, which the check's group fields must name
     * @param info reads the common fields; called after the fields are known to be the kind's own
     */
    public CheckShape(YamlNode node, Set<String> groups, Supplier<CheckInfo> info) {
        this.node = node;
        this.groups = groups;
        this.info = info;
    }

    /** Fails unless every field is a common one or one of the kind's {@code own}. */
    void only(String... own) {
        Set<String> all = new HashSet<>(COMMON);
        all.addAll(List.of(own));
        node.onlyFields(all);
    }

    /** The common fields: name, points, feedback, runs, title. */
    CheckInfo info() {
        return info.get();
    }

    YamlNode field(String name) {
        return node.get(name);
    }

    boolean has(String name) {
        return node.has(name);
    }

    ConfigException error(String what) {
        return node.error(what);
    }

    /** A field naming one line group. */
    String group(String name) {
        return group(node.get(name));
    }

    /** A field listing at least one line group. */
    List<String> groups(String name) {
        YamlNode n = node.get(name);
        List<YamlNode> items = n.list();
        if (items.isEmpty()) {
            throw n.error("needs at least one line group");
        }
        return items.stream().map(this::group).toList();
    }

    Expression expression(String name) {
        YamlNode n = node.get(name);
        try {
            return Expression.parse(n.text());
        } catch (ExpressionException e) {
            throw n.error(e.getMessage());
        }
    }

    /** An expression field that may be left out: null then. */
    Expression optional(String name) {
        return node.get(name).present() ? expression(name) : null;
    }

    Template template(String name) {
        YamlNode n = node.get(name);
        try {
            return Template.parse(n.text());
        } catch (ExpressionException e) {
            throw n.error(e.getMessage());
        }
    }

    private String group(YamlNode n) {
        String g = n.text();
        if (!groups.contains(g)) {
            throw n.error("no line group '" + g + "'; groups under 'lines': " + String.join(", ", groups));
        }
        return g;
    }
}
