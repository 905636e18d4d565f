package dev.asyncgrader.cli;

import dev.asyncgrader.exercise.Exercise;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.kernel.Notebooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes or prints the starter code of an exercise, as students receive it: Java files or a notebook. */
@Command(name = "starter", description = "Print an exercise's starter code, or write it to a folder.")
final class StarterCommand implements Runnable {
    @Parameters(index = "0", description = "Exercise id.")
    String id;

    @Option(names = "--out", description = "Folder to write the starter files into.")
    Path out;

    @Option(
            names = "--format",
            defaultValue = "java",
            description = "java (the starter files) or ipynb (a notebook: the prompt, then a %%%%grade cell).")
    String format;

    @Mixin
    ExercisesFolder exercisesFolder;

    @Mixin
    ConfigChoice settings;

    @Override
    public void run() {
        GradingRuntime runtime = settings.runtime();
        Exercise e = ExerciseCatalog.loadOne(exercisesFolder.in(runtime).resolve(id));
        if (!format.equals("java") && !format.equals("ipynb")) {
            throw new GraderCli.UsageProblem("--format is java or ipynb, not " + format);
        }
        try {
            if (format.equals("ipynb")) {
                String notebook = Notebooks.starter(e);
                if (out == null) {
                    System.out.print(notebook);
                } else {
                    Files.createDirectories(out);
                    Files.writeString(out.resolve(e.id() + ".ipynb"), notebook);
                    System.out.println("wrote " + out.resolve(e.id() + ".ipynb"));
                }
                return;
            }
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
