package dev.asyncgrader.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

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
        final List<Ordered> subscribers = new ArrayList<>();
        boolean ended;
    }

    /**
     * A subscriber with its own lock, taken under the channel's lock and held while sending: so a subscriber gets
     * its replay before any live event, and events in the order they were published, while sending (which may
     * wait for a slow client) happens outside the channel's lock.
     */
    private record Ordered(Subscriber subscriber, ReentrantLock lock) {}

    void open(String id) {
        channels.putIfAbsent(id, new Channel());
    }

    /** Drops an ended stream so that a re-grading of the same submission starts a fresh one. */
    void forgetEnded(String id) {
        Channel c = channels.get(id);
        if (c != null) {
            synchronized (c) {
                if (c.ended) {
                    channels.remove(id, c);
                }
            }
        }
    }

    void publish(String id, String name, Object data, boolean hiddenRun) {
        Channel c = channels.get(id);
        if (c == null) {
            return;
        }
        Event e = new Event(name, data, hiddenRun);
        List<Ordered> subscribers;
        synchronized (c) {
            if (c.ended) {
                return;
            }
            c.events.add(e);
            subscribers = List.copyOf(c.subscribers);
            subscribers.forEach(o -> o.lock().lock());
        }
        for (Ordered o : subscribers) {
            try {
                o.subscriber().send(e);
            } finally {
                o.lock().unlock();
            }
        }
    }

    /** Ends a stream: subscribers get {@code end()}; the events stay for late subscribers a few minutes. */
    void end(String id) {
        Channel c = channels.get(id);
        if (c == null) {
            return;
        }
        List<Ordered> subscribers;
        synchronized (c) {
            c.ended = true;
            subscribers = List.copyOf(c.subscribers);
            c.subscribers.clear();
            subscribers.forEach(o -> o.lock().lock());
        }
        for (Ordered o : subscribers) {
            try {
                o.subscriber().end();
            } finally {
                o.lock().unlock();
            }
        }
        janitor.schedule(() -> channels.remove(id, c), 5, TimeUnit.MINUTES);
    }

    /** Replays the stream so far to {@code s} and keeps it subscribed; false if no stream is kept for {@code id}. */
    boolean subscribe(String id, Subscriber s) {
        Channel c = channels.get(id);
        if (c == null) {
            return false;
        }
        List<Event> replay;
        boolean ended;
        Ordered ordered = new Ordered(s, new ReentrantLock());
        synchronized (c) {
            replay = List.copyOf(c.events);
            ended = c.ended;
            if (!ended) {
                c.subscribers.add(ordered);
            }
            ordered.lock().lock();
        }
        try {
            replay.forEach(s::send);
            if (ended) {
                s.end();
            }
        } finally {
            ordered.lock().unlock();
        }
        return true;
    }

    void unsubscribe(String id, Subscriber s) {
        Channel c = channels.get(id);
        if (c != null) {
            synchronized (c) {
                c.subscribers.removeIf(o -> o.subscriber() == s);
            }
        }
    }
}
