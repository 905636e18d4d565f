package dev.asyncgrader.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens for PostgreSQL notifications on a connection of its own ({@code application_name}
 * {@value #APPLICATION_NAME}) and hands each to a callback as channel and payload. When the connection dies it
 * opens a new one after a pause; meanwhile the callers' polling finds the work, so nothing waits on it.
 */
public final class StoreListener implements AutoCloseable {
    public static final String APPLICATION_NAME = "grader-listener";

    private final Database db;
    private final BiConsumer<String, String> onNotification;
    private final Runnable onReconnect;
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    /** Starts listening on {@code channels}; {@code onReconnect} runs after each new connection (to catch up). */
    public StoreListener(
            Database db, BiConsumer<String, String> onNotification, Runnable onReconnect, String... channels) {
        this.db = db;
        this.onNotification = onNotification;
        this.onReconnect = onReconnect;
        this.thread = Thread.ofPlatform().daemon().name("store-listener").start(() -> run(channels));
    }

    /** How many times the listening connection was lost and opened again. */
    public long reconnects() {
        return reconnects.get();
    }

    private void run(String... channels) {
        boolean first = true;
        while (!closed) {
            try (Connection c = db.openDedicated(APPLICATION_NAME)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    for (String channel : channels) {
                        s.execute("LISTEN " + channel);
                    }
                }
                if (!first) {
                    reconnects.incrementAndGet();
                    onReconnect.run();
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(1000);
                    if (got != null) {
                        for (PGNotification n : got) {
                            onNotification.accept(n.getName(), n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                first = false;
                System.err.println(
                        "store listener: connection lost (" + e.getMessage() + "); polling until it is back");
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
