package dev.asyncgrader.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.grading.Grader;
import dev.asyncgrader.sandbox.JvmLauncher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A Jupyter kernel (messaging protocol 5.3 over ZeroMQ) whose cells are JShell snippets run in a sandboxed JVM, and
 * whose magics grade a cell as a submission exactly as batch grading does.
 *
 * <p>Threads: the caller's thread serves the shell socket (one request at a time, as Jupyter expects), one thread
 * the control socket (so an interrupt or shutdown arrives while a cell runs), one the heartbeat. Every request is
 * wrapped in {@code status: busy} and {@code status: idle} on iopub, and every message the kernel sends about a
 * request carries that request's header as its parent.
 */
public final class JupyterKernel {
    static final String PROTOCOL_VERSION = "5.3";
    private static final int POLL_MS = 200;

    /**
     * What the kernel works with, wired by the command line's one wiring point.
     *
     * @param exercises the exercises folder magics read
     * @param launcher the sandboxed launcher the cells' JVM is started with
     * @param grader the grader the {@code %%grade} magic uses, made on first use
     */
    public record Setup(Path exercises, JvmLauncher launcher, Supplier<Grader> grader) {}

    private final ConnectionInfo connection;
    private final Signer signer;
    private final CellSession cells;
    private final Magics magics;
    private final PrintStream log;
    private volatile boolean stopping;
    private int executionCount;
    private KernelMessage lastExecute; // shell thread only
    private volatile Thread magic;
    private volatile boolean magicInterrupted;
    private Channel iopub;

    private JupyterKernel(ConnectionInfo connection, Setup setup, PrintStream log) {
        this.connection = connection;
        this.signer = new Signer(connection.key());
        this.log = log;
        this.cells = new CellSession(setup.launcher(), log, this::streamToLastCell);
        this.magics = new Magics(setup.exercises(), setup.grader());
    }

    /** Serves the kernel described by {@code connectionFile} until a client asks it to shut down. */
    public static void run(Path connectionFile, Setup setup) throws IOException {
        new JupyterKernel(ConnectionInfo.read(connectionFile), setup, System.err).serve();
    }

    private void serve() throws IOException {
        try (ZContext context = new ZContext()) {
            Channel shell = new Channel(bind(context, SocketType.ROUTER, connection.shellPort()), signer);
            Channel control = new Channel(bind(context, SocketType.ROUTER, connection.controlPort()), signer);
            bind(context, SocketType.ROUTER, connection.stdinPort()); // input_request is not offered: stdin is empty
            iopub = new Channel(bind(context, SocketType.PUB, connection.iopubPort()), signer);
            ZMQ.Socket heartbeat = bind(context, SocketType.REP, connection.hbPort());
            Thread beat = Thread.ofPlatform().name("heartbeat").start(() -> echo(heartbeat));
            Thread controlThread = Thread.ofPlatform().name("control").start(() -> serve(control, true));
            cells.start();
            publishStatus(null, "starting");
            serve(shell, false);
            stopping = true;
            join(beat);
            join(controlThread);
            for (ZMQ.Socket s : context.getSockets()) {
                s.setLinger(0); // or closing the context waits for clients that are gone
            }
        } finally {
            cells.close();
        }
    }

    private static void join(Thread t) {
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ZMQ.Socket bind(ZContext context, SocketType type, int port) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(0);
        socket.setReceiveTimeOut(POLL_MS);
        socket.bind(connection.address(port));
        return socket;
    }

    private void echo(ZMQ.Socket heartbeat) {
        while (!stopping) {
            byte[] ping = heartbeat.recv(0);
            if (ping != null) {
                heartbeat.send(ping, 0);
            }
        }
    }

    private void serve(Channel channel, boolean isControl) {
        while (!stopping) {
            KernelMessage.Incoming incoming = channel.receive();
            if (incoming == null) {
                if (!isControl) {
                    cells.drainBetweenCells();
                }
                continue;
            }
            switch (incoming) {
                case KernelMessage.Incoming.Valid v -> {
                    try {
                        handle(channel, v.message(), isControl);
                    } catch (IOException | RuntimeException e) {
                        log.println("handling " + v.message().type() + ": " + e);
                        e.printStackTrace(log);
                    }
                }
                case KernelMessage.Incoming.BadSignature b ->
                    log.println("ignored a " + b.type() + " with a wrong signature");
                case KernelMessage.Incoming.Malformed m -> log.println("ignored a malformed message: " + m.reason());
            }
        }
    }

