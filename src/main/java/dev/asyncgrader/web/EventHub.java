package dev.asyncgrader.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live event streams of submissions being graded, kernel-style: {@code status}, {@code stream},
 * {@code check}, {@code result}. A subscriber first receives every event so far, then the rest as they
 * happen; streams of finished submissions are kept a few minutes for late subscribers.
 */
final class EventHub {
    /** One event; {@code hiddenRun} marks output of a run whose arguments students must not see. */
    record Event(String name, Object data, boolean hiddenRun) {}

    /** Receives events; {@link #end()} comes after the last one. */
    interface Subscriber {
        void send(Event event);

        void end();
    }

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "event-janitor");
        t.setDaemon(true);
        return t;
    });

    private static final class Channel {
        final List<Event> events = new ArrayList<>();
        final List<Subscriber> subscribers = new ArrayList<>();
        boolean ended;
    }

    void open(String id) {
        channels.putIfAbsent(id, new Channel());
    }

    void publish(String id, String name, Object data, boolean hiddenRun) {
        Channel c = channels.get(id);
        if (c == null) {
            return;
        }
        Event e = new Event(name, data, hiddenRun);
        List<Subscriber> subscribers;
        synchronized (c) {
            c.events.add(e);
            subscribers = List.copyOf(c.subscribers);
        }
        for (Subscriber s : subscribers) {
            s.send(e);
        }
    }

    /** Ends a stream: subscribers get {@code end()}; the events stay for late subscribers a few minutes. */
    void end(String id) {
        Channel c = channels.get(id);
        if (c == null) {
            return;
        }
        List<Subscriber> subscribers;
        synchronized (c) {
            c.ended = true;
            subscribers = List.copyOf(c.subscribers);
            c.subscribers.clear();
        }
        subscribers.forEach(Subscriber::end);
        janitor.schedule(() -> channels.remove(id), 5, TimeUnit.MINUTES);
    }

    /** Replays the stream so far to {@code s} and keeps it subscribed; false if no stream is kept for {@code id}. */
    boolean subscribe(String id, Subscriber s) {
        Channel c = channels.get(id);
        if (c == null) {
            return false;
        }
        List<Event> replay;
        boolean ended;
        synchronized (c) {
            replay = List.copyOf(c.events);
            ended = c.ended;
            if (!ended) {
                c.subscribers.add(s);
            }
        }
        replay.forEach(s::send);
        if (ended) {
            s.end();
        }
        return true;
    }

    void unsubscribe(String id, Subscriber s) {
        Channel c = channels.get(id);
        if (c != null) {
            synchronized (c) {
                c.subscribers.remove(s);
            }
        }
    }
}
