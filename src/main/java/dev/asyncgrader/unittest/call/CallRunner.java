package dev.asyncgrader.unittest.call;

import java.io.PrintStream;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The student side of the hidden tests' call channel, run in the sandbox: one call of a static method of the
 * program per JVM. It reads the arguments (as data) from standard input, prints a start line, calls the method
 * and prints its result (as data) or what it threw. It holds no secret and decides nothing: the grader stamps
 * the lines with its own clock and trusted test code judges what they carry.
 *
 * <p>Arguments: the class and the method name. Standard input: the arguments as a JSON array.
 */
public final class CallRunner {
    private CallRunner() {}

    /** What the lines printed for the call begin with. */
    public static final String START = "@@CALL-START", RESULT = "@@CALL-RESULT ", THREW = "@@CALL-THREW ";

    /** The first argument that makes a run of the program's {@code main} rather than a call. */
    public static final String MAIN = "--main";

    public static void main(String[] args) throws Throwable {
        if (args[0].equals(MAIN)) {
            runMain(args[1], java.util.Arrays.copyOfRange(args, 2, args.length));
            return;
        }
        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        System.in.close();
        List<?> values = (List<?>) read(input);
        PrintStream out = System.out;
        Method method = find(args[0], args[1], values.size());
        Object[] call = new Object[values.size()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < call.length; i++) {
            call[i] = convert(values.get(i), types[i]);
        }
        out.println(START);
        out.flush();
        try {
            Object result = method.invoke(null, call);
            out.println(RESULT + write(result));
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            out.println(THREW + write(t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage())));
        }
        out.flush();
        // Threads the method left running must not keep the call open.
        Runtime.getRuntime().halt(0);
    }

    /**
     * Prints the start line, then runs the program's {@code main} as {@code java} would: the grader measures a
     * command-line run from that line, printed before the program's class is loaded.
     */
    private static void runMain(String className, String[] args) throws Throwable {
        System.out.println(START);
        System.out.flush();
        Method main = Class.forName(className, false, CallRunner.class.getClassLoader())
                .getMethod("main", String[].class);
        main.setAccessible(true);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // reported as the JVM reports an uncaught exception of main
        }
    }

    private static Method find(String className, String name, int arity) throws ClassNotFoundException {
        Class<?> c = Class.forName(className, false, CallRunner.class.getClassLoader());
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity && Modifier.isStatic(m.getModifiers())) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new IllegalStateException("no static method " + name + " with " + arity + " parameters in " + className);
    }

    private static Object convert(Object v, Class<?> type) {
        if (v instanceof Long n) {
            if (type == int.class || type == Integer.class) return n.intValue();
            if (type == long.class || type == Long.class) return n;
            if (type == double.class || type == Double.class) return n.doubleValue();
            if (type == short.class || type == Short.class) return n.shortValue();
            if (type == byte.class || type == Byte.class) return n.byteValue();
            if (type == Object.class || type == Number.class) return n.intValue() == n ? (Object) n.intValue() : n;
        }
        if (v instanceof Double d && (type == float.class || type == Float.class)) {
            return d.floatValue();
        }
        if (v instanceof List<?> list) {
            if (type.isArray()) {
                Object array = Array.newInstance(type.getComponentType(), list.size());
                for (int i = 0; i < list.size(); i++) {
                    Array.set(array, i, convert(list.get(i), type.getComponentType()));
                }
                return array;
            }
            List<Object> copy = new ArrayList<>();
            for (Object e : list) {
                copy.add(e instanceof Long n && n.intValue() == n ? n.intValue() : e);
            }
            return List.copyOf(copy);
        }
        return v;
    }

    /** A value as the channel carries it. */
    public static String write(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char ch : s.toCharArray()) {
                if (ch == '"' || ch == '\\') b.append('\\').append(ch);
                else if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
                else b.append(ch);
            }
            return b.append('"').toString();
        }
        if (v instanceof Boolean
                || v instanceof Integer
                || v instanceof Long
                || v instanceof Short
                || v instanceof Byte) {
            return v.toString();
        }
        if (v instanceof Number n) {
            return Double.toString(n.doubleValue());
        }
        if (v instanceof Character c) {
            return write(c.toString());
        }
        List<String> parts = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            for (Object e : c) parts.add(write(e));
        } else if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) parts.add(write(Array.get(v, i)));
        } else {
            return write(String.valueOf(v));
        }
        return "[" + String.join(",", parts) + "]";
    }

    /** The value {@code text} carries. */
    public static Object read(String text) {
        return new Reader(text).value();
    }

    /** A reader of the JSON subset the channel carries: null, booleans, numbers, strings, arrays. */
    static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s.strip();
        }

        Object value() {
            char c = s.charAt(i);
            if (c == '[') {
                i++;
                List<Object> list = new ArrayList<>();
                if (s.charAt(i) == ']') {
                    i++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    char d = s.charAt(i++);
                    if (d == ']') return list;
                }
            }
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    char ch = s.charAt(i++);
                    if (ch == '\\') {
                        char e = s.charAt(i++);
                        if (e == 'u') {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        } else {
                            b.append(e);
                        }
                    } else {
                        b.append(ch);
                    }
                }
                i++;
                return b.toString();
            }
            int start = i;
            while (i < s.length() && ",]".indexOf(s.charAt(i)) < 0) i++;
            String word = s.substring(start, i);
            return switch (word) {
                case "null" -> null;
                case "true" -> true;
                case "false" -> false;
                default ->
                    word.contains(".") || word.contains("e") || word.contains("E")
                            ? (Object) Double.parseDouble(word)
                            : (Object) Long.parseLong(word);
            };
        }
    }
}
