package dev.asyncgrader.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asyncgrader.store.Database;
import dev.asyncgrader.store.EventStore;
import dev.asyncgrader.store.StoreListener;
import dev.asyncgrader.store.StoredEvent;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Event streams read from the store's event table, for a store many nodes share: a client on any API node gets
 * every event of a submission graded by any worker, from after its {@code Last-Event-ID} on. New events are
 * announced by PostgreSQL {@code NOTIFY}; a poll each second covers a lost notification or listener.
 */
final class StoredStreams implements AutoCloseable {
    /** Where one client's events go. */
    interface Sink {
        void send(StoredEvent event);

        void end();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventStore store;
    private final Map<String, Set<Follower>> following = new ConcurrentHashMap<>();
    private final StoreListener listener;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stored-streams-poll");
        t.setDaemon(true);
        return t;
    });

    private static final class Follower {
        final String id;
        final Sink sink;
        long seq;
        boolean ended;

        Follower(String id, Sink sink, long seq) {
            this.id = id;
            this.sink = sink;
            this.seq = seq;
        }
    }

    StoredStreams(Database db) {
        this.store = new EventStore(db);
        this.listener = new StoreListener(db, (channel, id) -> catchUp(id), this::catchUpAll, EventStore.CHANNEL);
        poll.scheduleWithFixedDelay(this::catchUpAll, 1, 1, TimeUnit.SECONDS);
    }

    /** Sends {@code id}'s events after {@code afterSeq} to {@code sink}, then the rest as they are written. */
    Object follow(String id, long afterSeq, Sink sink) {
        Follower f = new Follower(id, sink, afterSeq);
        following.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(f);
        senders.execute(() -> catchUp(f));
        return f;
    }

    /** Whether {@code id} has any events stored (a submission graded before events were kept has none). */
    boolean hasEvents(String id) throws SQLException {
        return !store.after(id, 0).isEmpty();
    }

    void unfollow(String id, Object follower) {
        Set<Follower> set = following.get(id);
        if (set != null) {
            set.remove(follower);
            following.computeIfPresent(id, (k, v) -> v.isEmpty() ? null : v);
        }
    }

    private void catchUp(String id) {
        Set<Follower> set = following.get(id);
        if (set != null) {
            for (Follower f : List.copyOf(set)) {
                senders.execute(() -> catchUp(f));
            }
        }
    }

    private void catchUpAll() {
        following.keySet().forEach(this::catchUp);
    }

    private void catchUp(Follower f) {
        synchronized (f) {
            if (f.ended) {
                return;
            }
            try {
                for (StoredEvent e : store.after(f.id, f.seq)) {
                    f.seq = e.seq();
                    f.sink.send(e);
                    if (closes(e)) {
                        f.ended = true;
                        unfollow(f.id, f);
                        f.sink.end();
                        return;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // The next notification or poll tries again from the same place.
                System.err.println("event stream of " + f.id + ": " + e.getMessage());
            }
        }
    }

    private static boolean closes(StoredEvent e) {
        if (!e.name().equals("status")) {
            return false;
        }
        try {
            JsonNode data = JSON.readTree(e.dataJson());
            return "done".equals(data.path("status").asText());
        } catch (IOException bad) {
            return false;
        }
    }

    @Override
    public void close() {
        listener.close();
        poll.shutdownNow();
        senders.shutdownNow();
    }
}
