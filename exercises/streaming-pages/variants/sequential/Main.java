import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Streaming pages: the pages of a result are fetched one after another, and each page is printed as
 * soon as it has arrived, not all together at the end.
 *
 * <p>Usage: {@code java Main <pages> <seconds-per-page>}, e.g. {@code java Main 4 0.5}
 */
public class Main {

    /** One page of the result. */
    record Page(int number, String data) {}

    /** Fetches one page from the (simulated) server; this takes {@code seconds}. */
    static Page fetchPage(int number, double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching page " + number, e);
        }
        return new Page(number, "Content of page " + number);
    }

    /**
     * The pages 1 to {@code total}, fetched one at a time and only when the next one is needed, so
     * whoever reads the stream gets each page as soon as it has arrived.
     */
    static Stream<Page> fetchPages(int total, double seconds) {
        // Wrong on purpose: fetches every page first and only then hands them out, so nothing is
        // printed until the last page has arrived.
        java.util.List<Page> pages = new java.util.ArrayList<>();
        for (int number = 1; number <= total; number++) {
            pages.add(fetchPage(number, seconds));
        }
        return pages.stream();
    }

    public static void main(String[] args) {
        int total = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);

        System.out.println("Fetching " + total + " pages");
        fetchPages(total, seconds).forEach(page -> System.out.println("Page " + page.number() + ": " + page.data()));
        System.out.println("Fetched " + total + " pages");
    }
}
