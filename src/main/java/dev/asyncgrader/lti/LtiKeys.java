package dev.asyncgrader.lti;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tool's RSA signing keys: a PEM file in the data folder holding two PKCS#8 private keys, created on first
 * start. The first key signs; both are published at {@code /lti/jwks}, so a platform already knows the second
 * when an administrator rotates by moving it first (and adding a new second).
 */
final class LtiKeys {
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private final List<RSAKey> keys;

    private LtiKeys(List<RSAKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The keys in {@code file}, creating the file with two new keys when it does not exist. */
    static LtiKeys loadOrCreate(Path file) throws IOException {
        try {
            if (!Files.isRegularFile(file)) {
                create(file);
            }
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            List<RSAKey> keys = new ArrayList<>();
            Matcher m = PEM.matcher(pem);
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1).strip());
                RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
                RSAPublicKey pub = (RSAPublicKey)
                        rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
                RSAKey key = new RSAKey.Builder(pub)
                        .privateKey(priv)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint()
                        .build();
                keys.add(key);
            }
            if (keys.isEmpty()) {
                throw new IOException(file + " holds no '-----BEGIN PRIVATE KEY-----' (PKCS#8 RSA) block; remove it"
                        + " to have new keys made");
            }
            return new LtiKeys(keys);
        } catch (GeneralSecurityException | JOSEException | ClassCastException e) {
            throw new IOException(file + " is not a PEM file of RSA private keys: " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        StringBuilder pem = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
            pem.append("-----BEGIN PRIVATE KEY-----\n")
                    .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der))
                    .append("\n-----END PRIVATE KEY-----\n");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the data folder's own permissions protect the key.
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The key that signs the tool's messages and client assertions. */
    RSAKey signing() {
        return keys.getFirst();
    }

    /** Every key's public half, as the JSON of a JWK set. */
    String publicJwks() {
        return new JWKSet(keys.stream()
                        .map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK())
                        .toList())
                .toString(true);
    }
}
