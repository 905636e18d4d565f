package dev.asyncgrader.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The store's text form of an instant: UTC, ISO-8601, always three fraction digits, so that comparing the text
 * (ORDER BY, a paging cursor, a claim order) compares the instants. {@code Instant.toString()} drops trailing
 * zero digits, and "…:00Z" would sort after "…:00.1Z".
 */
final class StoreTime {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StoreTime() {}

    static String of(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    static String now() {
        return of(Instant.now());
    }
}
