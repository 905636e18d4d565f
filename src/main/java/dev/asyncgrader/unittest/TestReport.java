package dev.asyncgrader.unittest;

import dev.asyncgrader.sandbox.OutputLine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The results the harness reported for one test run, keeping only lines that carry this run's nonce, come
 * in sequence and bear a valid signature: whatever the tested code printed to imitate them counts for nothing.
 *
 * @param results test id ({@code Class#method}) to its result
 * @param complete whether the harness reported that it finished all tests
 * @param forged report-like lines that failed verification (a sign of tampering)
 */
public record TestReport(Map<String, Result> results, boolean complete, int forged) {
    static final String PREFIX = "@@AG1 ";

    /** One test's result: {@code SUCCESSFUL}, {@code FAILED}, {@code ABORTED} or {@code SKIPPED}, and why. */
    public record Result(String status, String message) {
        public boolean passed() {
            return status.equals("SUCCESSFUL");
        }
    }

    /** Whether a line is a report line, to keep it out of what students see as output. */
    public static boolean isReportLine(String text) {
        return text.startsWith(PREFIX);
    }

    /** Verifies the report lines of {@code lines} with the run's key and nonce. */
    public static TestReport verify(List<OutputLine> lines, byte[] key, String nonce) {
        Map<String, Result> results = new LinkedHashMap<>();
        boolean complete = false;
        int forged = 0;
        int expectedSequence = 0;
        Mac mac = mac(key);
        for (OutputLine line : lines) {
            if (line.stream() != OutputLine.Stream.STDOUT || !isReportLine(line.text())) {
                continue;
            }
            String text = line.text();
            int cut = text.lastIndexOf(' ');
            String body = text.substring(0, cut);
            byte[] tag;
            try {
                tag = HexFormat.of().parseHex(text.substring(cut + 1));
            } catch (IllegalArgumentException e) {
                forged++;
                continue;
            }
            String[] f = body.split(" ", -1);
            boolean authentic = f.length == 7
                    && MessageDigest.isEqual(tag, mac.doFinal(body.getBytes(StandardCharsets.UTF_8)))
                    && f[1].equals(nonce)
                    && f[2].equals(Integer.toString(expectedSequence));
            if (!authentic) {
                forged++;
                continue;
            }
            expectedSequence++;
            if (f[3].equals("TEST")) {
                results.put(decode(f[4]), new Result(decode(f[5]), decode(f[6])));
            } else if (f[3].equals("DONE")) {
                complete = true;
            }
        }
        return new TestReport(Map.copyOf(results), complete, forged);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }
}
