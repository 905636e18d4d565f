package dev.asyncgrader.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * One kernel socket speaking the Jupyter wire format: identities, the {@code <IDS|MSG>} delimiter, the signature,
 * then header, parent header, metadata and content as JSON (and any buffers, which are not signed). Sends are
 * serialized, so threads may share a channel (iopub is shared by the shell and control threads).
 */
final class Channel {
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final ZMQ.Socket socket;
    private final Signer signer;

    Channel(ZMQ.Socket socket, Signer signer) {
        this.socket = socket;
        this.signer = signer;
    }

    ZMQ.Socket socket() {
        return socket;
    }

    /** The next message, or null if none arrived within the socket's receive timeout. */
    KernelMessage.Incoming receive() {
        byte[] first = socket.recv(0);
        if (first == null) {
            return null;
        }
        List<byte[]> parts = new ArrayList<>();
        parts.add(first);
        while (socket.hasReceiveMore()) {
            parts.add(socket.recv(0));
        }
        int delimiter = -1;
        for (int i = 0; i < parts.size(); i++) {
            if (Arrays.equals(parts.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || parts.size() < delimiter + 6) {
            return new KernelMessage.Incoming.Malformed("no <IDS|MSG> delimiter followed by five frames");
        }
        String signature = new String(parts.get(delimiter + 1), StandardCharsets.US_ASCII);
        List<byte[]> signed = parts.subList(delimiter + 2, delimiter + 6);
        try {
            ObjectNode header = object(signed.get(0));
            if (!signer.verify(signature, signed)) {
                return new KernelMessage.Incoming.BadSignature(
                        header.path("msg_type").asText("?"));
            }
            return new KernelMessage.Incoming.Valid(new KernelMessage(
                    List.copyOf(parts.subList(0, delimiter)),
                    header,
                    object(signed.get(1)),
                    object(signed.get(2)),
                    object(signed.get(3))));
        } catch (IOException e) {
            return new KernelMessage.Incoming.Malformed("a frame is not a JSON object: " + e.getMessage());
        }
    }

    private static ObjectNode object(byte[] json) throws IOException {
        JsonNode node = KernelMessage.JSON.readTree(json);
        if (node == null || node.isMissingNode() || node.isNull()) {
            return KernelMessage.JSON.createObjectNode();
        }
        if (!(node instanceof ObjectNode o)) {
            throw new IOException("expected an object, got " + node.getNodeType());
        }
        return o;
    }

    /** Sends {@code message}, signed; on a PUB socket, {@code topic} is the only identity. */
    synchronized void send(KernelMessage message) {
        try {
            List<byte[]> signed = List.of(
                    KernelMessage.JSON.writeValueAsBytes(message.header()),
                    KernelMessage.JSON.writeValueAsBytes(message.parent()),
                    KernelMessage.JSON.writeValueAsBytes(message.metadata()),
                    KernelMessage.JSON.writeValueAsBytes(message.content()));
            for (byte[] id : message.identities()) {
                socket.sendMore(id);
            }
            socket.sendMore(DELIMITER);
            socket.sendMore(signer.sign(signed).getBytes(StandardCharsets.US_ASCII));
            socket.sendMore(signed.get(0));
            socket.sendMore(signed.get(1));
            socket.sendMore(signed.get(2));
            socket.send(signed.get(3), 0);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message could not be written as JSON", e);
        }
    }
}
