package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The event streams: replay to late subscribers, order, end, and no event lost or doubled under concurrency. */
class EventHubTest {
    /** Records what a subscriber receives. */
    private static final class Recorder implements EventHub.Subscriber {
        final List<Object> data = new CopyOnWriteArrayList<>();
        final AtomicInteger ends = new AtomicInteger();

        @Override
        public void send(EventHub.Event event) {
            data.add(event.data());
        }

        @Override
        public void end() {
            ends.incrementAndGet();
        }
    }

    @Test
    void lateSubscriber_getsEverythingSoFar_thenTheRest_thenOneEnd() {
        EventHub hub = new EventHub();
        hub.open("s");
        hub.publish("s", "status", 1, false);
        hub.publish("s", "status", 2, false);
        Recorder r = new Recorder();
        assertTrue(hub.subscribe("s", r));
        hub.publish("s", "stream", 3, true);
        hub.end("s");
        hub.publish("s", "status", 4, false); // after the end: kept for nobody, sent to nobody
        assertEquals(List.of(1, 2, 3), r.data);
        assertEquals(1, r.ends.get());

        Recorder after = new Recorder();
        assertTrue(hub.subscribe("s", after), "a finished stream is kept for late subscribers");
        assertEquals(1, after.ends.get());
        assertTrue(after.data.containsAll(List.of(1, 2, 3)), after.data.toString());
    }

    @Test
    void unknownStream_isRefused_andPublishingToItIsIgnored() {
        EventHub hub = new EventHub();
        hub.publish("nope", "status", 1, false);
        assertFalse(hub.subscribe("nope", new Recorder()));
    }

    @Test
    void unsubscribed_getsNothingMore() {
        EventHub hub = new EventHub();
        hub.open("s");
        Recorder r = new Recorder();
        hub.subscribe("s", r);
        hub.publish("s", "status", 1, false);
        hub.unsubscribe("s", r);
        hub.publish("s", "status", 2, false);
        hub.end("s");
        assertEquals(List.of(1), r.data);
        assertEquals(0, r.ends.get());
    }

    @Test
    void hiddenRunMark_travelsWithTheEvent() {
        EventHub hub = new EventHub();
        hub.open("s");
        hub.publish("s", "stream", "line", true);
        List<EventHub.Event> got = new ArrayList<>();
        hub.subscribe("s", new EventHub.Subscriber() {
            @Override
            public void send(EventHub.Event event) {
                got.add(event);
            }

            @Override
            public void end() {}
        });
        assertEquals(List.of(new EventHub.Event("stream", "line", true)), got);
    }

    /** Subscribers joining while a grading publishes get every event exactly once, in the order published. */
    @Test
    void subscribingWhilePublishing_losesAndDoublesNothing_keepsOrder() throws Exception {
        for (int round = 0; round < 50; round++) {
            EventHub hub = new EventHub();
            hub.open("s");
            int events = 2000;
            CountDownLatch go = new CountDownLatch(1);
            Thread publisher = Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < events; i++) {
                    hub.publish("s", "stream", i, false);
                }
                hub.end("s");
            });
            List<Recorder> recorders = new ArrayList<>();
            go.countDown();
            for (int k = 0; k < 4; k++) {
                Recorder r = new Recorder();
                recorders.add(r);
                hub.subscribe("s", r);
                Thread.yield();
            }
            publisher.join();
            for (Recorder r : recorders) {
                List<Object> expected = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    expected.add(i);
                }
                assertEquals(expected, r.data, "round " + round);
                assertEquals(1, r.ends.get());
            }
        }
    }
}
