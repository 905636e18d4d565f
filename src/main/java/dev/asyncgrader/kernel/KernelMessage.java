package dev.asyncgrader.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One Jupyter message: the routing identities it came with, its header, the header of the request it answers,
 * metadata and content.
 */
record KernelMessage(
        List<byte[]> identities, ObjectNode header, ObjectNode parent, ObjectNode metadata, ObjectNode content) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** This kernel process's session id, in the header of every message it sends. */
    private static final String SESSION = UUID.randomUUID().toString();

    String type() {
        return header.path("msg_type").asText("");
    }

    /**
     * A new message of {@code type} answering {@code request} (its header becomes the parent),
     * routed back to the request's sender.
     */
    static KernelMessage answering(KernelMessage request, String type, ObjectNode content) {
        ObjectNode header = JSON.createObjectNode();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("session", SESSION);
        header.put("username", "async-grader");
        header.put("date", Instant.now().toString());
        header.put("msg_type", type);
        header.put("version", "5.3");
        return new KernelMessage(
                request.identities, header, request.header.deepCopy(), JSON.createObjectNode(), content);
    }

    /** How a received message turned out: valid, wrongly signed (ignored), or not a Jupyter message. */
    sealed interface Incoming {
        record Valid(KernelMessage message) implements Incoming {}

        record BadSignature(String type) implements Incoming {}

        record Malformed(String reason) implements Incoming {}
    }
}
