/** Wrong on purpose: prints the example run's pages at the right moments without fetching anything. */
public class Main {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("Fetching 4 pages");
        for (int page = 1; page <= 4; page++) {
            Thread.sleep(500);
            System.out.println("Page " + page + ": Content of page " + page);
        }
        System.out.println("Fetched 4 pages");
    }
}
