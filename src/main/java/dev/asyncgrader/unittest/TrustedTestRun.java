package dev.asyncgrader.unittest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One hidden-test run, judged in the grader's own process: the JUnit Platform Launcher runs the exercise's
 * compiled tests (never the student's classes, which only ever run in the sandbox, one sandboxed JVM per
 * {@code ProgramRun}), and the results go straight into a {@link TestReport}. No secret and no verdict is ever
 * inside a process that runs student code, so there is nothing there to find or to forge.
 */
public final class TrustedTestRun {
    /**
     * Beyond a test's own limit: waiting for a core (the start gate) and JVM start-ups under load. It judges
     * nothing of the program (each of its runs has its own limit, counted from its start); it only ends trusted
     * test code that hangs. The tests of a submission go beside its runs, so with eight gradings at once a
     * test's program may queue at the gate behind some thirty JVM starts: a failure for that wait would be a
     * verdict on the machine's load, not on the program.
     */
    static final Duration TEST_CODE_ALLOWANCE = Duration.ofSeconds(30);

    private TrustedTestRun() {}

    /**
     * Runs {@code testClasses} (defined from {@code classes}, the compiled tests and test support) with a limit of
     * {@code perTest} per test, each run or call of the program (its classes in {@code program}, entry point
     * {@code entryPoint}) a sandboxed run through {@code programs}.
     */
    public static TestReport run(
            Map<String, byte[]> classes,
            List<String> testClasses,
            Duration perTest,
            Path program,
            String entryPoint,
            ProgramLauncher programs) {
        TestClassLoader loader =
                new TestClassLoader(classes, program, entryPoint, programs, TrustedTestRun.class.getClassLoader());
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String name : testClasses) {
            try {
                selectors.add(DiscoverySelectors.selectClass(loader.loadClass(name)));
            } catch (ClassNotFoundException | LinkageError e) {
                return TestReport.invalid("the test class " + name + " could not be loaded (" + e + ")");
            }
        }
        // Every run of the program has its own limit (its seconds, measured from its start line), so this limit only
        // guards the trusted test code: it allows for waiting for a core and for sandboxed JVMs starting under load.
        long limitMillis = perTest.plus(TEST_CODE_ALLOWANCE).toMillis();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .enableImplicitConfigurationParameters(false) // nothing of the grader's own settings or JUnit files
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.timeout.mode", "enabled",
                        "junit.jupiter.execution.timeout.default", limitMillis + " ms",
                        "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD"))
                .build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestEngines(new JupiterTestEngine())
                .build());
        TestReport.Collector report = new TestReport.Collector();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            launcher.execute(request, new TestExecutionListener() {
                private @Nullable TestPlan plan;

                @Override
                public void testPlanExecutionStarted(TestPlan testPlan) {
                    plan = testPlan;
                }

                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                        report.add(
                                id.getUniqueIdObject().toString(),
                                planned(id),
                                m.getClassName() + "#" + m.getMethodName(),
                                new TestReport.Result(
                                        result.getStatus().name(),
                                        result.getThrowable()
                                                .map(TrustedTestRun::describe)
                                                .orElse("")));
                    }
                }

                @Override
                public void executionSkipped(TestIdentifier id, String reason) {
                    if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                        report.add(
                                id.getUniqueIdObject().toString(),
                                planned(id),
                                m.getClassName() + "#" + m.getMethodName(),
                                new TestReport.Result("SKIPPED", reason));
                    }
                }

                private boolean planned(TestIdentifier id) {
                    try {
                        return plan != null && plan.getTestIdentifier(id.getUniqueIdObject()) != null;
                    } catch (org.junit.platform.commons.PreconditionViolationException notInPlan) {
                        return false;
                    }
                }
            });
        } finally {
            thread.setContextClassLoader(previous);
        }
        return report.finish();
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