    private void handle(Channel channel, KernelMessage request, boolean isControl) throws IOException {
        publishStatus(request, "busy");
        try {
            switch (request.type()) {
                case "kernel_info_request" -> reply(channel, request, "kernel_info_reply", kernelInfo());
                case "execute_request" -> execute(channel, request);
                case "is_complete_request" -> isComplete(channel, request);
                case "complete_request" -> complete(channel, request);
                case "inspect_request" -> inspect(channel, request);
                case "history_request" -> {
                    ObjectNode c = ok();
                    c.putArray("history");
                    reply(channel, request, "history_reply", c);
                }
                case "comm_info_request" -> {
                    ObjectNode c = ok();
                    c.putObject("comms");
                    reply(channel, request, "comm_info_reply", c);
                }
                case "interrupt_request" -> {
                    interrupt();
                    reply(channel, request, "interrupt_reply", ok());
                }
                case "shutdown_request" -> {
                    ObjectNode c = ok();
                    c.put("restart", request.content().path("restart").asBoolean(false));
                    reply(channel, request, "shutdown_reply", c);
                    stopping = true;
                    // Ends a running cell too; the client starts a new kernel process for a restart.
                    cells.close();
                }
                default -> log.println("no handler for " + request.type() + (isControl ? " on control" : ""));
            }
        } finally {
            publishStatus(request, "idle");
        }
    }

    private static ObjectNode ok() {
        ObjectNode c = KernelMessage.JSON.createObjectNode();
        c.put("status", "ok");
        return c;
    }

    private ObjectNode kernelInfo() {
        ObjectNode c = ok();
        c.put("protocol_version", PROTOCOL_VERSION);
        c.put("implementation", "async-grader");
        c.put("implementation_version", "0.1.0");
        ObjectNode language = c.putObject("language_info");
        language.put("name", "java");
        language.put("version", Integer.toString(Runtime.version().feature()));
        language.put("mimetype", "text/x-java");
        language.put("file_extension", ".java");
        language.put("pygments_lexer", "java");
        language.put("codemirror_mode", "text/x-java");
        c.put(
                "banner",
                "Java (async-grader): JShell cells in a sandboxed JVM; %exercises, %starter ID, %%run ID, %%grade ID");
        c.putArray("help_links");
        return c;
    }

    /**
     * What threads an earlier cell left running print while no cell runs, as output of the cell that was run last
     * (as Jupyter's own kernels do), so it appears under that cell.
     */
    private void streamToLastCell(String name, String text) {
        if (lastExecute != null) {
            ObjectNode s = KernelMessage.JSON.createObjectNode();
            s.put("name", name);
            s.put("text", text);
            publish(lastExecute, "stream", s);
        }
    }

    private void execute(Channel channel, KernelMessage request) throws IOException {
        ObjectNode content = request.content();
        String code = content.path("code").asText("");
        boolean silent = content.path("silent").asBoolean(false);
        boolean store = content.path("store_history").asBoolean(!silent);
        if (store) {
            executionCount++;
        }
        if (!silent) {
            lastExecute = request;
        }
        int count = executionCount;
        ObjectNode input = KernelMessage.JSON.createObjectNode();
        input.put("code", code);
        input.put("execution_count", count);
        publish(request, "execute_input", input);

        List<ObjectNode> payloads = new ArrayList<>();
        Magics.Cell cell = new Magics.Cell() {
            @Override
            public void stream(String name, String text) {
                if (!silent) {
                    ObjectNode s = KernelMessage.JSON.createObjectNode();
                    s.put("name", name);
                    s.put("text", text);
                    publish(request, "stream", s);
                }
            }

            @Override
            public void display(ObjectNode data) {
                if (!silent) {
                    ObjectNode d = KernelMessage.JSON.createObjectNode();
                    d.set("data", data);
                    d.putObject("metadata");
                    d.putObject("transient");
                    publish(request, "display_data", d);
                }
            }

            @Override
            public void payload(ObjectNode payload) {
                payloads.add(payload);
            }
        };
        CellOutcome outcome = Magics.isMagic(code) ? runMagic(code, cell) : cells.execute(code, cell::stream);

        ObjectNode reply = KernelMessage.JSON.createObjectNode();
        switch (outcome) {
            case CellOutcome.Completed done -> {
                if (done.value() != null && !silent) {
                    ObjectNode r = KernelMessage.JSON.createObjectNode();
                    r.put("execution_count", count);
                    r.putObject("data").put("text/plain", done.value());
                    r.putObject("metadata");
                    publish(request, "execute_result", r);
                }
                reply.put("status", "ok");
                reply.put("execution_count", count);
                reply.putObject("user_expressions");
                ArrayNode p = reply.putArray("payload");
                payloads.forEach(p::add);
            }
            case CellOutcome.Failed f -> error(request, reply, count, f.ename(), f.evalue(), f.traceback(), silent);
            case CellOutcome.Interrupted i ->
                error(
                        request,
                        reply,
                        count,
                        "Interrupted",
                        Messages.cellInterrupted(),
                        List.of(Messages.cellInterrupted()
                                + (i.restarted()
                                        ? " " + Messages.cellJvmRestarted(CellSession.STOP_GRACE.toSeconds())
                                        : "")),
                        silent);
        }
        reply(channel, request, "execute_reply", reply);
    }

