package dev.asyncgrader.cli;

import dev.asyncgrader.config.ConfigException;
import dev.asyncgrader.sandbox.Isolation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Checks whether the sandbox works on this host, as the grader does at start-up. */
@Command(name = "check-sandbox", description = "Check that the sandbox works on this host (exit status 1 if not).")
final class CheckSandboxCommand implements Callable<Integer> {
    @Mixin
    ConfigChoice settings;

    @Override
    public Integer call() {
        GradingRuntime runtime = settings.runtime();
        try {
            Isolation isolation = runtime.isolation();
            System.out.println("Isolation: " + isolation.describe());
            return 0;
        } catch (ConfigException e) {
            System.out.println(e.getMessage());
            return 1;
        }
    }
}
