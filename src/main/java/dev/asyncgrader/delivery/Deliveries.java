package dev.asyncgrader.delivery;

import dev.asyncgrader.store.DeliveryRepository;
import dev.asyncgrader.store.DeliveryRepository.Delivery;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The one loop that sends what the outbox owes (webhooks, LTI scores): due deliveries oldest first, each
 * attempt recorded, a failure tried again after a doubling backoff, until delivered or given up. Everything it
 * knows is in the store, so a restarted server (even after {@code kill -9}) resumes where the last one was;
 * a delivery cut off mid-send is sent again, so receivers see it at least once and must treat a repeat as the
 * same delivery (a score repeats its timestamp, a webhook its submission id).
 */
public final class Deliveries implements AutoCloseable {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 15;

    private final DeliveryRepository store;
    private final Map<String, DeliverySender> senders;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private volatile boolean woken;
    private volatile boolean stopped;
    private @Nullable Thread loop;

    public Deliveries(DeliveryRepository store, Map<String, DeliverySender> senders) {
        this.store = store;
        this.senders = Map.copyOf(senders);
    }

    /** Starts the loop; what an earlier server left owed goes out first. */
    public Deliveries start() {
        loop = Thread.ofVirtual().name("deliveries").start(this::run);
        return this;
    }

    /** New deliveries were stored: look now rather than at the next due time. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            store.releaseClaimsOnOneMachine();
        } catch (SQLException e) {
            System.err.println("deliveries: the store failed (" + e.getMessage() + ")");
        }
        while (!stopped) {
            try {
                for (Delivery d : store.due(Instant.now(), 50)) {
                    if (stopped) {
                        return;
                    }
                    attempt(d);
                }
                Instant next = store.nextDue();
                Duration wait = next == null ? Duration.ofSeconds(30) : Duration.between(Instant.now(), next);
                sleep(
                        wait.isNegative()
                                ? Duration.ZERO
                                : wait.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait);
            } catch (SQLException e) {
                System.err.println("deliveries: the store failed (" + e.getMessage() + "); trying again in 5 s");
                sleepQuietly(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void attempt(Delivery d) throws SQLException, InterruptedException {
        DeliverySender sender = senders.get(d.kind());
        int attempts = d.attempts() + 1;
        if (sender == null) {
            store.failed(d.id(), attempts, "no sender for deliveries of kind '" + d.kind() + "' on this server", null);
            return;
        }
        SendOutcome outcome;
        try {
            outcome = sender.send(d.submissionId(), d.payload());
        } catch (RuntimeException e) {
            outcome = new SendOutcome.Retry(e.toString());
        }
        switch (outcome) {
            case SendOutcome.Delivered x -> store.delivered(d.id(), attempts);
            case SendOutcome.GiveUp g -> store.failed(d.id(), attempts, g.error(), null);
            case SendOutcome.Retry r ->
                store.failed(
                        d.id(),
                        attempts,
                        r.error(),
                        attempts >= MAX_ATTEMPTS ? null : Instant.now().plus(backoff(attempts)));
        }
    }

    /** The wait after the {@code attempts}-th failure: 1 s, 2 s, 4 s, ... at most 5 min. */
    static Duration backoff(int attempts) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void sleep(Duration d) throws InterruptedException {
        lock.lock();
        try {
            long nanos = d.toNanos();
            while (!woken && !stopped && nanos > 0) {
                nanos = wakeUp.awaitNanos(nanos);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    private void sleepQuietly(Duration d) {
        try {
            sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped = true;
        wake();
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