    /**
     * Runs a magic on a thread of its own, which an interrupt may interrupt (ending its sandboxed runs): the shell
     * thread meanwhile publishes what the magic says, so no ZeroMQ socket is ever used by an interrupted thread.
     */
    private CellOutcome runMagic(String code, Magics.Cell cell) {
        BlockingQueue<Runnable> toPublish = new LinkedBlockingQueue<>();
        Magics.Cell queued = new Magics.Cell() {
            @Override
            public void stream(String name, String text) {
                toPublish.add(() -> cell.stream(name, text));
            }

            @Override
            public void display(ObjectNode data) {
                toPublish.add(() -> cell.display(data));
            }

            @Override
            public void payload(ObjectNode payload) {
                toPublish.add(() -> cell.payload(payload));
            }
        };
        CompletableFuture<CellOutcome> outcome = new CompletableFuture<>();
        magicInterrupted = false;
        magic = Thread.ofPlatform().name("magic").start(() -> {
            try {
                outcome.complete(magics.run(code, queued));
            } catch (RuntimeException | Error e) {
                outcome.completeExceptionally(e);
            }
        });
        try {
            while (!outcome.isDone() || !toPublish.isEmpty()) {
                Runnable next = toPublish.poll(50, TimeUnit.MILLISECONDS);
                if (next != null) {
                    next.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            magic = null;
        }
        if (magicInterrupted) {
            return new CellOutcome.Interrupted(false);
        }
        try {
            return outcome.join();
        } catch (java.util.concurrent.CompletionException e) {
            log.println("magic failed: " + e.getCause());
            return new CellOutcome.Failed(
                    "InternalError", String.valueOf(e.getCause()), List.of(String.valueOf(e.getCause())));
        }
    }

    /** Interrupts the running cell: the magic's thread, or the cell in the sandboxed JVM. */
    private void interrupt() {
        Thread running = magic;
        if (running != null) {
            magicInterrupted = true;
            running.interrupt();
        }
        cells.interrupt();
    }

    private void error(
            KernelMessage request,
            ObjectNode reply,
            int count,
            String ename,
            String evalue,
            List<String> traceback,
            boolean silent) {
        ObjectNode e = KernelMessage.JSON.createObjectNode();
        e.put("ename", ename);
        e.put("evalue", evalue);
        ArrayNode t = e.putArray("traceback");
        traceback.forEach(t::add);
        if (!silent) {
            publish(request, "error", e.deepCopy());
        }
        reply.put("status", "error");
        reply.put("execution_count", count);
        reply.setAll(e);
    }

    private void isComplete(Channel channel, KernelMessage request) throws IOException {
        String code = request.content().path("code").asText("");
        String status = Magics.isMagic(code) ? Magics.completeness(code) : cells.completeness(code);
        ObjectNode c = KernelMessage.JSON.createObjectNode();
        c.put("status", status);
        if (status.equals("incomplete")) {
            c.put("indent", "    ");
        }
        reply(channel, request, "is_complete_reply", c);
    }

    private void inspect(Channel channel, KernelMessage request) throws IOException {
        String code = request.content().path("code").asText("");
        int cursor = Math.max(0, Math.min(request.content().path("cursor_pos").asInt(code.length()), code.length()));
        String found = Magics.isMagic(code) ? "" : cells.documentation(code, cursor);
        ObjectNode c = ok();
        c.put("found", !found.isEmpty());
        ObjectNode data = c.putObject("data");
        if (!found.isEmpty()) {
            data.put("text/plain", found);
        }
        c.putObject("metadata");
        reply(channel, request, "inspect_reply", c);
    }

    private void complete(Channel channel, KernelMessage request) throws IOException {
        String code = request.content().path("code").asText("");
        int cursor = request.content().path("cursor_pos").asInt(code.length());
        cursor = Math.max(0, Math.min(cursor, code.length()));
        ObjectNode c = ok();
        ArrayNode matches = c.putArray("matches");
        int start = cursor;
        if (!Magics.isMagic(code)) {
            List<String> found = cells.complete(code, cursor);
            start = Integer.parseInt(found.getFirst());
            found.subList(1, found.size()).forEach(matches::add);
        }
        c.put("cursor_start", start);
        c.put("cursor_end", cursor);
        c.putObject("metadata");
        reply(channel, request, "complete_reply", c);
    }

    private void reply(Channel channel, KernelMessage request, String type, ObjectNode content) {
        channel.send(KernelMessage.answering(request, type, content));
    }

    private void publish(KernelMessage request, String type, ObjectNode content) {
        KernelMessage m = KernelMessage.answering(request, type, content);
        // On iopub the first frame is the topic, not a client's identity.
        iopub.send(new KernelMessage(
                List.of(type.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                m.header(),
                m.parent(),
                m.metadata(),
                m.content()));
    }

    private void publishStatus(KernelMessage request, String state) {
        ObjectNode c = KernelMessage.JSON.createObjectNode();
        c.put("execution_state", state);
        if (request == null) {
            ObjectNode none = KernelMessage.JSON.createObjectNode();
            publish(new KernelMessage(List.of(), none, none, none, none), "status", c);
        } else {
            publish(request, "status", c);
        }
    }
}
