package dev.asyncgrader.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Jupyter connection file: where the five sockets listen and the key that signs messages.
 *
 * @param key the HMAC key; empty means messages are neither signed nor checked
 */
record ConnectionInfo(
        String transport,
        String ip,
        int shellPort,
        int iopubPort,
        int stdinPort,
        int controlPort,
        int hbPort,
        String signatureScheme,
        String key) {

    static ConnectionInfo read(Path file) throws IOException {
        JsonNode j = new ObjectMapper().readTree(file.toFile());
        String scheme = j.path("signature_scheme").asText("hmac-sha256");
        if (!scheme.equals("hmac-sha256")) {
            throw new IOException("signature scheme " + scheme + " is not supported (only hmac-sha256)");
        }
        return new ConnectionInfo(
                j.path("transport").asText("tcp"),
                j.path("ip").asText("127.0.0.1"),
                j.path("shell_port").asInt(),
                j.path("iopub_port").asInt(),
                j.path("stdin_port").asInt(),
                j.path("control_port").asInt(),
                j.path("hb_port").asInt(),
                scheme,
                j.path("key").asText(""));
    }

    /** The ZeroMQ address a socket on {@code port} binds to. */
    String address(int port) {
        return transport.equals("ipc") ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }
}
