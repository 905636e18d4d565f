package dev.asyncgrader.kernel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 signature of Jupyter messages: over the header, parent header, metadata and content frames, in
 * that order (buffers are not signed). An empty key turns signing off: messages carry an empty signature and any
 * signature is accepted.
 */
final class Signer {
    private final byte[] key;

    Signer(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    boolean signs() {
        return key.length > 0;
    }

    /** The hex signature of the four frames; empty when signing is off. */
    String sign(List<byte[]> frames) {
        if (!signs()) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] f : frames) {
                mac.update(f);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Whether {@code signature} is right for the frames, compared in constant time. */
    boolean verify(String signature, List<byte[]> frames) {
        if (!signs()) {
            return true;
        }
        return MessageDigest.isEqual(
                sign(frames).getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
