import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

// Mistake: concurrent and correct, but the lines have no "HH:MM:SS - " timestamp in front.
public class Main {
    static String fetch(String start, long millis, String done, String result) {
        System.out.println(start);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println(done);
        return result;
    }

    public static void main(String[] args) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var user = CompletableFuture.supplyAsync(
                    () -> fetch("Fetching user data...", 2500, "User data fetched", "User Data Retrieved"), executor);
            var catalog = CompletableFuture.supplyAsync(
                    () -> fetch("Fetching product catalog...", 1500, "Product catalog fetched", "Product Catalog Retrieved"), executor);
            System.out.println("Results: " + List.of(user.join(), catalog.join()));
        }
    }
}
