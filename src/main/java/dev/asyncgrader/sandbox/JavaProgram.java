package dev.asyncgrader.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What to start in a student JVM: a folder of compiled code, the class path and module path within it, the
 * main class (or module) with its arguments, and what to feed its standard input (usually nothing).
 *
 * @param dir the folder, seen by the program read-only; entries of {@code classpath} and {@code modulePath}
 *     are relative to it
 * @param main the main class and its arguments, or {@code -m module/class} and its arguments
 * @param stdin bytes written to standard input before it is closed; empty for most programs
 */
public record JavaProgram(Path dir, List<String> classpath, List<String> modulePath, List<String> main, byte[] stdin) {

    /** The usual student program: {@code classes/} on the class path, {@code mainClass args...}. */
    public static JavaProgram mainClass(Path dir, String mainClass, List<String> args) {
        List<String> main = new ArrayList<>();
        main.add(mainClass);
        main.addAll(args);
        return new JavaProgram(dir, List.of("classes"), List.of(), main, new byte[0]);
    }
}
