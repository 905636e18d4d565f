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
        return IntStream.rangeClosed(1, total).mapToObj(number -> fetchPage(number, seconds));
    }

    public static void main(String[] args) {
        int total = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);

        // Wrong on purpose: "fast" buffered output that is only flushed at the end, so every line
        // reaches the screen at the same moment even though the pages are streamed.
        java.io.PrintWriter out = new java.io.PrintWriter(new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(System.out), 1 << 16), false);
        out.println("Fetching " + total + " pages");
        fetchPages(total, seconds).forEach(page -> out.println("Page " + page.number() + ": " + page.data()));
        out.println("Fetched " + total + " pages");
        out.flush();
    }
}
