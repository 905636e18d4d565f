package dev.asyncgrader.harness;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the given test classes with the JUnit Platform Launcher and reports each test's result as a line
 * signed with a per-run secret that it reads from standard input before any student class is loaded.
 *
 * <p>Arguments: per-test timeout in milliseconds, the run's nonce, then test class names.
 */
public final class TestHarness {
    private static final String PREFIX = "@@AG1";

    private final Mac mac;
    private final String nonce;
    private final PrintStream report;
    private int sequence;

    private TestHarness(Mac mac, String nonce, PrintStream report) {
        this.mac = mac;
        this.nonce = nonce;
        this.report = report;
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        // The secret comes first, before JUnit loads a single student or test class; stdin is then closed.
        byte[] key = HexFormat.of().parseHex(new String(System.in.readNBytes(64), StandardCharsets.US_ASCII));
        System.in.close();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        java.util.Arrays.fill(key, (byte) 0);
        // The report goes to the real stdout descriptor, whatever the tested code does to System.out.
        PrintStream report = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        TestHarness harness = new TestHarness(mac, args[1], report);

        List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            selectors.add(DiscoverySelectors.selectClass(args[i]));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.timeout.mode", "enabled",
                        "junit.jupiter.execution.timeout.default", args[0] + " ms",
                        "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD"))
                .build();
        Launcher launcher = LauncherFactory.create();
        int[] count = {0};
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                    count[0]++;
                    String message =
                            result.getThrowable().map(TestHarness::describe).orElse("");
                    harness.sign(
                            "TEST",
                            m.getClassName() + "#" + m.getMethodName(),
                            result.getStatus().name(),
                            message);
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                    harness.sign("TEST", m.getClassName() + "#" + m.getMethodName(), "SKIPPED", reason);
                }
            }
        });
        harness.sign("DONE", Integer.toString(count[0]), "", "");
        // Threads the tested code left running (an endless loop abandoned at its timeout) must not keep the JVM.
        Runtime.getRuntime().halt(0);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Writes one report line: prefix, nonce, sequence, then base64 fields, then the HMAC of all before it. */
    private synchronized void sign(String kind, String a, String b, String c) {
        String body =
                PREFIX + " " + nonce + " " + (sequence++) + " " + kind + " " + b64(a) + " " + b64(b) + " " + b64(c);
        byte[] tag = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        report.println(body + " " + HexFormat.of().formatHex(tag));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
