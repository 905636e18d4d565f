import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Main {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    // Prints a line with the wall-clock time in front: "10:30:00 - message".
    static void log(String message) {
        System.out.println(LocalTime.now().format(CLOCK) + " - " + message);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // BEGIN SOLUTION
    // STARTER: // write fetchUserData() (2.5 s) and fetchProductCatalog() (1.5 s) here
    static String fetchUserData() {
        log("Fetching user data...");
        pause(2500);
        log("User data fetched");
        return "User Data Retrieved";
    }

    static String fetchProductCatalog() {
        log("Fetching product catalog...");
        pause(1500);
        log("Product catalog fetched");
        return "Product Catalog Retrieved";
    }
    // END SOLUTION

    public static void main(String[] args) {
        // BEGIN SOLUTION
        // STARTER: List<String> results = List.of(); // run both fetches at the same time, collect their results
        List<String> results;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<String> user = CompletableFuture.supplyAsync(Main::fetchUserData, executor);
            CompletableFuture<String> catalog = CompletableFuture.supplyAsync(Main::fetchProductCatalog, executor);
            results = List.of(user.join(), catalog.join());
        }
        // END SOLUTION
        log("Results: " + results);
    }
}
