package dev.asyncgrader.cli;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes or prints the starter code of an exercise, as students receive it. */
@Command(name = "starter", description = "Print an exercise's starter code, or write it to a folder.")
final class StarterCommand implements Runnable {
    @Parameters(index = "0", description = "Exercise id.")
    String id;

    @Option(names = "--out", description = "Folder to write the starter files into.")
    Path out;

    @Mixin
    ExercisesFolder exercisesFolder;

    @Mixin
    ConfigChoice settings;

    @Override
    public void run() {
        GradingRuntime runtime = settings.runtime();
        Exercise e = ExerciseCatalog.loadOne(exercisesFolder.in(runtime).resolve(id));
        try {
            for (var f : e.starterFiles().entrySet()) {
                if (out == null) {
                    System.out.println("// ---- " + f.getKey());
                    System.out.println(f.getValue());
                } else {
                    Files.createDirectories(out);
                    Files.writeString(out.resolve(f.getKey()), f.getValue());
                    System.out.println("wrote " + out.resolve(f.getKey()));
                }
            }
        } catch (IOException ex) {
            throw new GraderCli.UsageProblem("cannot write to " + out + ": " + ex.getMessage());
        }
    }
}
