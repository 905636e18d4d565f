package dev.asyncgrader.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncgrader.kernel.agent.EvaluationAgent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message signatures, and the agent's line framing, on known values. */
class SignerTest {
    private static List<byte[]> frames(String... parts) {
        return java.util.Arrays.stream(parts)
                .map(p -> p.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void signsTheFramesInOrderAsOneHmacSha256() {
        // RFC-style known value: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), split in frames.
        Signer signer = new Signer("key");
        String expected = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
        assertEquals(expected, signer.sign(frames("The quick brown fox ", "jumps over ", "the lazy ", "dog")));
        assertTrue(signer.verify(expected, frames("The quick brown fox jumps over the lazy dog")));
        assertTrue(signer.verify(
                expected.toUpperCase(java.util.Locale.ROOT), frames("The quick brown fox jumps over the lazy dog")));
        assertFalse(signer.verify(expected, frames("The quick brown fox jumps over the lazy cat")));
        assertFalse(signer.verify("", frames("The quick brown fox jumps over the lazy dog")));
    }

    @Test
    void anEmptyKeySignsNothingAndAcceptsAnything() {
        Signer unsigned = new Signer("");
        assertEquals("", unsigned.sign(frames("{}", "{}", "{}", "{}")));
        assertTrue(unsigned.verify("whatever", frames("{}")));
    }

    @Test
    void agentFramesKeepTabsBackslashesAndLineBreaks() {
        String awkward = "a\tb\\n\nc\r\n\\";
        String line = EvaluationAgent.frame("out", awkward, "");
        assertFalse(line.contains("\n"));
        assertEquals(List.of("out", awkward, ""), EvaluationAgent.unframe(line));
    }
}
